#include "learner/bkt.hpp"

#include <algorithm>

namespace mixgrade::learner {
namespace {

double posterior(double p_known, bool correct, const BktParams& p) {
  const double known = correct ? p_known * (1.0 - p.slip) : p_known * p.slip;
  const double unknown = correct ? (1.0 - p_known) * p.guess : (1.0 - p_known) * (1.0 - p.guess);
  // The concept file guarantees 0 < guess, slip < 1, so the denominator is positive.
  return known / (known + unknown);
}

}  // namespace

double bkt_update(double p_known, bool correct, const BktParams& p) {
  const double post = posterior(p_known, correct, p);
  return post + (1.0 - post) * p.learn;
}

double bkt_observe(double p_known, double share_correct, const BktParams& p, double weight) {
  const double s = std::clamp(share_correct, 0.0, 1.0);
  const double post = s * posterior(p_known, true, p) + (1.0 - s) * posterior(p_known, false, p);
  const double full = post + (1.0 - post) * p.learn;
  return p_known + std::clamp(weight, 0.0, 1.0) * (full - p_known);
}

}  // namespace mixgrade::learner
