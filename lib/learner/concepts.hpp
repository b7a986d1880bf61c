#pragma once
// The concept graph is read at the rubric layer (rubric validation needs its ids); the learner
// model names it as its own.
#include "rubric/concepts.hpp"

namespace mixgrade::learner {

using mixgrade::BktParams;
using mixgrade::Concept;
using mixgrade::ConceptGraph;
using mixgrade::load_concept_graph;

}  // namespace mixgrade::learner
