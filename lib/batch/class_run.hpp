#pragma once
// The class run, as a library: discover the download, analyse every file in parallel (with the
// cache), grade and record each student in submission order, join with the roster and write the
// class files. The CLI parses options into ClassRunOptions and prints the summary; a test or
// another front end calls the same function. Per-student problems are logged (spdlog) and become
// error rows; they never stop the others.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/pipeline.hpp"
#include "batch/shard.hpp"
#include "report/class_record.hpp"
#include "rubric/rubric.hpp"

namespace mixgrade {

// The late policy given on the command line; each set field replaces the rubric's [late] one.
struct LateOptions {
  std::string due;  // ISO 8601 (rubric/late.hpp); "" keeps the rubric's
  std::optional<double> per_day;
  std::optional<double> cap;
};
// The rubric's late policy with the command line's on top. Throws UsageError for a bad --due.
void apply_late_options(Rubric& rubric, const LateOptions& late);

struct ClassRunOptions {
  std::filesystem::path submissions;  // the LMS download
  std::filesystem::path rubric;
  std::filesystem::path concepts;     // empty: concepts.toml next to the rubric
  std::filesystem::path rubrics_dir;  // concepts.toml and assignments/; empty: the rubric's folder
  std::filesystem::path out;
  std::filesystem::path history;  // empty: OUT/mixgrade.db
  // --class-history: the class's history (a merge's OUT/mixgrade.db) that a new history starts
  // as a copy of; an existing one is kept only when it holds everything this one holds.
  std::filesystem::path class_history;
  std::filesystem::path roster;  // empty: no roster
  Layout layout = Layout::kAuto;
  std::optional<Shard> shard;
  Assignment assignment;
  std::string now;  // --now (Unix seconds) or "" for SOURCE_DATE_EPOCH / the clock
  unsigned jobs = 1;
  std::optional<int> hint_level;  // fixed for everyone; nullopt: escalate from the history
  bool junit_strict = false;
  bool regrade = false;             // --regrade: re-grade every attempt even when nothing changed
  bool grade_cut_off = false;       // --grade-cut-off: grade cut-off uploads instead of withholding
  std::filesystem::path marks;      // --marks: points for manual criteria (rubric/marks.hpp)
  std::filesystem::path overrides;  // --overrides: instructor overrides (rubric/marks.hpp)
  LateOptions late;                 // --due, --late-per-day, --late-cap over the rubric's [late]
  int minutes_per_week = 0;         // --minutes-per-week: each next step fits it; 0 no budget
  bool explain = true;              // --no-explain: do not read teach-it-back texts
  bool pictures = true;  // --no-pictures: no plots, index.html or report.html (Markdown only)
  // One value for both the analysis and the cache key, so they cannot disagree. Its target (from
  // --target or --reference) wins over the rubric's; without one the rubric's is used.
  AnalysisOptions analysis;
  std::function<void(std::size_t done, std::size_t total)> progress;  // from the analysis stage
};

struct ClassRunResult {
  ClassReport report;
  std::size_t submissions = 0;  // in this run (this shard)
  std::size_t analysed = 0;     // decoded now
  std::size_t from_cache = 0;
  std::size_t regrades = 0;  // attempts whose earlier grading this run replaced
};

// Throws RubricError, InputError or UsageError for what stops the whole run before any student
// is graded (rubric, concepts, catalogue, roster, history, output folder, download folder).
ClassRunResult run_class(const ClassRunOptions& options);

struct GradescopeOptions {
  std::filesystem::path rubric;
  std::filesystem::path concepts;
  std::filesystem::path course;  // where a rubric's target is looked for when not beside it
  std::filesystem::path submission = "/autograder/submission";
  std::filesystem::path results = "/autograder/results/results.json";
  std::optional<int> hint_level;
  LateOptions late;
  std::optional<TargetCurve> target;  // --target / --reference; empty: the rubric's own
};

struct GradescopeResult {
  StudentRow row;                  // the student, graded or with the reason
  nlohmann::ordered_json results;  // what results.json holds
  std::vector<std::string> notes;  // appended to Gradescope's output (several or no files)
  bool complete = false;           // one audio file found and graded
};

// Grades the newest audio file of a Gradescope submission folder and writes results.json.
GradescopeResult run_gradescope(const GradescopeOptions& options);

// JUnit wants ISO 8601 without a zone.
std::string junit_timestamp(std::int64_t seconds);

}  // namespace mixgrade
