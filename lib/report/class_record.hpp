#pragma once
// One class, graded: every submission joined with its score and its roster entry. The class
// writers (gradebook, grades.json, JUnit, summary) all read this and nothing else, so they cannot
// disagree about who got what.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_table.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

// How a submission was found in the LMS download (batch/discovery.hpp reads the layouts).
enum class Layout { kAuto, kCanvas, kMoodle, kFolders, kFlat };
inline constexpr std::array kLayoutNames = {
    EnumName{Layout::kAuto, "auto"}, EnumName{Layout::kCanvas, "canvas"},
    EnumName{Layout::kMoodle, "moodle"}, EnumName{Layout::kFolders, "folders"},
    EnumName{Layout::kFlat, "flat"}};
std::string_view to_string(Layout layout);

// One student's hand-in as discovered (batch/discovery.hpp).
struct Submission {
  std::string student_key;     // unique and stable within one download: the LMS id when the
                               // layout has one (Canvas user id, Moodle participant id), else the
                               // folder name or the file's stem
  std::string display_name;    // as the layout spells it: "okafornkechi", "Nkechi Okafor", "alice"
  std::string lms_user_id;     // Canvas user id or Moodle participant id; empty otherwise
  bool late = false;           // Canvas marked the file LATE
  std::filesystem::path path;  // the audio file to grade; empty when the student has none
  Layout layout = Layout::kAuto;      // the layout it was found by (never kAuto)
  std::vector<std::string> warnings;  // several files (which one was graded and why), no audio
  // The student's teach-it-back text among their own files (.md, .txt, .html: Moodle's online
  // text too): one whose name says "explain" first, else the newest; empty when none.
  std::filesystem::path explanation{};
  // Why `path` must not be opened (a FIFO, a link loop, a link out of the download): the
  // student is reported as not processed with this reason, never dropped. "" when it is fine.
  std::string unusable{};
};

// One row of the class roster (batch/roster.hpp reads it).
struct RosterEntry {
  std::string student;  // "Last, First", as Canvas sorts names
  std::string id;       // Canvas user id: the number in Canvas download file names
  std::string sis_user_id;
  std::string sis_login_id;
  std::string section;
};

struct Assignment {
  std::string name = "Mix";  // the gradebook column: "<name> (<id>)"
  std::string id;            // the LMS assignment id; empty leaves the parentheses out
};

struct StudentRow {
  Submission submission;
  std::optional<RosterEntry> roster;
  std::optional<ScoreRecord> score;  // graded
  std::string error;                 // why there is no score (set exactly when score is empty)

  // The roster's "Last, First" when matched, else the name the LMS download gives.
  std::string name() const;
  // Graded and the grade released: a withheld grade (a cut-off upload) counts in no statistic.
  bool released() const { return score && !score->withheld; }
};

struct ClassReport {
  Assignment assignment;
  std::vector<StudentRow> students;        // in discovery order (sorted by student key)
  std::vector<RosterEntry> not_submitted;  // on the roster, no submission, in roster order
  std::vector<std::string> warnings;       // discovery warnings: files that were skipped
  std::size_t regrades = 0;                // attempts whose earlier grading this run replaced
  double rubric_total = 0;                 // the rubric's points; 0 when not known (old merge)

  std::size_t graded() const;    // a grade was released (scored and not withheld)
  std::size_t withheld() const;  // scored, but the grade is on hold (a cut-off upload)
  std::size_t passed() const;
  std::size_t failed_to_process() const;
  std::size_t late() const;
  // The rubric of the first scored student (a batch grades with one rubric).
  std::optional<RubricIdentity> rubric() const;
  // What the assignment is worth in the LMS: the rubric's total; without it, the largest
  // max_score graded (never just the first student's). 0 when nobody was graded.
  double points_possible() const;
};

}  // namespace mixgrade
