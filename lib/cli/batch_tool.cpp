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

#include "batch/cache.hpp"
#include "batch/class_join.hpp"
#include "batch/discovery.hpp"
#include "batch/merge.hpp"
#include "batch/roster.hpp"
#include "batch/runner.hpp"
#include "batch/shard.hpp"
#include "batch/student.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/history.hpp"
#include "report/class_outputs.hpp"
#include "report/gradescope.hpp"
#include "report/next_step.hpp"
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
  mixgrade.db                           the learner history (--history moves it)
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

Example (GNU parallel, 4 slices):
  parallel mixgrade-batch subs/ -r first-mix.toml --out part-{} --shard {}/4 ::: 1 2 3 4
  mixgrade-batch merge --out grades/ --roster roster.csv part-1 part-2 part-3 part-4
)";

struct Options {
  std::string submissions;
  std::string rubric;
  std::string concepts;
  std::string rubrics_dir;
  std::string out;
  std::string history;
  std::string layout = "auto";
  std::string roster;
  std::string assignment_name = "Mix";
  std::string assignment_id;
  std::string shard;
  std::string now;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::optional<int> hint_level;
  bool junit_strict = false;
  bool gradescope = false;
  std::string gradescope_submission = "/autograder/submission";
  std::string gradescope_results = "/autograder/results/results.json";
};

// JUnit wants ISO 8601 without a zone.
std::string junit_timestamp(std::int64_t seconds) {
  std::string t = iso_utc(seconds);
  if (!t.empty() && t.back() == 'Z') t.pop_back();
  return t;
}

Rubric load_batch_rubric(const Options& o) {
  return load_rubric(o.rubric, context_with_concepts(concepts_file_for(o.rubric, o.concepts)));
}

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
// all), else 1 when anyone is below the pass mark.
int exit_code(const ClassReport& report) {
  if (report.failed_to_process() > 0) return kExitPartialFailure;
  return report.passed() < report.graded() ? kExitBelowPass : kExitOk;
}

int run_class(const Options& o) {
  const Rubric rubric = load_batch_rubric(o);
  const fs::path rubrics_root =
      o.rubrics_dir.empty() ? fs::path(o.rubric).parent_path() : fs::path(o.rubrics_dir);
  const auto graph = learner::load_concept_graph(rubrics_root / "concepts.toml");
  const auto catalogue = learner::load_catalogue(rubrics_root / "assignments", graph,
                                                 learner::find_rubric_ids(rubrics_root));
  Discovery discovery = discover_submissions(o.submissions, {parse_layout(o.layout)});
  std::vector<Submission> submissions = discovery.submissions;
  std::optional<Shard> shard;
  if (!o.shard.empty()) {
    shard = parse_shard(o.shard);
    submissions = select_shard(submissions, *shard);
  }
  const Roster roster = o.roster.empty() ? Roster{} : read_roster(o.roster);
  const fs::path out = o.out;
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw InputError(out.string(), "cannot create folder: " + ec.message());
  learner::History history = learner::History::open(
      o.history.empty() ? out / "mixgrade.db" : fs::path(o.history), learner::clock_for_run(o.now));
  const std::int64_t started = history.now();

  const AnalysisCache cache(out / ".cache", AnalysisOptions{});
  const Progress progress(::isatty(STDERR_FILENO) == 1);
  const auto analysed =
      analyse_submissions(submissions, {o.jobs, AnalysisOptions{}, &cache, progress});

  std::size_t analysed_now = 0, from_cache = 0;
  std::vector<GradedSubmission> graded;
  const StudentGrading grading{rubric, o.hint_level, LearnerModel{history, graph, catalogue}};
  for (std::size_t i = 0; i < submissions.size(); ++i) {
    const Submission& s = submissions[i];
    const AnalysedSubmission& a = analysed[i];
    if (a.analysis) ++(a.from_cache ? from_cache : analysed_now);
    if (!a.cache_warning.empty()) std::cerr << kName << ": cache: " << a.cache_warning << "\n";
    StudentResult r = grade_student(s, a, grading, out / s.student_key);
    if (!r.problem.empty()) std::cerr << kName << ": " << r.problem << "\n";
    if (s.path.empty())
      std::cerr << kName << ": student " << s.student_key << " (" << s.display_name
                << "): no audio file submitted\n";
    graded.push_back({s, std::move(r.outcome)});
  }

  const ClassReport report = build_class_report(
      std::move(graded), roster, {o.assignment_name, o.assignment_id}, discovery.warnings);
  ClassOutputOptions outputs;
  outputs.junit = {o.junit_strict, junit_timestamp(started), "localhost"};
  write_class_outputs(out, report, outputs);

  std::cout << kName << ": " << submissions.size() << " submission"
            << (submissions.size() == 1 ? "" : "s")
            << (shard ? " in shard " + o.shard : std::string()) << ": " << analysed_now
            << " analysed, " << from_cache << " from the cache; " << report.passed() << " passed, "
            << report.graded() - report.passed() << " below the pass mark, "
            << report.failed_to_process() << " could not be processed\n"
            << "gradebook: " << (out / "gradebook.csv").string()
            << " (Moodle: " << (out / "gradebook-moodle.csv").string() << ")\n"
            << "class:     " << (out / "summary.md").string() << ", "
            << (out / "grades.json").string() << ", " << (out / "junit.xml").string() << "\n"
            << "students:  " << (out / "<student>").string()
            << "/feedback.md, next.md, result.json\n";
  return exit_code(report);
}

