#include "batch/class_run.hpp"

#include "batch/out_lock.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "batch/cache.hpp"
#include "batch/class_join.hpp"
#include "batch/discovery.hpp"
#include "batch/roster.hpp"
#include "batch/runner.hpp"
#include "batch/student.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/history.hpp"
#include "report/class_outputs.hpp"
#include "report/class_report_html.hpp"
#include "report/gradescope.hpp"
#include "report/next_step.hpp"
#include "rubric/late.hpp"
#include "rubric/load.hpp"
#include "rubric/marks.hpp"
#include "rubric/metric_path.hpp"

namespace mixgrade {

namespace fs = std::filesystem;

namespace {

Rubric load_with_concepts(const fs::path& rubric, const fs::path& concepts,
                          const fs::path& course) {
  return load_rubric(rubric,
                     context_with_concepts(concepts_file_for(rubric, concepts.string()), course));
}

void create_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create folder: " + ec.message());
}

}  // namespace

std::string junit_timestamp(std::int64_t seconds) {
  std::string t = iso_utc(seconds);
  if (!t.empty() && t.back() == 'Z') t.pop_back();
  return t;
}

// --class-history. The history of a run (a slice) starts as a copy of the class history, so a
// student keeps one continuous learner state whichever slice grades them this week. One that
// exists already (the same slice run again) is kept when it holds every submission the class
// history holds; one started from an older class history would give a student who moved here an
// old state, so it is refused.
void start_from_class_history(const fs::path& history, const fs::path& class_history,
                              const std::string& now) {
  std::error_code ec;
  if (!fs::exists(history, ec)) {
    learner::History::open_read_only(class_history).copy_to(history);
    spdlog::debug("{}: started from the class history {}", history.string(),
                  class_history.string());
    return;
  }
  if (fs::equivalent(history, class_history, ec)) return;
  learner::History mine = learner::History::open(history, learner::clock_for_run(now));
  if (const auto missing = mine.lacks(class_history); missing > 0)
    throw InputError(history.string(),
                     fmt::format("lacks {} submission{} of the class history {}: it was started "
                                 "from an older one (give this week's run a new --out, or remove "
                                 "it)",
                                 missing, missing == 1 ? "" : "s", class_history.string()));
}

void apply_late_options(Rubric& rubric, const LateOptions& late) {
  if (!late.due.empty()) {
    rubric.late.due = parse_iso8601(late.due);
    if (!rubric.late.due)
      throw UsageError("--due \"" + late.due +
                       "\": not an ISO 8601 date or date-time (2026-11-20 or 2026-11-20T23:59Z)");
  }
  if (late.per_day) rubric.late.per_day = *late.per_day;
  if (late.cap) rubric.late.cap = *late.cap;
}

