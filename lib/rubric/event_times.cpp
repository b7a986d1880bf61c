#include "rubric/event_times.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/analysis_json.hpp"

namespace mixgrade {

namespace {

// The event kind of the analysis that explains `metric`, or nullptr.
const nlohmann::ordered_json* event_for(const nlohmann::ordered_json& analysis,
                                        std::string_view metric) {
  if (!analysis.is_object() || !analysis.contains("events") || !analysis["events"].is_object())
    return nullptr;
  for (const auto& [kind, e] : analysis["events"].items())
    if (e.is_object() && e.contains("metric") && e["metric"].is_string() &&
        e["metric"].get<std::string>() == metric && e.contains("times_s") &&
        e["times_s"].is_array())
      return &e;
  return nullptr;
}

}  // namespace

std::string clock_time(double seconds) {
  const auto tenths = static_cast<long long>(std::llround(std::max(0.0, seconds) * 10.0));
  return fmt::format("{}:{:02}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10);
}

std::vector<double> event_times(const nlohmann::ordered_json& analysis, std::string_view metric) {
  std::vector<double> out;
  if (const auto* e = event_for(analysis, metric))
    for (const auto& t : (*e)["times_s"])
      if (t.is_number()) out.push_back(t.get<double>());
  return out;
}

std::string event_times_sentence(const nlohmann::ordered_json& analysis, std::string_view metric,
                                 std::size_t shown) {
  const std::vector<double> times = event_times(analysis, metric);
  if (times.empty()) return "";
  // Events closer than the clock shows (a clipped chord clips every half cycle) are one time.
  std::vector<std::string> labels;
  for (double t : times)
    if (labels.empty() || labels.back() != clock_time(t)) labels.push_back(clock_time(t));
  // The analysis keeps the first kMaxEventTimes times: a full list may have more behind it.
  const bool more = times.size() >= kMaxEventTimes || labels.size() > shown;
  if (labels.size() == 1)
    return more ? "Many times from " + labels.front() + " on." : "At " + labels.front() + ".";
  std::string out = "First at " + labels.front();
  for (std::size_t i = 1; i < labels.size() && i < shown; ++i)
    out += (i == 1 ? "; also " : ", ") + labels[i];
  return out + (more ? ", and later." : ".");
}

}  // namespace mixgrade
