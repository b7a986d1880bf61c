#pragma once
// JSON helpers every output shares: numbers that are never NaN, dumps that never throw on a
// file name that is not UTF-8, and the one-line error object of a failed input.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

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

// Deeper nesting is refused before parsing: nlohmann's copies and dumps recurse, so one hostile
// line a million brackets deep would overflow the stack and take the whole run with it.
inline constexpr int kMaxJsonDepth = 128;
// Whether JSON text nests deeper than `limit` (brackets outside strings; stops at the first
// level past it, so it reads a hostile line once).
bool json_too_deep(std::string_view text, int limit = kMaxJsonDepth);
inline const char* kJsonTooDeep = "JSON nested more than 128 levels deep";

// j[key] when it is a string, else `fallback` (j.value() throws when the key holds another type).
std::string text_or(const nlohmann::ordered_json& j, const char* key, std::string fallback);

// The line written for a file that could not be analysed or graded: {"file": ..., "error": ...}.
nlohmann::ordered_json error_json(const std::string& file, const std::string& message);

}  // namespace mixgrade