ClassRunResult run_class(const ClassRunOptions& o) {
  Rubric rubric = load_with_concepts(o.rubric, o.concepts, o.rubrics_dir);
  apply_late_options(rubric, o.late);
  // The instructor's CSVs are checked before anyone is graded: a typo stops the run (exit 2).
  InstructorInputs inputs;
  if (!o.marks.empty()) read_marks(o.marks, rubric, inputs);
  if (!o.overrides.empty()) read_overrides(o.overrides, rubric, inputs);
  const fs::path rubrics_root = o.rubrics_dir.empty() ? o.rubric.parent_path() : o.rubrics_dir;
  const auto graph = learner::load_concept_graph(rubrics_root / "concepts.toml");
  const auto catalogue = learner::load_catalogue(rubrics_root / "assignments", graph,
                                                 learner::find_rubric_ids(rubrics_root));
  Discovery discovery = discover_submissions(o.submissions, {o.layout});
  // What did not fit the layout is named once on stderr too, not only in summary.md.
  for (const auto& w : discovery.warnings) spdlog::warn("{}: {}", o.submissions.string(), w);
  std::vector<Submission> submissions = discovery.submissions;
  {
    std::vector<std::string> keys;
    for (const auto& s : discovery.submissions) keys.push_back(s.student_key);
    inputs.check_students(keys);
  }
  if (o.shard) submissions = select_shard(submissions, *o.shard);
  const Roster roster = o.roster.empty() ? Roster{} : read_roster(o.roster);
  create_folder(o.out);
  const OutLock lock(o.out);  // one run at a time on this OUT
  if (const auto stale = remove_stale_temporaries(o.out))
    spdlog::info("{}: removed {} temporary file(s) an interrupted run left", o.out.string(), stale);
  const fs::path history_file = o.history.empty() ? o.out / "mixgrade.db" : o.history;
  if (!o.class_history.empty()) start_from_class_history(history_file, o.class_history, o.now);
  learner::History history = learner::History::open(history_file, learner::clock_for_run(o.now));
  const std::int64_t started = history.now();

  AnalysisOptions analysis = o.analysis;  // the command line's target wins over the rubric's
  if (!analysis.target) analysis.target = rubric.target;
  const AnalysisCache cache(o.out / ".cache", analysis);

  ClassRunResult result;
  result.submissions = submissions.size();
  std::vector<GradedSubmission> graded;
  learner::PolicyOptions policy;
  policy.minutes_per_week = o.minutes_per_week;
  const StudentGrading grading{
      rubric,    o.hint_level,    LearnerModel{history, graph, catalogue, policy},
      o.regrade, o.grade_cut_off, &inputs,
      o.explain, o.pictures};
  // report.html: the class report reads each student's page link and measurements as well.
  ClassPictures pictures;
  pictures.guides = plot_guides(rubric);
  pictures.has_guides = true;
  // Analysed a slice at a time and graded in submission order, so that only one slice's analyses
  // (with their plot series) are in memory: a class of 10,000 needs no more than one of 300.
  constexpr std::size_t kSlice = 256;
  for (std::size_t begin = 0; begin < submissions.size(); begin += kSlice) {
    const std::size_t end = std::min(submissions.size(), begin + kSlice);
    const std::vector<Submission> slice(submissions.begin() + long(begin),
                                        submissions.begin() + long(end));
    RunnerOptions runner{o.jobs, analysis, &cache, {}};
    if (o.progress)
      runner.progress = [&, begin](std::size_t done, std::size_t) {
        o.progress(begin + done, submissions.size());
      };
    const auto analysed = analyse_submissions(slice, runner);
    for (std::size_t i = 0; i < slice.size(); ++i) {
      const Submission& s = slice[i];
      const AnalysedSubmission& a = analysed[i];
      if (a.analysis) ++(a.from_cache ? result.from_cache : result.analysed);
      if (!a.cache_warning.empty()) spdlog::warn("cache: {}", a.cache_warning);
      const std::string name = StudentRow{s, match_roster(roster, s), std::nullopt, ""}.name();
      StudentResult r = grade_student(s, a, grading, student_folder(o.out, s.student_key), name);
      if (!r.problem.empty()) spdlog::error("{}", r.problem);
      if (r.outcome && r.outcome->record)
        for (const auto& w : r.outcome->record->warnings)
          spdlog::warn("{}: suspect upload: {}", s.path.string(), w.message);
      if (r.regrade) ++result.regrades;
      if (s.path.empty())
        // An error, not a warning: it makes the run exit 3, and --quiet must still say why.
        spdlog::error("student {} ({}): no audio file submitted", s.student_key, s.display_name);
      if (o.pictures && !s.path.empty()) {  // no file, no page
        ClassStudentExtras& e = pictures.students[s.student_key];
        e.page = (student_folder(o.out, s.student_key).filename() / "index.html").generic_string();
        if (a.analysis) {
          e.integrated_lufs = resolve_metric(*a.analysis, "loudness.integrated_lufs");
          e.plr_db = resolve_metric(*a.analysis, "loudness.plr_db");
        }
      }
      graded.push_back({s, std::move(r.outcome)});
    }
  }

  result.report = build_class_report(std::move(graded), roster, o.assignment, discovery.warnings);
  result.report.regrades = result.regrades;
  result.report.rubric_total = rubric.total_points;
  ClassOutputOptions outputs;
  outputs.junit = {o.junit_strict, junit_timestamp(started), "localhost"};
  write_class_outputs(o.out, result.report, outputs);
  if (!o.pictures) return result;
  write_file_atomically(o.out / kReportDataFile,
                        dump_json(class_pictures_json(pictures), 2) + "\n");
  write_file_atomically(o.out / "report.html", class_report_html(result.report, pictures));
  return result;
}

GradescopeResult run_gradescope(const GradescopeOptions& o) {
  Rubric rubric = load_with_concepts(o.rubric, o.concepts, o.course);
  apply_late_options(rubric, o.late);
  Submission s = discover_student_folder(o.submission, "submission");
  AnalysisOptions analysis;
  analysis.target = o.target ? o.target : rubric.target;
  const auto analysed = analyse_submissions({s}, {1, analysis, nullptr, {}});
  StudentResult r = grade_student(s, analysed.front(), {rubric, o.hint_level, std::nullopt}, {});
  if (!r.problem.empty()) spdlog::error("{}", r.problem);
  GradescopeResult out;
  out.notes = s.warnings;
  out.complete = r.problem.empty() && !s.path.empty();
  out.row = build_class_report({{s, std::move(r.outcome)}}, Roster{}, Assignment{}).students.at(0);
  out.results = gradescope_results(out.row);
  for (const auto& note : out.notes)
    out.results["output"] = out.results["output"].get<std::string>() + " (" + note + ")";
  if (o.results.has_parent_path()) create_folder(o.results.parent_path());
  write_file_atomically(o.results, dump_json(out.results, 2) + "\n");
  return out;
}

}  // namespace mixgrade