// The newest audio file under `dir` (latest modification time, then the last name): Gradescope
// keeps every upload of a submission in one folder.
std::vector<fs::path> audio_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file() && is_audio_file(it->path())) files.push_back(it->path());
  if (ec) throw InputError(dir.string(), "cannot read the submission folder: " + ec.message());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    const auto ta = fs::last_write_time(a), tb = fs::last_write_time(b);
    return ta != tb ? ta < tb : a.filename().string() < b.filename().string();
  });
  return files;
}

int run_gradescope(const Options& o) {
  const Rubric rubric = load_batch_rubric(o);
  const std::vector<fs::path> files = audio_files(o.gradescope_submission);
  Submission s{"submission", "submission", "", false, {}, Layout::kFlat, {}};
  if (files.empty())
    s.warnings.push_back("no audio file in the submission (wav, flac, aiff, ogg, mp3, ...)");
  else
    s.path = files.back();
  if (files.size() > 1)
    s.warnings.push_back("several audio files; graded the newest, " + s.path.filename().string());
  const auto analysed = analyse_submissions({s}, {1, AnalysisOptions{}, nullptr, {}});
  StudentResult r = grade_student(s, analysed.front(), {rubric, o.hint_level, std::nullopt}, {});
  const ClassReport report = build_class_report({{s, r.outcome}}, Roster{}, Assignment{});
  json results = gradescope_results(report.students.front());
  for (const auto& w : s.warnings)
    results["output"] = results["output"].get<std::string>() + " (" + w + ")";
  const fs::path path = o.gradescope_results;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  write_file_atomically(path, dump_json(results, 2) + "\n");
  if (!r.problem.empty()) std::cerr << kName << ": " << r.problem << "\n";
  std::cout << kName << ": " << path.string() << ": score " << dump_json(results["score"]) << "\n";
  if (!r.problem.empty() || files.empty()) return kExitPartialFailure;
  return r.passed() ? kExitOk : kExitBelowPass;
}

