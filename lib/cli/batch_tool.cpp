#include "cli/batch_tool.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "batch/class_join.hpp"
#include "batch/class_run.hpp"
#include "batch/discovery.hpp"
#include "batch/merge.hpp"
#include "batch/roster.hpp"
#include "batch/shard.hpp"
#include "cli/course.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "cli/target_options.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "learner/history.hpp"
#include "report/class_outputs.hpp"
#include "rubric/load.hpp"

namespace mixgrade {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr const char* kName = "mixgrade-batch";

constexpr const char* kFooter = R"(
SUBMISSIONS is the folder downloaded from the LMS: Canvas "Download Submissions"
(name_userid_submissionid_file.ext, LATE marks), Moodle "Download all submissions" (a folder per
participant), a folder per student, or flat student.ext files; --layout forces one. Several audio
files from one student: the newest is graded, with a warning.

Written to OUT:
  gradebook.csv, gradebook-moodle.csv   Canvas and Moodle gradebook imports
  grades.json, junit.xml, summary.md    everything for scripts; CI test results; the class
  <student>/result.json, feedback.md    score JSON and the student's feedback page
  <student>/next.md, next.json          the next assignment from the learner model
  mixgrade.db                           the learner history (--history moves it; merge joins
                                        the slices' into the class history)
  .cache/                               analyses by file SHA-256: a re-run decodes new files only
Files are written atomically. A run that was interrupted can simply be started again: finished
students come from the cache, and the history never counts one submission twice.

Progress: a bar on stderr when it is a terminal; otherwise stderr has one line per problem.
stdout: one summary line and where the files are.

Exit codes: 0 every student graded and passed, 1 some student is below the pass mark,
2 usage, rubric, roster or history error (nothing graded), 3 some submissions could not be
processed (each has an error row; the others are graded; 3 wins over 1).

Examples:
  mixgrade-batch canvas-download/ --rubric rubrics/first-mix.toml --roster roster.csv --out grades/
  mixgrade-batch subs/ -r rubrics/first-mix.toml --out grades/ --assignment-name "Mix 1" --assignment-id 4411
  mixgrade-batch subs/ -r rubrics/first-mix.toml --out part-3 --shard 3/8   # one of 8 slices
  mixgrade-batch merge --out grades/ --roster roster.csv part-*              # join the slices
  mixgrade-batch --gradescope --rubric /autograder/source/first-mix.toml    # in a Gradescope container
)";

constexpr const char* kMergeFooter = R"(
Joins the OUT folders of `mixgrade-batch --shard K/N` runs into one: the class files are built
from the shards' grades.json by the same code as a single run (give the same --roster and
--junit-strict), and the student folders are copied. A student graded in two shards is an error.
The shards' histories are joined into the class history OUT/mixgrade.db (each student's from the
shard that graded them); next week's shards start from it with --class-history, so a student keeps
one learner state whatever N is.

Example (GNU parallel, 4 slices):
  parallel mixgrade-batch subs/ -r first-mix.toml --out part-{} --shard {}/4 ::: 1 2 3 4
  mixgrade-batch merge --out grades/ --roster roster.csv part-1 part-2 part-3 part-4
)";

// What a class run or --gradescope was asked to do: the library's options, filled in by CLI11,
// plus the few that are text on the command line.
struct Options {
  ClassRunOptions run;
  GradescopeOptions gradescope_run;
  std::string layout = "auto";
  std::string shard;
  bool gradescope = false;
  TargetOptions target;
  std::string course;  // --course (--rubrics)
};

// A progress bar redrawn in place, only when stderr is a terminal: logs and CI output stay clean.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void operator()(std::size_t done, std::size_t total) const {
    if (!enabled_ || total == 0) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = done * kWidth / total;
    std::fprintf(stderr, "\r%s: [%s%s] %zu/%zu analysed", kName, std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
};

// One rule for a run and a merge: 3 when anyone could not be graded (a bad file, no audio at
// all), else 1 when anyone is below the pass mark or has a grade on hold.
int exit_code(const ClassReport& report) {
  if (report.failed_to_process() > 0) return kExitPartialFailure;
  return report.passed() < report.graded() || report.withheld() > 0 ? kExitBelowPass : kExitOk;
}

