#include "rubric/metric_names.hpp"

#include "core/edit_distance.hpp"

#include <algorithm>
#include <numeric>

namespace mixgrade {
namespace {

// Expands the first "<a|b|c>" group of `path` (recursively, so several groups multiply).
void expand(const std::string& path, const KnownMetric& row, std::vector<KnownMetric>& out) {
  const auto open = path.find('<');
  const auto close = path.find('>', open);
  if (open == std::string::npos || close == std::string::npos) {
    out.push_back({path, row.unit, row.list});
    return;
  }
  const std::string head = path.substr(0, open);
  const std::string tail = path.substr(close + 1);
  const std::string group = path.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= group.size()) {
    auto bar = group.find('|', start);
    if (bar == std::string::npos) bar = group.size();
    expand(head + group.substr(start, bar - start) + tail, row, out);
    start = bar + 1;
  }
}

}  // namespace

std::vector<KnownMetric> known_metrics(std::span<const MetricInfo> table) {
  std::vector<KnownMetric> out;
  for (const auto& row : table)
    expand(std::string(row.path), {std::string(row.path), std::string(row.unit), row.list}, out);
  return out;
}

std::vector<std::string> closest_first(std::string_view wanted, std::vector<std::string> names) {
  std::stable_sort(names.begin(), names.end(), [&](const std::string& x, const std::string& y) {
    return edit_distance(wanted, x) < edit_distance(wanted, y);
  });
  return names;
}

}  // namespace mixgrade
