#include "report/concept_map.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "learner/policy.hpp"

namespace mixgrade {
using namespace learner;
namespace {

// A DOT string literal; `text` is taken literally (quotes and backslashes escaped).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Hue 0 (red) at no mastery to 1/3 (green) at the mastery threshold, as Graphviz "H S V".
std::string fill_colour(double p_known, double threshold) {
  const double t = std::clamp(p_known / threshold, 0.0, 1.0);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f 0.550 0.950", t / 3.0);
  return buffer;
}

}  // namespace

std::string concept_map_dot(const LearnerState& state, const ConceptGraph& graph) {
  std::string dot =
      "digraph concepts {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.6];\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [color=\"#777777\"];\n";
  for (const Concept& c : graph.concepts()) {
    const ConceptState* cs = state.find(c.id);
    const double p = cs ? cs->p_known : c.bkt.prior;
    const ConceptStatus status = concept_status(state, graph, c.id);
    // "\n" is DOT's centred line break, so the two lines are joined after quoting.
    std::string label = quoted(c.title);
    label.insert(label.size() - 1, "\\n" + std::to_string(static_cast<int>(p * 100 + 0.5)) +
                                       " % (" + std::string(to_string(status)) + ")");
    std::string style;
    switch (status) {
      case ConceptStatus::locked:
        style = "style=\"rounded,filled,dashed\", penwidth=1";
        break;
      case ConceptStatus::ready:
        style = "style=\"rounded,filled,bold\", penwidth=3";
        break;
      case ConceptStatus::mastered:
        style = "peripheries=2";
        break;
    }
    dot += "  " + quoted(c.id) + " [label=" + label + ", fillcolor=\"" +
           fill_colour(p, graph.mastery_threshold()) + "\", " + style + "];\n";
  }
  for (const Concept& c : graph.concepts())
    for (const auto& pre : c.prerequisites)
      dot += "  " + quoted(pre) + " -> " + quoted(c.id) + ";\n";
  return dot + "}\n";
}

namespace {

GVC_t* process_context() {
  // Deliberately never freed (see render_svg in the header); the magic static makes creation
  // thread-safe, the rendering itself stays single-threaded.
  static GVC_t* const context = [] {
    // Graphviz prints its own diagnostics to stderr; the library must stay silent (the tool
    // reports the exception instead), so raise cgraph's print threshold above every level.
    agseterr(AGMAX);
    return gvContext();
  }();
  if (!context) throw std::runtime_error("Graphviz: cannot create a context");
  return context;
}

}  // namespace

std::string render_svg(const std::string& dot) {
  struct GraphCloser {
    void operator()(Agraph_t* g) const { agclose(g); }
  };
  GVC_t* gvc = process_context();
  std::unique_ptr<Agraph_t, GraphCloser> graph(agmemread(dot.c_str()));
  if (!graph) throw std::runtime_error("Graphviz: cannot parse the concept map");
  if (gvLayout(gvc, graph.get(), "dot") != 0)
    throw std::runtime_error("Graphviz: layout failed (is the dot layout plugin installed?)");
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, graph.get(), "svg", &data, &length);
  std::string svg = rc == 0 && data ? std::string(data, length) : std::string();
  gvFreeRenderData(data);
  gvFreeLayout(gvc, graph.get());
  if (rc != 0) throw std::runtime_error("Graphviz: SVG rendering failed");
  return svg;
}

}  // namespace mixgrade
