#pragma once
// One class, graded: every submission joined with its score and its roster entry. The class
// writers (gradebook, grades.json, JUnit, summary) all read this and nothing else, so they cannot
// disagree about who got what.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "batch/discovery.hpp"
#include "batch/roster.hpp"
#include "report/score_record.hpp"

namespace mixgrade {

struct Assignment {
  std::string name = "Mix";  // the gradebook column: "<name> (<id>)"
  std::string id;            // the LMS assignment id; empty leaves the parentheses out
};

// What the batch driver hands over for one student: the submission and the score JSON for its
// file (the issue 4 contract, or {file, error}); null when the student had no audio file.
struct GradedSubmission {
  Submission submission;
  nlohmann::ordered_json result;
};

struct StudentRow {
  Submission submission;
  std::optional<RosterEntry> roster;
  std::optional<ScoreRecord> score;  // graded
  std::string error;                 // why there is no score (set exactly when score is empty)
  nlohmann::ordered_json result;     // the score JSON as received, for grades.json

  // The roster's "Last, First" when matched, else the name the LMS download gives.
  std::string name() const;
};

struct ClassReport {
  Assignment assignment;
  std::vector<StudentRow> students;        // in discovery order (sorted by student key)
  std::vector<RosterEntry> not_submitted;  // on the roster, no submission, in roster order
  std::vector<std::string> warnings;       // discovery warnings: files that were skipped

  std::size_t graded() const;
  std::size_t passed() const;
  std::size_t failed_to_process() const;
  std::size_t late() const;
  // The rubric of the first scored student (a batch grades with one rubric).
  std::optional<RubricRef> rubric() const;
};

// Joins submissions, results and roster. A result that breaks the score contract becomes that
// student's error ("score JSON: missing 'criteria'"), never an exception: one bad line must not
// stop the class outputs.
ClassReport build_class_report(std::vector<GradedSubmission> graded, const Roster& roster,
                               Assignment assignment, std::vector<std::string> warnings = {});

}  // namespace mixgrade
