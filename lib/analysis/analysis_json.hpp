#pragma once
// The JSON contract of the analysis tools (one object per file, JSON Lines). Fields may be added;
// none is renamed without a reason. Values that cannot be measured are null, never NaN or -inf.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/analysis.hpp"
#include "core/json.hpp"

namespace mixgrade {

struct JsonOptions {
  bool short_term_series = false;  // include loudness.short_term_series (10 Hz, for plots)
  // Include the "series" member: what the plots draw (loudness over time, correlation over time),
  // each at most kMaxSeriesPoints long. The batch cache stores it, so a warm re-run draws the same.
  bool series = false;
};

// The file, its format, then every block the Analysis holds, written by its analyser's descriptor
// in registry order (registry.hpp), then "events" (when a block has any) and "series" (when asked
// for), then the warnings.
//
// "events": where in the file things happen, one member per kind, each naming the metric it
// explains, so feedback on that metric can say when ("first at 1:32; also 2:05, 2:41"):
//   {"<kind>": {"metric": "dynamics.clip_events", "count": 12, "times_s": [1.5, 3.25, ...]}, ...}
// times_s holds at most kMaxEventTimes times, the first ones; other members per kind (start_s,
// end_s, stretches, threshold) are described by the analyser that writes them.
// "series": {"<name>": {"start_s": t0, "step_s": dt, "<values>": [...]}}: value i at t0 + i dt,
// null where unmeasured (silence).
nlohmann::ordered_json to_json(const Analysis& analysis, const JsonOptions& options = {});

// Events keep the first 20 times of each kind, so memory and the JSON stay flat for any length.
inline constexpr std::size_t kMaxEventTimes = 20;
// A series longer than this is decimated (series_json).
inline constexpr std::size_t kMaxSeriesPoints = 4000;

// One series for plots: {"start_s", "step_s", key: values}. Longer than kMaxSeriesPoints, each run
// of k = ceil(n / kMaxSeriesPoints) values becomes its largest (so peaks survive; `lowest`: its
// smallest, so dips survive) and step_s is k * step_s: deterministic, the same bytes for the same
// input. Non-finite values are null.
nlohmann::ordered_json series_json(double start_s, double step_s, std::string_view key,
                                   const std::vector<double>& values, int decimals,
                                   bool lowest = false);

// One kind of event: {"metric", "count", "times_s"} (times in seconds, 3 decimals).
nlohmann::ordered_json event_json(std::string_view metric, std::int64_t count,
                                  const std::vector<double>& times_s);

// For the block writers: a list of numbers rounded to `decimals`, null where absent.
nlohmann::ordered_json json_numbers(const std::vector<std::optional<double>>& values, int decimals);

// For the block writers: one number field of a block, written as json_number(block.*member,
// decimals) under `key`.
template <class Block>
struct NumberField {
  std::string_view key;
  std::optional<double> Block::*member;
  int decimals = 2;
};
// Writes `fields` into `j`, in their order.
template <class Block>
void put_numbers(nlohmann::ordered_json& j, const Block& block,
                 std::initializer_list<NumberField<Block>> fields) {
  for (const auto& f : fields) j[std::string(f.key)] = json_number(block.*f.member, f.decimals);
}

}  // namespace mixgrade
