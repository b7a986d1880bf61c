#pragma once
// Character escaping for the formats we write (XML, GitHub workflow commands): one loop, each
// format a table of what it replaces.
#include <span>
#include <string>
#include <string_view>

namespace mixgrade {

struct CharReplacement {
  char from;
  std::string_view to;
};

// `text` with every character listed in `table` replaced by its text; the others are kept.
std::string replace_chars(std::string_view text, std::span<const CharReplacement> table);

// `text` without leading and trailing spaces and tabs (CSV cells as people type them).
std::string trim_blanks(std::string_view text);

}  // namespace mixgrade
