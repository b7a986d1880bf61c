#pragma once
// The class roster: the student columns of a Canvas gradebook export (Student, ID, SIS User ID,
// SIS Login ID, Section), which is also what the gradebook we write must repeat for Canvas to
// match rows to students. A full Canvas export can be used as it is: assignment columns, the
// "Points Possible" row and Canvas' "Student, Test" account are ignored.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/discovery.hpp"

namespace mixgrade {

struct Roster {
  std::vector<RosterEntry> entries;  // in file order
};

// Columns are found by their header names, in any order; Student and ID are required. Throws
// InputError naming the file when it cannot be read or lacks a required column.
Roster read_roster(const std::filesystem::path& path);
Roster parse_roster(std::string_view text, const std::string& source);

// The roster entry for a submission, or nullopt when there is none or more than one candidate.
// Tried in order: the Canvas user id (Canvas layout only: Moodle participant ids are another
// numbering), then the student key as SIS Login ID or SIS User ID (folders named by login), then
// the name with everything but letters and digits dropped, case-folded, as "lastfirst" (how
// Canvas spells it in file names) or "firstlast" (Moodle's "First Last").
std::optional<RosterEntry> match_roster(const Roster& roster, const Submission& submission);

}  // namespace mixgrade
