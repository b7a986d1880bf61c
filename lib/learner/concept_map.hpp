#pragma once
// The concept map a student sees: Graphviz DOT we write ourselves, rendered to SVG by Graphviz's
// library (libgvc), so the map needs no `dot` executable at run time.
#include <memory>
#include <string>

#include "learner/concepts.hpp"
#include "learner/state.hpp"

struct GVC_s;  // Graphviz's context (GVC_t in <graphviz/gvc.h>)

namespace mixgrade::learner {

// Nodes filled by mastery on a red (0) to green (mastered) hue scale with the percentage in the
// label; locked concepts dashed, ready ones outlined bold, mastered ones with a double border.
// Edges run from prerequisite to concept. Deterministic: graph order, fixed number formatting.
std::string concept_map_dot(const LearnerState& state, const ConceptGraph& graph);

// Lays out DOT with the "dot" engine and renders SVG, all maps of a run through one Graphviz
// context. One context, not one per map: Graphviz 2.42's pango plug-in remembers the last font
// name by pointer into the context's font table, so a second context reads the first one's freed
// memory (AddressSanitizer: heap-use-after-free in textspan_size, from the second map on).
class SvgRenderer {
 public:
  SvgRenderer();
  // Throws std::runtime_error when Graphviz rejects the graph or has no SVG renderer installed.
  std::string render(const std::string& dot);

 private:
  struct Closer {
    void operator()(::GVC_s* gvc) const;
  };
  std::unique_ptr<::GVC_s, Closer> gvc_;
};

// One map, with a renderer of its own: for a process that renders once.
std::string render_svg(const std::string& dot);

}  // namespace mixgrade::learner
