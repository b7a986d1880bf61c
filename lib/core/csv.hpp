#pragma once
// CSV as RFC 4180 defines it: fields separated by commas, a field quoted when it holds a comma, a
// quote or a line break, quotes inside doubled. What LMS gradebooks export and import.
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

using CsvRow = std::vector<std::string>;

// One field, quoted only when it has to be. A text that a spreadsheet would run as a formula
// (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP, "CSV
// Injection"); plain numbers stay as they are.
std::string csv_field(std::string_view value);
// One record: the fields joined by commas, ending in "\n".
std::string csv_row(const CsvRow& fields);

// Parses a whole file: CRLF or LF line ends, a UTF-8 byte-order mark (Excel writes one) skipped,
// blank lines dropped. Throws InputError(source, "line N: unterminated quoted field") when a
// quote is never closed. `row_lines`, when given, receives the line each row starts on.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& source,
                              std::vector<std::size_t>* row_lines = nullptr);

}  // namespace mixgrade
