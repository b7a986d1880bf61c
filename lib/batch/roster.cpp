#include "batch/roster.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/read_file.hpp"
#include "core/text.hpp"

namespace mixgrade {

namespace {

std::string fold(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// Logins are case-insensitive in every LMS we read ("JSmith" and "jsmith" are one student).
bool same_login(std::string_view a, std::string_view b) {
  return !a.empty() && a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// "Last, First" gives "lastfirst" and "firstlast"; a name without a comma folds as it is.
std::vector<std::string> name_keys(const std::string& student) {
  const auto comma = student.find(',');
  if (comma == std::string::npos) return {fold(student)};
  const std::string last = student.substr(0, comma), first = student.substr(comma + 1);
  return {fold(last + first), fold(first + last)};
}

template <typename Pred>
std::optional<RosterEntry> unique_match(const Roster& roster, Pred pred) {
  std::optional<RosterEntry> found;
  for (const auto& e : roster.entries) {
    if (!pred(e)) continue;
    if (found) return std::nullopt;  // two students fit: guessing would mix up grades
    found = e;
  }
  return found;
}

}  // namespace

Roster parse_roster(std::string_view text, const std::string& source) {
  const auto rows = parse_csv(text, source);
  if (rows.empty()) throw InputError(source, "empty roster");
  const auto& header = rows.front();
  auto column = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (trim_blanks(header[i]) == name) return i;
    return std::nullopt;
  };
  const auto student = column("Student"), id = column("ID");
  if (!student || !id)
    throw InputError(source, std::string("no '") + (student ? "ID" : "Student") +
                                 "' column (expected the columns of a Canvas gradebook export: "
                                 "Student, ID, SIS User ID, SIS Login ID, Section)");
  const auto sis_user = column("SIS User ID"), sis_login = column("SIS Login ID"),
             section = column("Section");
  auto cell = [](const CsvRow& row, std::optional<std::size_t> i) {
    return i && *i < row.size() ? trim_blanks(row[*i]) : std::string();
  };
  Roster roster;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    RosterEntry e{cell(rows[r], student), cell(rows[r], id), cell(rows[r], sis_user),
                  cell(rows[r], sis_login), cell(rows[r], section)};
    // Canvas exports carry a "Points Possible" row and the course's Test Student.
    if (e.student.find("Points Possible") != std::string::npos) continue;
    if (e.student == "Student, Test" || e.student == "Test Student") continue;
    if (e.student.empty() && e.id.empty()) continue;
    roster.entries.push_back(std::move(e));
  }
  return roster;
}

Roster read_roster(const std::filesystem::path& path) {
  return parse_roster(read_input_file(path), path.string());
}

std::optional<RosterEntry> match_roster(const Roster& roster, const Submission& s) {
  if (s.layout == Layout::kCanvas && !s.lms_user_id.empty())
    if (auto e = unique_match(roster, [&](const RosterEntry& r) { return r.id == s.lms_user_id; }))
      return e;
  if (auto e = unique_match(roster, [&](const RosterEntry& r) {
        return same_login(r.sis_login_id, s.student_key) ||
               same_login(r.sis_user_id, s.student_key);
      }))
    return e;
  const std::string name = fold(s.display_name);
  if (name.empty()) return std::nullopt;
  return unique_match(roster, [&](const RosterEntry& r) {
    const auto keys = name_keys(r.student);
    return std::find(keys.begin(), keys.end(), name) != keys.end();
  });
}

}  // namespace mixgrade
