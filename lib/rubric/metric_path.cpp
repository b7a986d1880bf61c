#include "rubric/metric_path.hpp"

#include "rubric/metric_names.hpp"

namespace mixgrade {

std::optional<double> resolve_metric(const nlohmann::ordered_json& analysis,
                                     std::string_view path) {
  const nlohmann::ordered_json* node = &analysis;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    const std::string segment(path.substr(start, dot - start));
    const nlohmann::ordered_json* next = nullptr;
    if (node->is_object()) {
      const auto it = node->find(segment);
      if (it != node->end()) next = &*it;
    } else if (node->is_array()) {
      for (const auto& element : *node) {
        if (element.is_object() && element.contains("name") && element["name"] == segment) {
          next = &element;
          break;
        }
      }
    }
    if (next == nullptr) return std::nullopt;
    node = next;
    start = dot + 1;
  }
  // A yes/no measurement (delivery.lossy) reads as 1 or 0, so a rubric can compare it.
  if (node->is_boolean()) return node->get<bool>() ? 1.0 : 0.0;
  if (!node->is_number()) return std::nullopt;
  return node->get<double>();
}

namespace {

// The raw value at a dotted path (objects by key, arrays of objects by "name"); nullptr if absent.
const nlohmann::ordered_json* raw_at(const nlohmann::ordered_json& j, std::string_view path) {
  const nlohmann::ordered_json* at = &j;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    const nlohmann::ordered_json* next = nullptr;
    if (at->is_object()) {
      const auto it = at->find(key);
      if (it != at->end()) next = &*it;
    } else if (at->is_array()) {
      for (const auto& e : *at)
        if (e.is_object() && e.contains("name") && e["name"] == key) next = &e;
    }
    if (!next) return nullptr;
    at = next;
  }
  return at;
}

bool is_count(std::string_view path) {
  for (std::string_view end : {"clip_events", "channels", "frames", "sample_rate", "sample_rate_hz",
                               "bit_depth", "lossless_bits", "duration_s"})
    if (path.ends_with(end) &&
        (path.size() == end.size() || path[path.size() - end.size() - 1] == '.'))
      return true;
  return false;
}

}  // namespace

std::string analysis_problem(const nlohmann::ordered_json& analysis,
                             const std::vector<std::string>& graded) {
  if (!analysis.is_object()) return "not an analysis JSON object";
  if (analysis.contains("file") && !analysis["file"].is_string()) return "\"file\" is not a string";
  bool any_block = false;
  static const std::vector<KnownMetric> kMetrics = known_metrics();  // fixed for the run
  for (const KnownMetric& m : kMetrics) {
    const std::string block = m.path.substr(0, m.path.find('.'));
    if (analysis.contains(block)) any_block = true;
    const nlohmann::ordered_json* v = raw_at(analysis, m.path);
    if (!v || v->is_null()) continue;
    // List metrics (per channel, per band) are arrays, a few descriptive ones are text.
    if (!m.unit.empty() && (v->is_string() || v->is_object()))
      return "metric " + m.path + " is " + std::string(v->type_name()) + ", not a number";
    if (v->is_number() && is_count(m.path) && v->get<double>() < 0)
      return "metric " + m.path + " is negative, which no measurement gives";
  }
  if (!any_block)
    return "not an analysis: it holds none of the analysers' blocks (format, loudness, ...)";
  for (const std::string& path : graded) {
    const nlohmann::ordered_json* v = raw_at(analysis, path);
    if (v && !v->is_null() && !v->is_number() && !v->is_boolean())
      return "metric " + path + " is " + std::string(v->type_name()) + ", not a number";
  }
  return "";
}

}  // namespace mixgrade