int grade_class(Options o) {
  ClassRunOptions& run = o.run;
  run.layout = parse_layout(o.layout);
  if (!o.shard.empty()) run.shard = parse_shard(o.shard);
  run.progress = Progress(::isatty(STDERR_FILENO) == 1);
  run.analysis.target = resolve_target(o.target);
  const RubricCourse course = rubric_course(run.rubric, o.course, run.concepts.string());
  run.concepts = course.concepts;
  run.rubrics_dir = course.course;
  const ClassRunResult r = run_class(run);
  const ClassReport& report = r.report;
  const fs::path& out = run.out;
  std::cout << kName << ": " << r.submissions << " submission" << (r.submissions == 1 ? "" : "s")
            << (run.shard ? " in shard " + o.shard : std::string()) << ": " << r.analysed
            << " analysed, " << r.from_cache << " from the cache; " << report.passed()
            << " passed, " << report.graded() - report.passed() << " below the pass mark, "
            << (report.withheld() > 0 ? std::to_string(report.withheld()) + " withheld, " : "")
            << report.failed_to_process() << " could not be processed"
            << (r.regrades > 0 ? "; " + std::to_string(r.regrades) +
                                     (r.regrades == 1 ? " regrade" : " regrades")
                               : std::string())
            << "\n"
            << "gradebook: " << (out / "gradebook.csv").string()
            << " (Moodle: " << (out / "gradebook-moodle.csv").string() << ")\n"
            << "class:     " << (out / "summary.md").string() << ", "
            << (out / "grades.json").string() << ", " << (out / "junit.xml").string() << "\n"
            << "students:  " << (out / "<student>").string()
            << "/feedback.md, next.md, result.json\n";
  return exit_code(report);
}

int grade_gradescope(const Options& o) {
  GradescopeOptions g = o.gradescope_run;
  g.rubric = o.run.rubric;
  const RubricCourse course = rubric_course(o.run.rubric, o.course, o.run.concepts.string());
  g.concepts = course.concepts;
  g.course = course.course;
  g.hint_level = o.run.hint_level;
  g.late = o.run.late;
  g.target = resolve_target(o.target);
  const GradescopeResult r = run_gradescope(g);
  std::cout << kName << ": " << g.results.string() << ": score " << dump_json(r.results["score"])
            << "\n";
  if (!r.complete) return kExitPartialFailure;
  return r.row.score && r.row.score->passed ? kExitOk : kExitBelowPass;
}

void add_merge_options(CLI::App& merge, MergeOptions& m) {
  merge.footer(kMergeFooter);
  merge.add_option("shards", m.shards, "OUT folders of the shard runs")->required();
  merge.add_option("--out,-o", m.out, "Where the merged class goes")->required();
  merge.add_option("--roster", m.roster, "The class roster (Canvas gradebook export columns)");
  merge.add_option("--assignment-name", m.assignment_name,
                   "Gradebook column name (default: the shards')");
  merge.add_option("--assignment-id", m.assignment_id, "LMS assignment id (default: the shards')");
  merge.add_flag("--junit-strict", m.junit_strict, "junit.xml for Jenkins' schema");
  merge.add_option("--now", m.now, "JUnit timestamp as Unix seconds (or SOURCE_DATE_EPOCH)");
}

int run_merge(const MergeOptions& m) {
  try {
    const ClassReport report = merge_class(m);
    std::cout << kName << " merge: " << m.shards.size() << " shards, " << report.students.size()
              << " students into " << m.out.string() << "\n";
    return exit_code(report);
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
  }
  return kExitUsage;
}

