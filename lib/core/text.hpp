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

// `text` safe to print on a terminal: C0 control characters (tab and line feed too), DEL and the
// C1 controls (U+0080..U+009F) become "\xHH" escapes, so a file name with an escape sequence in it
// cannot move the cursor, recolour the screen or retitle the window. `keep_newlines` keeps line
// feeds (a message that is several lines on purpose).
std::string terminal_safe(std::string_view text, bool keep_newlines = false);

// `text` with ASCII letters lowercased (file extensions, names compared case-insensitively).
std::string ascii_lower(std::string_view text);

// The items joined by `separator`: "a, b, c".
std::string join(std::span<const std::string> items, std::string_view separator = ", ");

// `text` without leading and trailing spaces and tabs (CSV cells as people type them).
std::string trim_blanks(std::string_view text);

}  // namespace mixgrade
