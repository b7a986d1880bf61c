#pragma once
// The JSON contract of the analysis tools (one object per file, JSON Lines). Fields may be added;
// none is renamed without a reason. Values that cannot be measured are null, never NaN or -inf.
#include <nlohmann/json.hpp>

#include "analysis/analysis.hpp"

namespace mixgrade {

struct JsonOptions {
  bool short_term_series = false;  // include loudness.short_term_series (10 Hz, for plots)
};

nlohmann::ordered_json to_json(const Analysis& analysis, const JsonOptions& options = {});

// The line written for a file that could not be analysed: {"file": ..., "error": ...}.
nlohmann::ordered_json error_json(const std::string& file, const std::string& message);

// Serialises for output (indent -1: one line, for JSON Lines). A string that is not valid UTF-8
// (a Latin-1 file name from a Windows zip) is repaired with U+FFFD instead of throwing, which
// would stop a whole batch at one student's file name.
template <class Json>
std::string dump_json(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A number rounded to `decimals` places, or null when absent or not finite.
nlohmann::ordered_json json_number(std::optional<double> value, int decimals);

}  // namespace mixgrade
