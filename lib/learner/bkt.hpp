#pragma once
// Bayesian Knowledge Tracing (Corbett & Anderson 1995, "Knowledge tracing: Modeling the
// acquisition of procedural knowledge"), with forgetting fixed at 0.
#include "learner/concepts.hpp"

namespace mixgrade::learner {

// P(L) after observing one opportunity:
//   posterior  P(L | correct) = P(L)(1-S) / (P(L)(1-S) + (1-P(L))G)
//              P(L | wrong)   = P(L)S     / (P(L)S     + (1-P(L))(1-G))
//   transition P(L') = posterior + (1 - posterior) T
double bkt_update(double p_known, bool correct, const BktParams& params);

}  // namespace mixgrade::learner
