#pragma once
// One student of a batch, after analysis: score it, record it in the learner history (one
// transaction, idempotent per student, file SHA-256 and rubric), and write the student's folder:
//   result.json    the score record (the mixgrade-score contract, plus student and content_hash)
//   feedback.md    the feedback page, hints at the level the history escalated to
//   next.md, next.json, concept-map.dot, concept-map.svg   the next step (learner model)
// Runs on the main thread, in submission order: the history sees the same sequence whatever
// --jobs was.
#include <filesystem>
#include <optional>
#include <string>

#include "batch/discovery.hpp"
#include "batch/runner.hpp"
#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/history.hpp"
#include "learner/policy.hpp"
#include "rubric/marks.hpp"
#include "rubric/rubric.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

struct LearnerModel {
  learner::History& history;
  const learner::ConceptGraph& graph;
  const learner::Catalogue& catalogue;
  learner::PolicyOptions policy;  // --minutes-per-week
};

struct StudentGrading {
  const Rubric& rubric;
  std::optional<int> hint_level;             // fixed level; nullopt: escalate from the history
  std::optional<LearnerModel> learner;       // none (Gradescope): no history, no next step
  bool regrade = false;                      // --regrade: a new grading even when nothing changed
  bool grade_cut_off = false;                // --grade-cut-off: grade cut-off uploads, not withhold
  const InstructorInputs* inputs = nullptr;  // --marks and --overrides; none: no such rows
  bool explain = true;   // read a teach-it-back text beside the audio (--no-explain: no)
  bool pictures = true;  // write the plots and index.html (--no-pictures: no)
};

struct StudentResult {
  // For the class report: the score record or why there is none; nullopt without a file.
  std::optional<ScoreOutcome> outcome;
  std::string problem;   // one line for the log when something failed ("" otherwise)
  bool regrade = false;  // the history replaced an earlier grading of this attempt
};

// The folder of a student's pages inside `out`. The key itself, unless it could collide with a
// class file or leave `out`: ".", "..", a leading dot, a path separator or a control character,
// or one of the run's own names (gradebook.csv, grades.json, junit.xml, summary.md, mixgrade.db,
// ...; case-insensitive, for case-insensitive file systems). Those become "student-" + the key,
// every unsafe character replaced by '_'. A student file named gradebook.csv.wav can then never
// turn OUT/gradebook.csv into a folder, and a shard's grades.json can never write outside OUT.
std::filesystem::path student_folder(const std::filesystem::path& out, const std::string& key);

// Never throws for a problem of this student (bad file, history or disk trouble): it becomes
// `problem`, and the caller grades the others. `dir` empty: write no files. `name` is the name
// feedback.md shows (the roster's, StudentRow::name()); "" shows the LMS display name.
StudentResult grade_student(const Submission& submission, const AnalysedSubmission& analysed,
                            const StudentGrading& grading, const std::filesystem::path& dir,
                            const std::string& name = "");

}  // namespace mixgrade
