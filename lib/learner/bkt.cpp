#include "learner/bkt.hpp"

namespace mixgrade::learner {

double bkt_update(double p_known, bool correct, const BktParams& p) {
  const double known = correct ? p_known * (1.0 - p.slip) : p_known * p.slip;
  const double unknown = correct ? (1.0 - p_known) * p.guess : (1.0 - p_known) * (1.0 - p.guess);
  // The concept file guarantees 0 < guess, slip < 1, so the denominator is positive.
  const double posterior = known / (known + unknown);
  return posterior + (1.0 - posterior) * p.learn;
}

}  // namespace mixgrade::learner
