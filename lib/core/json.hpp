#pragma once
// JSON helpers every output shares: numbers that are never NaN, dumps that never throw on a
// file name that is not UTF-8, and the one-line error object of a failed input.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mixgrade {

// Serialises for output (indent -1: one line, for JSON Lines). A string that is not valid UTF-8
// (a Latin-1 file name from a Windows zip) is repaired with U+FFFD instead of throwing, which
// would stop a whole batch at one student's file name.
template <class Json>
std::string dump_json(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A number rounded to `decimals` places, or null when absent or not finite (never "-0.0").
nlohmann::ordered_json json_number(std::optional<double> value, int decimals);

// The line written for a file that could not be analysed or graded: {"file": ..., "error": ...}.
nlohmann::ordered_json error_json(const std::string& file, const std::string& message);

}  // namespace mixgrade
