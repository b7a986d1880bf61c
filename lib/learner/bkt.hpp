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

// One calibrated observation: a submission is ONE opportunity per concept, however many of its
// criteria exercise the concept (three loudness criteria of one file are not three independent
// attempts; counting them so is what made one good file jump a concept from 20 % to 89 %).
// `share_correct` is the share of the concept's applicable criteria met in that submission; the
// posterior is the mixture of the two outcomes (Jeffrey's rule of conditioning on uncertain
// evidence):
//   posterior = s P(L | correct) + (1 - s) P(L | wrong)
// so s = 1 and s = 0 are bkt_update's two cases. `weight` in [0, 1] discounts weak evidence (a
// teach-it-back text): the posterior moves only that share of the way from P(L), and learning
// applies in the same share:
//   P(L') = P(L) + w (bkt_observe(P(L), s, 1) - P(L))
double bkt_observe(double p_known, double share_correct, const BktParams& params,
                   double weight = 1.0);

}  // namespace mixgrade::learner
