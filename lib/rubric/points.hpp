#pragma once
// The scoring maths, and nothing else: where a value lies against its full-marks range, the
// points it earns, and the total after caps.
#include <optional>
#include <span>

#include "rubric/rubric.hpp"

namespace mixgrade {

enum class Side { inside, too_low, too_high };

struct Placement {
  Side side = Side::inside;
  double delta = 0.0;  // distance outside the range (0 inside), always >= 0
};

Placement place(const FullMarks& range, double value);

// Full points inside the range (edges included); outside, points fall from full at the edge to
// zero at `falloff.distance` (linear, or half a cosine: gentler near the edge); zero beyond.
// Distance 0: all or nothing.
double award(const FullMarks& range, const Falloff& falloff, double max_points, double value);

// The total after caps: every cap (percent of max_score) that applies limits the score.
double apply_caps(double score, double max_score, std::span<const double> cap_percents);

}  // namespace mixgrade
