// The concept map: node styles follow the concept status, colours follow mastery, and Graphviz's
// library renders it to SVG.
#define BOOST_TEST_MODULE learner_concept_map
#include <boost/test/unit_test.hpp>

#include "report/concept_map.hpp"

using namespace mixgrade;
using namespace mixgrade::learner;

namespace {

ConceptGraph chain() {
  return ConceptGraph({Concept{"root", "Root \"basics\"", "d", {}, BktParams{}},
                       Concept{"middle", "Middle", "d", {"root"}, BktParams{}},
                       Concept{"leaf", "Leaf", "d", {"middle"}, BktParams{}}},
                      0.95);
}

LearnerState state(double root, double middle, double leaf) {
  LearnerState s;
  for (auto [id, p] : {std::pair{"root", root}, {"middle", middle}, {"leaf", leaf}}) {
    ConceptState cs;
    cs.concept_id = id;
    cs.p_known = p;
    // Measured once: a concept below 0.5 missed its latest hand-in (a prerequisite that misses
    // locks what depends on it); one never measured would lock nothing.
    cs.observations = 1;
    cs.last_share = p < 0.5 ? 0.0 : 1.0;
    s.concepts.push_back(cs);
  }
  return s;
}

std::string node_line(const std::string& dot, const std::string& id) {
  const auto start = dot.find("  \"" + id + "\" [");
  return dot.substr(start, dot.find('\n', start) - start);
}

}  // namespace

BOOST_AUTO_TEST_CASE(styles_follow_status_and_colours_follow_mastery) {
  const std::string dot = concept_map_dot(state(0.97, 0.0, 0.5), chain());
  // Mastered: green (hue 1/3), double border.
  BOOST_TEST(node_line(dot, "root").find("fillcolor=\"0.333 ") != std::string::npos, dot);
  BOOST_TEST(node_line(dot, "root").find("peripheries=2") != std::string::npos);
  // Ready (its prerequisite does not miss), nothing known: red (hue 0), bold outline.
  BOOST_TEST(node_line(dot, "middle").find("fillcolor=\"0.000 ") != std::string::npos);
  BOOST_TEST(node_line(dot, "middle").find("bold") != std::string::npos);
  // Locked (middle missed its latest hand-in): dashed, hue halfway at half the threshold: 0.5 /
  // 0.95 / 3 = 0.175.
  BOOST_TEST(node_line(dot, "leaf").find("dashed") != std::string::npos);
  BOOST_TEST(node_line(dot, "leaf").find("fillcolor=\"0.175 ") != std::string::npos);
  BOOST_TEST(dot.find("\"root\" -> \"middle\";") != std::string::npos);
  BOOST_TEST(dot.find("Root \\\"basics\\\"\\n97 % (mastered)") != std::string::npos, dot);
}

BOOST_AUTO_TEST_CASE(renders_svg_with_every_node) {
  const std::string svg = render_svg(concept_map_dot(state(0.2, 0.2, 0.2), chain()));
  BOOST_TEST(svg.find("<svg") != std::string::npos);
  for (const char* id : {"root", "middle", "leaf"})
    BOOST_TEST(svg.find(std::string("<title>") + id + "</title>") != std::string::npos, id);
  BOOST_TEST(svg.find("stroke-dasharray") != std::string::npos);  // the locked nodes
  BOOST_CHECK_THROW(render_svg("digraph { this is not dot"), std::runtime_error);
}

// A batch renders one map per student: the same map rendered again, after others, is byte for
// byte the same (under ASan this also catches Graphviz reading freed font names, which a fresh
// context per map did).
BOOST_AUTO_TEST_CASE(many_maps_in_one_process) {
  const std::string first = render_svg(concept_map_dot(state(0.2, 0.2, 0.2), chain()));
  render_svg(concept_map_dot(state(0.9, 0.5, 0.1), chain()));
  render_svg(concept_map_dot(state(0.99, 0.99, 0.99), chain()));
  BOOST_TEST(render_svg(concept_map_dot(state(0.2, 0.2, 0.2), chain())) == first);
}
