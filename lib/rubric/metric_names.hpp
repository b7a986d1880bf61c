#pragma once
// The metric names a rubric may use, read from the metric table at run time (so rubrics that
// name metrics added by a new analyser validate as soon as its table rows exist), and the
// "did you mean" ordering of teaching errors.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/metrics.hpp"

namespace mixgrade {

struct KnownMetric {
  std::string path;
  std::string unit;
  bool list = false;  // one value per channel or band: no criterion or condition can use it
};

// One entry per path. A table row written as a pattern, "spectrum.bands.<sub|bass>.level_db",
// expands to one path per alternative.
std::vector<KnownMetric> known_metrics(std::span<const MetricInfo> table = metric_table());

// `names` ordered by edit distance to `wanted`, closest first; ties keep their given order.
std::vector<std::string> closest_first(std::string_view wanted, std::vector<std::string> names);

}  // namespace mixgrade