// The options of a class run and of --gradescope; `merge` has its own. Returns --rubric, which
// is required unless there is a merge.
CLI::Option* add_grading_options(CLI::App& grading, Options& o, std::optional<int>& hint_level) {
  o.run.jobs = std::max(1u, std::thread::hardware_concurrency());
  grading.add_option("submissions", o.run.submissions,
                     "The LMS download folder (required unless --gradescope)");
  auto* rubric = grading
                     .add_option("--rubric,-r", o.run.rubric,
                                 "The rubric: a TOML file, or the name of one of the course's "
                                 "(first-mix)")
                     ->required();
  grading.add_option("--out,-o", o.run.out,
                     "Output folder, created if needed (required unless --gradescope)");
  grading.add_option("--jobs,-j", o.run.jobs, "Files analysed in parallel (default: all cores)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  grading.add_option("--history", o.run.history,
                     "Learner history database (default OUT/mixgrade.db)");
  grading
      .add_option("--class-history", o.run.class_history,
                  "Start a new history as a copy of this class history (a merge's "
                  "OUT/mixgrade.db), so each student's learner state carries over whichever "
                  "--shard grades them")
      ->check(CLI::ExistingFile);
  grading.add_option("--layout", o.layout, "auto, canvas, moodle, folders or flat")
      ->capture_default_str();
  grading.add_option("--roster", o.run.roster,
                     "Canvas gradebook export (Student, ID, SIS User ID, SIS Login ID, Section)");
  grading.add_option("--assignment-name", o.run.assignment.name, "Gradebook column: \"NAME (ID)\"")
      ->capture_default_str();
  grading.add_option("--assignment-id", o.run.assignment.id,
                     "The LMS assignment id for that column");
  grading.add_flag("--junit-strict", o.run.junit_strict,
                   "junit.xml with only what Jenkins' junit-10.xsd accepts");
  grading.add_flag("--regrade", o.run.regrade,
                   "Re-grade every attempt in the history even when its grading is unchanged");
  grading.add_flag("--grade-cut-off", o.run.grade_cut_off,
                   "Grade cut-off or damaged uploads (default: their grade is withheld)");
  grading
      .add_option("--hint-level", hint_level,
                  "Give every student this hint level (1 direction, 2 rule, 3 apply); default: "
                  "escalate per criterion from the learner history")
      ->check(CLI::Range(1, 3));
  grading
      .add_option("--minutes-per-week", o.run.minutes_per_week,
                  "Each student's weekly time budget: the next step fits it (0: no budget)")
      ->type_name("N")
      ->check(CLI::Range(0, 6000));
  grading.add_flag("--no-explain{false}", o.run.explain,
                   "Do not look for a teach-it-back explanation beside each audio file");
  grading.add_flag("--no-pictures{false}", o.run.pictures,
                   "Write no plots, index.html pages or report.html (the Markdown pages only)");
  grading.add_option("--marks", o.run.marks,
                     "Points for manual criteria: CSV student,criterion,points[,comment]");
  grading.add_option("--overrides", o.run.overrides,
                     "Instructor overrides: CSV student,criterion,points,reason (an empty "
                     "criterion sets the total)");
  grading.add_option("--due", o.run.late.due,
                     "Due date, ISO 8601 (2026-11-20T23:59Z); replaces the rubric's [late] due");
  grading
      .add_option("--late-per-day", o.run.late.per_day,
                  "Late penalty per day, in the rubric's [late] unit (default percent)")
      ->check(CLI::NonNegativeNumber);
  grading.add_option("--late-cap", o.run.late.cap, "Most the late penalty takes")
      ->check(CLI::NonNegativeNumber);
  add_target_options(grading, o.target, true);
  grading.add_option(
      "--concepts", o.run.concepts,
      "concepts.toml (default: the course's: the rubric's folder when it holds one)");
  grading.add_option("--course,--rubrics", o.course,
                     std::string(kCourseOptionHelp) + "; --rubrics is an older name for it");
  grading.add_option("--shard", o.shard, "Grade slice K of N (K/N); join them with merge");
  grading.add_option("--now", o.run.now,
                     "Record this time (Unix seconds); SOURCE_DATE_EPOCH does the same");
  grading.add_flag("--gradescope", o.gradescope,
                   "Gradescope autograder: grade the submission folder, write results.json");
  grading
      .add_option("--gradescope-submission", o.gradescope_run.submission,
                  "Gradescope submission folder")
      ->capture_default_str();
  grading.add_option("--gradescope-results", o.gradescope_run.results, "Gradescope results file")
      ->capture_default_str();
  return rubric;
}

}  // namespace

int run_batch_tool(int argc, char** argv) {
  Shell shell({kName,
               "Grade a whole class from an LMS download: per-student results, feedback and next "
               "steps, gradebooks for Canvas and Moodle, JUnit for CI, a class summary. `" +
                   std::string(kName) + " merge --help` joins sharded runs.",
               kFooter});
  CLI::App& app = shell.app();
  Options o;
  std::optional<int> hint_level;
  auto* rubric = add_grading_options(app, o, hint_level);
  MergeOptions m;
  auto* merge = shell.add_subcommand(
      "merge", "Join the OUT folders of mixgrade-batch --shard runs into one class.");
  add_merge_options(*merge, m);
  merge->preparse_callback([rubric](std::size_t) { rubric->required(false); });
  if (const auto code = shell.parse(argc, argv)) return *code;

  if (*merge) {
    setup_logging(std::string(kName) + " merge", shell.verbosity());
    return run_merge(m);
  }
  o.run.hint_level = hint_level;
  if (!o.gradescope && (o.run.submissions.empty() || o.run.out.empty())) {
    spdlog::error("give the submissions folder and --out (try --help)");
    return kExitUsage;
  }
  spdlog::debug("rubric {}, {} job{}", o.run.rubric.string(), o.run.jobs,
                o.run.jobs == 1 ? "" : "s");
  try {
    o.run.rubric = resolve_rubric(o.run.rubric, o.course);
    return o.gradescope ? grade_gradescope(o) : grade_class(o);
  } catch (const RubricError& e) {
    log_error_as_is(e.what());
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
  }
  return kExitUsage;
}

}  // namespace mixgrade
