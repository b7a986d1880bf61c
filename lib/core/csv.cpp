#include "core/csv.hpp"

#include "core/text.hpp"

#include "core/error.hpp"

namespace mixgrade {

namespace {

// A plain number ("-3", "12.5"): a spreadsheet reads it as a number, never as a formula.
bool is_number(std::string_view v) {
  std::size_t i = v.starts_with('-') || v.starts_with('+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9')
      digits = true;
    else if (v[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

}  // namespace

std::string csv_field(std::string_view raw) {
  // CSV injection (OWASP): a cell that starts with = + - @, a tab or a carriage return is run as
  // a formula by Excel and LibreOffice. Such a text cell gets a leading apostrophe, which they
  // show as text; plain numbers are left alone.
  // Other control characters (an escape sequence in an uploaded file name) are written as
  // "\xHH": a gradebook printed in a terminal cannot be made to move the cursor.
  std::string cleaned;
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7f)
      cleaned += terminal_safe(std::string_view(&c, 1));
    else
      cleaned += c;
  }
  if (!cleaned.empty() &&
      std::string_view("=+-@\t\r").find(cleaned.front()) != std::string_view::npos &&
      !is_number(cleaned))
    cleaned.insert(cleaned.begin(), '\'');
  const std::string_view value = cleaned;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const CsvRow& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\n";
}

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& source,
                              std::vector<std::size_t>* row_lines) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false;        // inside a quoted field
  bool row_has_data = false;  // something other than a line end was read on this record
  std::size_t line = 1, quote_line = 0, row_line = 1;
  auto end_row = [&] {
    if (row_has_data) {
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
      if (row_lines != nullptr) row_lines->push_back(row_line);
    }
    row.clear();
    field.clear();
    row_has_data = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      quote_line = line;
      row_has_data = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      row_has_data = true;
    } else if (c == '\n') {
      end_row();
      row_line = ++line;
    } else if (c != '\r') {
      field += c;
      row_has_data = true;
    }
  }
  if (quoted)
    throw InputError(source, "line " + std::to_string(quote_line) + ": unterminated quoted field");
  end_row();
  return rows;
}

}  // namespace mixgrade
