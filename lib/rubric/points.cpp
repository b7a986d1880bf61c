#include "rubric/points.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mixgrade {

Placement place(const FullMarks& range, double value) {
  if (range.min && value < *range.min) return {Side::too_low, *range.min - value};
  if (range.max && value > *range.max) return {Side::too_high, value - *range.max};
  return {};
}

double award(const FullMarks& range, const Falloff& falloff, double max_points, double value) {
  const Placement p = place(range, value);
  if (p.side == Side::inside) return max_points;
  if (falloff.distance <= 0.0 || p.delta >= falloff.distance) return 0.0;
  const double x = p.delta / falloff.distance;  // 0 at the edge, 1 where points reach zero
  const double share =
      falloff.curve == Curve::cosine ? 0.5 * (1.0 + std::cos(std::numbers::pi * x)) : 1.0 - x;
  return max_points * share;
}

double apply_caps(double score, double max_score, std::span<const double> cap_percents) {
  for (double cap : cap_percents) score = std::min(score, max_score * cap / 100.0);
  return score;
}

}  // namespace mixgrade
