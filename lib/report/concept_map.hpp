#pragma once
// The concept map a student sees: Graphviz DOT we write ourselves, rendered to SVG by Graphviz's
// library (libgvc), so the map needs no `dot` executable at run time.
#include <string>

#include "learner/concepts.hpp"
#include "learner/state.hpp"

namespace mixgrade {

// Nodes filled by mastery on a red (0) to green (mastered) hue scale with the percentage in the
// label; locked concepts dashed, ready ones outlined bold, mastered ones with a double border.
// Edges run from prerequisite to concept. Deterministic: graph order, fixed number formatting.
std::string concept_map_dot(const learner::LearnerState& state, const learner::ConceptGraph& graph);

// Lays out `dot` with the "dot" engine and renders SVG. Throws std::runtime_error when Graphviz
// rejects the graph or has no SVG renderer installed. Not thread-safe (Graphviz is not): call it
// from one thread.
//
// Every call uses one Graphviz context, created on first use and kept for the life of the
// process: Graphviz 2.42's pango plug-in remembers the last font name in a static pointer into
// the context's font table, so any second context in a process reads the first one's freed memory
// (AddressSanitizer: heap-use-after-free in textspan_size). A batch renders a map per student.
std::string render_svg(const std::string& dot);

}  // namespace mixgrade