// What `mixgrade-batch merge` was asked to do.
struct MergeOptions {
  std::vector<std::string> shards;
  std::string out;
  std::string roster;
  std::string now;
  std::optional<std::string> assignment_name;
  std::optional<std::string> assignment_id;
  bool junit_strict = false;
};

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
  const auto& [shards, out, roster_path, now, name, id, strict] = m;
  try {
    std::vector<ShardOutput> parts;
    for (const auto& dir : shards) {
      parts.push_back(read_shard(fs::path(dir) / "grades.json"));
      spdlog::debug("{}: {} students", dir, parts.back().graded.size());
    }
    // Student folders first: the class files, written last, say the merge finished.
    for (std::size_t k = 0; k < parts.size(); ++k)
      for (const auto& g : parts[k].graded) {
        const fs::path from = fs::path(shards[k]) / g.submission.student_key;
        if (!fs::exists(from)) continue;
        std::error_code ec;
        fs::create_directories(fs::path(out) / g.submission.student_key, ec);
        fs::copy(from, fs::path(out) / g.submission.student_key,
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
        if (ec) throw InputError(from.string(), "cannot copy to " + out + ": " + ec.message());
      }
    ShardOutput merged = merge_shards(std::move(parts));
    Assignment assignment = merged.assignment;
    if (name) assignment.name = *name;
    if (id) assignment.id = *id;
    const Roster roster = roster_path.empty() ? Roster{} : read_roster(roster_path);
    const ClassReport report =
        build_class_report(std::move(merged.graded), roster, assignment, merged.warnings);
    ClassOutputOptions outputs;
    outputs.junit = {strict, junit_timestamp(learner::clock_for_run(now)()), "localhost"};
    write_class_outputs(out, report, outputs);
    std::cout << kName << " merge: " << shards.size() << " shards, " << report.students.size()
              << " students into " << out << "\n";
    return exit_code(report);
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  }
}

// The options of a class run and of --gradescope; `merge` has its own. Returns --rubric, which
// is required unless there is a merge.
CLI::Option* add_grading_options(CLI::App& grading, Options& o, std::optional<int>& hint_level) {
  grading.add_option("submissions", o.submissions,
                     "The LMS download folder (required unless --gradescope)");
  auto* rubric = grading.add_option("--rubric,-r", o.rubric, "The rubric (TOML)")->required();
  grading.add_option("--out,-o", o.out,
                     "Output folder, created if needed (required unless --gradescope)");
  grading.add_option("--jobs,-j", o.jobs, "Files analysed in parallel (default: all cores)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  grading.add_option("--history", o.history, "Learner history database (default OUT/mixgrade.db)");
  grading.add_option("--layout", o.layout, "auto, canvas, moodle, folders or flat")
      ->capture_default_str();
  grading.add_option("--roster", o.roster,
                     "Canvas gradebook export (Student, ID, SIS User ID, SIS Login ID, Section)");
  grading.add_option("--assignment-name", o.assignment_name, "Gradebook column: \"NAME (ID)\"")
      ->capture_default_str();
  grading.add_option("--assignment-id", o.assignment_id, "The LMS assignment id for that column");
  grading.add_flag("--junit-strict", o.junit_strict,
                   "junit.xml with only what Jenkins' junit-10.xsd accepts");
  grading
      .add_option("--hint-level", hint_level,
                  "Give every student this hint level (1 direction, 2 rule, 3 apply); default: "
                  "escalate per criterion from the learner history")
      ->check(CLI::Range(1, 3));
  grading.add_option("--concepts", o.concepts, "concepts.toml (default: next to the rubric)");
  grading.add_option("--rubrics", o.rubrics_dir,
                     "Folder with concepts.toml and assignments/ for the next step (default: "
                     "the rubric's folder)");
  grading.add_option("--shard", o.shard, "Grade slice K of N (K/N); join them with merge");
  grading.add_option("--now", o.now,
                     "Record this time (Unix seconds); SOURCE_DATE_EPOCH does the same");
  grading.add_flag("--gradescope", o.gradescope,
                   "Gradescope autograder: grade the submission folder, write results.json");
  grading
      .add_option("--gradescope-submission", o.gradescope_submission,
                  "Gradescope submission folder")
      ->capture_default_str();
  grading.add_option("--gradescope-results", o.gradescope_results, "Gradescope results file")
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
  o.hint_level = hint_level;
  if (!o.gradescope && (o.submissions.empty() || o.out.empty())) {
    spdlog::error("give the submissions folder and --out (try --help)");
    return kExitUsage;
  }
  spdlog::debug("rubric {}, {} job{}", o.rubric, o.jobs, o.jobs == 1 ? "" : "s");
  try {
    return o.gradescope ? run_gradescope(o) : run_class(o);
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
