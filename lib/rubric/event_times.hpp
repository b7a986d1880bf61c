#pragma once
// When things happen, in words: the analysis JSON's "events" (analysis_json.hpp) turned into the
// clause feedback and misconception messages end with, "first at 1:32.0; also 2:05.3, 2:41.8".
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

// A time as a DAW's clock shows it, to a tenth of a second: 92.04 -> "1:32.0", 3.25 -> "0:03.3".
std::string clock_time(double seconds);

// The event times recorded for `metric` (the first ones, at most kMaxEventTimes), empty when the
// analysis has none.
std::vector<double> event_times(const nlohmann::ordered_json& analysis, std::string_view metric);

// "First at 0:01.5; also 0:03.3, 0:07.0." for the first `shown` times (times the clock shows
// alike count once), ending ", and later." when there are more; "At 0:01.5." for one time, "Many
// times from 0:00.0 on." for a full list at one time; "" for none.
std::string event_times_sentence(const nlohmann::ordered_json& analysis, std::string_view metric,
                                 std::size_t shown = 3);

}  // namespace mixgrade
