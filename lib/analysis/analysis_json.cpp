#include "analysis/analysis_json.hpp"

#include "analysis/registry.hpp"

#include <algorithm>
#include <cmath>

namespace mixgrade {

nlohmann::ordered_json json_numbers(const std::vector<std::optional<double>>& values,
                                    int decimals) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& v : values) out.push_back(json_number(v, decimals));
  return out;
}

namespace {

std::size_t decimation(std::size_t n) {
  return n <= kMaxSeriesPoints ? 1 : (n + kMaxSeriesPoints - 1) / kMaxSeriesPoints;
}

nlohmann::ordered_json decimated(const std::vector<double>& values, int decimals, bool lowest) {
  const std::size_t k = decimation(values.size());
  auto out = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < values.size(); i += k) {
    std::optional<double> m;
    for (std::size_t j = i; j < std::min(values.size(), i + k); ++j)
      if (std::isfinite(values[j]))
        m = !m ? values[j] : lowest ? std::min(*m, values[j]) : std::max(*m, values[j]);
    out.push_back(json_number(m, decimals));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json series_json(double start_s, double step_s, std::string_view key,
                                   const std::vector<double>& values, int decimals, bool lowest) {
  nlohmann::ordered_json j;
  j["start_s"] = json_number(start_s, 6);  // 6 places: a 9.98 ms sub-block must not read 10
  j["step_s"] = json_number(step_s * double(decimation(values.size())), 6);
  j[std::string(key)] = decimated(values, decimals, lowest);
  return j;
}

nlohmann::ordered_json event_json(std::string_view metric, std::int64_t count,
                                  const std::vector<double>& times_s) {
  nlohmann::ordered_json j;
  j["metric"] = metric;
  j["count"] = count;
  auto times = nlohmann::ordered_json::array();
  for (double t : times_s) times.push_back(json_number(t, 3));
  j["times_s"] = times;
  return j;
}

nlohmann::ordered_json to_json(const Analysis& a, const JsonOptions& options) {
  nlohmann::ordered_json j;
  j["file"] = a.file;
  j["format"] = {
      {"container", a.format.container},     {"encoding", a.format.encoding},
      {"sample_rate", a.format.sample_rate}, {"channels", a.format.channels},
      {"frames", a.format.frames},           {"duration_s", json_number(a.format.duration_s(), 3)}};
  for (const auto* analyser : analysers())
    if (analyser->present(a)) j[std::string(analyser->name)] = analyser->json(a, options);
  auto events = nlohmann::ordered_json::object();
  for (const auto* analyser : analysers())
    if (analyser->events && analyser->present(a)) analyser->events(a, events);
  if (!events.empty()) j["events"] = events;
  if (options.series) {
    auto series = nlohmann::ordered_json::object();
    for (const auto* analyser : analysers())
      if (analyser->series && analyser->present(a)) analyser->series(a, series);
    j["series"] = series;
  }
  j["warnings"] = a.warnings;
  return j;
}

}  // namespace mixgrade
