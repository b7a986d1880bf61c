// The concept graph and the assignment catalogue: the shipped files load and cover every concept;
// each malformed fixture gives its exact one-line message with FILE:LINE:COLUMN.
#define BOOST_TEST_MODULE learner_catalogue
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"

using namespace mixgrade::learner;

namespace {

const std::string kData = std::string(MIXGRADE_TEST_DATA) + "/learner/";
const std::string kRubrics = std::string(MIXGRADE_SOURCE_DIR) + "/rubrics";

std::string concept_error(const std::string& name) {
  try {
    load_concept_graph(kData + "concepts/" + name);
  } catch (const mixgrade::InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string catalogue_error(const std::string& dir, const std::vector<std::string>& rubrics) {
  const ConceptGraph graph = load_concept_graph(kData + "concepts/one.toml");
  try {
    load_catalogue(kData + "catalogue/" + dir, graph, rubrics);
  } catch (const mixgrade::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_concept_graph_is_topologically_ordered) {
  const ConceptGraph graph = load_concept_graph(kRubrics + "/concepts.toml");
  BOOST_TEST(graph.concepts().size() == 6u);
  BOOST_TEST(graph.mastery_threshold() == 0.95);
  std::set<std::string> seen;
  for (const auto& c : graph.concepts()) {
    for (const auto& pre : c.prerequisites)
      BOOST_TEST(seen.contains(pre), c.id << " before " << pre);
    seen.insert(c.id);
  }
  for (const char* id : {"gain_staging", "mix_balance", "eq_tonal_balance", "compression_dynamics",
                         "stereo_imaging", "loudness_mastering"})
    BOOST_TEST(graph.find(id) != nullptr, id);
  BOOST_TEST(graph.concepts().front().id == "gain_staging");
}

BOOST_AUTO_TEST_CASE(shipped_catalogue_covers_every_concept) {
  const ConceptGraph graph = load_concept_graph(kRubrics + "/concepts.toml");
  // The shipped rubric ids (issue 4); the catalogue must only name these.
  const std::vector<std::string> rubrics = {"broadcast-r128",        "club-master",
                                            "course-entry",          "first-mix",
                                            "mixdown-for-mastering", "streaming-master"};
  const Catalogue catalogue = load_catalogue(kRubrics + "/assignments", graph, rubrics);
  for (const auto& c : graph.concepts()) {
    BOOST_TEST(catalogue.select(c.id, AssignmentKind::worked_example).size() >= 1u, c.id);
    BOOST_TEST(catalogue.select(c.id, AssignmentKind::practice).size() >= 3u, c.id);
    BOOST_TEST(catalogue.select(c.id, AssignmentKind::transfer_probe).size() >= 1u, c.id);
    BOOST_TEST(catalogue.select(c.id, AssignmentKind::review).size() >= 1u, c.id);
  }
  // Worked examples ask for a prediction before each reveal.
  for (const auto& a : catalogue.assignments())
    if (a.kind == AssignmentKind::worked_example) {
      BOOST_TEST(a.instructions.find("Predict") != std::string::npos, a.id);
      BOOST_TEST(a.instructions.find("<details>") != std::string::npos, a.id);
    }
}

// One malformed fixture per rule; the message follows "FILE:".
BOOST_AUTO_TEST_CASE(malformed_concept_graphs_give_their_exact_message) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // An unknown prerequisite is reported at the array element.
      {"unknown_prerequisite.toml",
       "9:18: concept 'mix_balance' has unknown prerequisite 'gain_stagging' (known concepts: "
       "gain_staging, mix_balance)"},
      // A cycle lists the concepts on it.
      {"cycle.toml",
       "5:17: prerequisite cycle: a_first -> c_third -> b_second -> a_first (a concept cannot be "
       "needed before itself)"},
      {"bad_probability.toml",
       "4:9: [bkt_defaults]: 'learn' is a probability and must lie strictly between 0 and 1 (got "
       "1.500000)"},
      {"empty_key_term.toml",
       "5:13: concept 'gain_staging': 'key_terms' must hold non-empty strings"},
      {"guess_plus_slip.toml",
       "5:9: concept 'gain_staging': guess + slip must be below 1, otherwise a correct answer "
       "would count as evidence of not knowing the concept"},
  };
  for (const auto& [fixture, message] : cases)
    BOOST_TEST(concept_error(fixture) == kData + "concepts/" + fixture + ":" + message);
}

BOOST_AUTO_TEST_CASE(key_terms_are_read_lowercased) {
  const ConceptGraph graph = load_concept_graph(kData + "concepts/key_terms.toml");
  const std::vector<std::string> expected = {"headroom", "true peak", "dbfs"};
  BOOST_TEST(graph.at("gain_staging").key_terms == expected, boost::test_tools::per_element());
  BOOST_TEST(load_concept_graph(kData + "concepts/one.toml").at("gain_staging").key_terms.empty());
  const std::string message = concept_error("key_term_not_string.toml");
  BOOST_TEST(message.starts_with(kData + "concepts/key_term_not_string.toml:5:"), message);
  BOOST_TEST(message.find("key_terms") != std::string::npos, message);
  // Every shipped concept names 5 to 8 lowercase key terms.
  const ConceptGraph shipped = load_concept_graph(kRubrics + "/concepts.toml");
  for (const auto& c : shipped.concepts()) {
    BOOST_TEST((c.key_terms.size() >= 5u && c.key_terms.size() <= 8u), c.id);
    for (const auto& t : c.key_terms)
      BOOST_TEST(t.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos, t);
  }
}

BOOST_AUTO_TEST_CASE(syntax_error_has_a_position) {
  const std::string message = concept_error("syntax_error.toml");
  BOOST_TEST(message.starts_with(kData + "concepts/syntax_error.toml:3:"), message);
  BOOST_TEST(message.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(catalogue_unknown_kind) {
  BOOST_TEST(
      catalogue_error("unknown_kind", {}) ==
      kData +
          "catalogue/unknown_kind/a.toml:5:8: assignment 'x': unknown kind 'homework' "
          "(known: worked_example, practice, challenge, transfer_probe, review, diagnostic)");
}

BOOST_AUTO_TEST_CASE(catalogue_unknown_rubric) {
  BOOST_TEST(catalogue_error("unknown_rubric", {"first-mix", "streaming-master"}) ==
             kData +
                 "catalogue/unknown_rubric/a.toml:10:10: assignment 'x': unknown rubric "
                 "'fist-mix' (rubrics found: first-mix, streaming-master)");
}

BOOST_AUTO_TEST_CASE(catalogue_missing_coverage) {
  BOOST_TEST(catalogue_error("missing_practice", {}) ==
             kData +
                 "catalogue/missing_practice: concept 'gain_staging' has no worked_example "
                 "(every concept needs a worked example, practice at difficulties 1-3, a "
                 "challenge, a transfer probe and a review)");
}
