#include "cli/score_tool.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/analysis_json.hpp"
#include "analysis/pipeline.hpp"
#include "cli/course.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "cli/target_options.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "report/github.hpp"
#include "report/score_markdown.hpp"
#include "report/score_text.hpp"
#include "report/student_page.hpp"
#include "rubric/explanation_file.hpp"
#include "rubric/load.hpp"
#include "rubric/marks.hpp"
#include "rubric/metric_path.hpp"
#include "rubric/score.hpp"
#include "rubric/suspect.hpp"

namespace mixgrade {
namespace {

constexpr std::string_view kName = "mixgrade-score";

constexpr std::string_view kFooter = R"(
Rubrics are TOML files written by the instructor (format: rubrics/README.md). Each criterion
names a metric of the analysis JSON (see --list-metrics), where full marks lie, how fast points
fall off outside, feedback and three escalating hints; misconception rules add targeted messages.

Output: a readable summary by default; --json one object per submission per line (score,
max_score, percent, passed, rubric{id, version, hash}, criteria[...], misconceptions[...]);
--markdown a feedback page for the student (--markdown PAGE.md writes the pages to a file, so one
run can print --json too). Under GITHUB_ACTIONS=true missed criteria are also printed as
::error/::warning annotations on stderr, each once per run, and a Markdown summary opening with a
one-line verdict is appended to $GITHUB_STEP_SUMMARY.

Teach it back: beside mix.wav a student may hand in a short explanation, the first existing of
mix.explain.md, mix.explain.txt, mix.md, mix.txt, explain.md, explain.txt in the same folder (never
outside it; at most 64 KiB, text only, the first 8000 bytes kept). It is copied into the record
(--json: "explanation": {file, text}) for the student's page; it never changes the grade.
--no-explain skips the lookup; an unusable file is one warning line and grading goes on.

The spectrum is compared with the rubric's own target curve (`target = "targets/x.toml"`,
relative to the rubric) when it names one; --target T.toml or --reference REF.wav take its
place. With --from-json the analysis holds its comparison already (mixgrade-analyze --target).

Exit codes: 0 every submission reached the pass mark, 1 some did not, 2 usage or rubric error
(every rubric problem is one line FILE:LINE:COLUMN: message), 3 some inputs could not be analysed
(each named on stderr; the others are still graded; 3 wins over 1).

Examples:
  mixgrade-score --rubric rubrics/streaming-master.toml master.wav
  mixgrade-analyze --json *.wav | mixgrade-score --rubric rubrics/first-mix.toml --from-json - --json
  mixgrade-score --rubric rubrics/mixdown-for-mastering.toml --markdown --hint-level 2 mix.flac > feedback.md
  mixgrade-score --rubric rubrics/first-mix.toml --json --markdown feedback.md mix.wav > score.json
  mixgrade-score --check rubrics/*.toml
)";

struct Options {
  std::vector<std::string> inputs;
  std::string rubric;
  std::string from_json;
  std::string concepts;
  std::string course;
  bool json = false;
  bool markdown = false;      // pages on stdout, or in markdown_file
  std::string markdown_file;  // --markdown PAGE.md: the pages go there (with --json on stdout)
  bool check = false;
  bool list_metrics = false;
  int hint_level = 1;
  bool grade_cut_off = false;
  bool no_explain = false;
  std::optional<std::string> student;
  std::string marks;
  TargetOptions target;
};

// Throws RubricError, or UsageError when no course holds the concept graph.
Rubric load(const Options& o, const std::filesystem::path& rubric) {
  const RubricCourse course = rubric_course(rubric, o.course, o.concepts);
  return load_rubric(rubric, context_with_concepts(course.concepts, course.course));
}

int check_rubrics(const Options& o) {
  if (o.inputs.empty()) {
    spdlog::error("--check needs rubric files (try --help)");
    return kExitUsage;
  }
  int status = kExitOk;
  for (const auto& file : o.inputs) {
    try {
      // So that `--check rubrics/*.toml` covers the concept graph the rubrics point into.
      if (std::filesystem::path(file).filename() == "concepts.toml") {
        std::cout << file << ": ok: concepts file, " << load_concept_ids(file).size()
                  << " concepts\n";
        continue;
      }
      const Rubric r = load(o, file);
      std::cout << file << ": ok: " << r.identity.id << " " << r.identity.version << ", "
                << r.criteria.size() << " criteria, " << format_fixed(r.total_points, 1)
                << " points, " << r.misconceptions.size() << " misconception rule"
                << (r.misconceptions.size() == 1 ? ", " : "s, ")
                << (r.target ? "target " + r.target_file + ", " : "") << r.identity.hash << "\n";
    } catch (const RubricError& e) {
      log_error_as_is(e.what());
      status = kExitUsage;
    } catch (const UsageError& e) {
      spdlog::error("{}: {}", file, e.what());
      status = kExitUsage;
    }
  }
  return status;
}

// One submission: its analysis JSON, or why there is none.
struct Submission {
  std::string file;
  std::optional<nlohmann::ordered_json> analysis;
  std::string error;
  std::optional<Explanation> explanation;  // the teach-it-back text beside the audio
};

// Writes each result in the chosen format as soon as it exists, and counts outcomes.
class Grader {
 public:
  Grader(const Options& o, const Rubric& r, GradeInputs marks)
      : options_(o), rubric_(r), marks_(std::move(marks)) {
    const char* gha = std::getenv("GITHUB_ACTIONS");
    github_ = gha != nullptr && std::string_view(gha) == "true";
    if (text_on_stdout()) std::cout << score_text_header(r);
  }

  void grade(const Submission& s) {
    if (!s.analysis) {
      ++failed_;
      spdlog::error("{}: {}", s.file, s.error);
      if (github_) annotate(github_input_error(s.file, s.error));
      const std::string page = unreadable_page_markdown(s.file, s.error);
      add_to_summary(page);
      if (options_.json)
        std::cout << dump_json(error_json(s.file, s.error)) << "\n";
      else if (options_.markdown && options_.markdown_file.empty())
        std::cout << separator() << page;
      else
        std::cout << "\n"
                  << terminal_safe(s.file) << ": could not be analysed: " << terminal_safe(s.error)
                  << "\n";
      std::cout << std::flush;
      return;
    }
    note_missing_target(*s.analysis);
    ScoreRecord score = score_analysis(rubric_, *s.analysis, marks_);
    flag_suspect_upload(score, rubric_, *s.analysis, options_.grade_cut_off);
    for (const auto& w : score.warnings) spdlog::warn("{}: suspect upload: {}", s.file, w.message);
    score.student = options_.student.value_or("");
    score.explanation = s.explanation;
    score.set_hint_level(static_cast<HintLevel>(options_.hint_level));
    ++(score.passed ? passed_ : below_);
    const std::string page = score_markdown(score);
    if (github_) annotate(github_annotations(score));
    add_to_summary(page);
    if (options_.json)
      std::cout << dump_json(to_json(score)) << "\n";
    else if (options_.markdown && options_.markdown_file.empty())
      std::cout << separator() << page;
    else
      std::cout << score_text(score);
    std::cout << std::flush;
  }

  int finish() {
    if (text_on_stdout())
      std::cout << fmt::format(
          "\n{} submission{}: {} passed, {} below the pass mark, {} could "
          "not be analysed\n",
          passed_ + below_ + failed_, passed_ + below_ + failed_ == 1 ? "" : "s", passed_, below_,
          failed_);
    if (github_) append_step_summary();
    if (!options_.markdown_file.empty()) {
      try {
        write_file_atomically(options_.markdown_file, summary_);
      } catch (const std::exception& e) {
        spdlog::error("{}: cannot write the feedback pages: {}", options_.markdown_file, e.what());
        return kExitPartialFailure;
      }
    }
    if (failed_ > 0) return kExitPartialFailure;
    return below_ > 0 ? kExitBelowPass : kExitOk;
  }

 private:
  // An analysis made without the rubric's target curve cannot meet it: say so once.
  void note_missing_target(const nlohmann::ordered_json& analysis) {
    if (!rubric_.target || target_noted_) return;
    const auto spectrum = analysis.find("spectrum");
    if (spectrum != analysis.end() && spectrum->contains("target")) return;
    target_noted_ = true;
    spdlog::warn(
        "{}: the analysis has no comparison with the rubric's target curve {}, so its criteria "
        "do not apply (analyse with mixgrade-analyze --target {})",
        text_or(analysis, "file", "input"), rubric_.target_file, rubric_.target_file);
  }

  // The readable summary goes to stdout unless JSON or the pages do.
  bool text_on_stdout() const {
    return !options_.json && (!options_.markdown || !options_.markdown_file.empty());
  }

  // Each workflow command once per run, however many times a file or line comes up.
  void annotate(const std::string& commands) {
    std::size_t start = 0;
    while (start < commands.size()) {
      const std::size_t end = commands.find('\n', start);
      const std::string line = commands.substr(start, end - start + 1);
      if (annotated_.insert(line).second) std::cerr << line;
      start = end == std::string::npos ? commands.size() : end + 1;
    }
  }

  void add_to_summary(const std::string& page) {
    summary_ += (summary_.empty() ? "" : "\n---\n\n") + page;
  }
  std::string separator() { return count_++ == 0 ? "" : "\n---\n\n"; }

  // The step summary's first line: the run in one sentence, before any page.
  std::string verdict() const {
    const std::size_t total = passed_ + below_ + failed_;
    return fmt::format(
        "**{}: {} of {} submission{} passed**; {} below the pass mark; {} could not be analysed "
        "(rubric {} {}).",
        kName, passed_, total, total == 1 ? "" : "s", below_, failed_, rubric_.identity.id,
        rubric_.identity.version);
  }

  void append_step_summary() {
    const char* path = std::getenv("GITHUB_STEP_SUMMARY");
    if (path == nullptr || *path == '\0') return;
    std::ofstream out(path, std::ios::app);
    out << verdict() << "\n\n" << summary_ << "\n";
    if (!out) spdlog::error("cannot append to GITHUB_STEP_SUMMARY {}", path);
  }

  const Options& options_;
  const Rubric& rubric_;
  GradeInputs marks_;  // --marks rows of --student
  bool github_ = false;
  bool target_noted_ = false;
  std::set<std::string> annotated_;  // workflow commands written so far
  std::string summary_;              // every page: the step summary and --markdown FILE
  std::size_t count_ = 0;
  std::size_t passed_ = 0;
  std::size_t below_ = 0;
  std::size_t failed_ = 0;
};

void grade_json_lines(std::istream& in, const std::string& source, const Rubric& rubric,
                      Grader& grader) {
  std::vector<std::string> graded;  // the metrics the rubric reads must be numbers
  for (const Criterion& c : rubric.criteria)
    if (!c.manual) graded.push_back(c.metric);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Submission s{fmt::format("{}:{}", source, number), std::nullopt, "", std::nullopt};
    const bool deep = json_too_deep(line);
    const auto j =
        deep ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(line, nullptr, false);
    if (deep) {
      s.error = kJsonTooDeep;
    } else if (j.is_discarded() || !j.is_object()) {
      s.error = "not an analysis JSON object (expected one line of mixgrade-analyze --json)";
    } else {
      s.file = text_or(j, "file", s.file);
      if (j.contains("error"))
        s.error = j["error"].is_string() ? j["error"].get<std::string>() : dump_json(j["error"]);
      else if (std::string problem = analysis_problem(j, graded); !problem.empty())
        s.error = problem;
      else
        s.analysis = j;
    }
    grader.grade(s);
  }
}

void grade_audio(const Options& o, const AnalysisOptions& every_analyser, Grader& grader) {
  for (const auto& file : o.inputs) {
    Submission s{file, std::nullopt, "", std::nullopt};
    try {
      s.analysis = to_json(analyse_file(file, every_analyser));
    } catch (const InputError& e) {
      s.error = e.reason();
    } catch (const std::exception& e) {
      s.error = std::string("internal error: ") + e.what();
    }
    if (s.analysis && !o.no_explain) {
      // The page this run writes may sit beside the audio as mix.md: never the explanation.
      ExplanationLookup found = find_explanation(file, o.markdown_file);
      if (!found.warning.empty()) spdlog::warn("{}", found.warning);
      s.explanation = std::move(found.explanation);
    }
    grader.grade(s);
  }
}

}  // namespace

int run_score_tool(int argc, char** argv) {
  Shell shell({std::string(kName),
               "Grade mixes and masters against an instructor's rubric: points, feedback, "
               "escalating hints and misconception messages per submission.",
               std::string(kFooter)});
  CLI::App& app = shell.app();
  Options o;
  std::optional<std::string> student;
  app.add_option("inputs", o.inputs, "Audio files to grade (or rubric files with --check)");
  app.add_option(
      "--rubric,-r", o.rubric,
      "The rubric: a TOML file, or the name of one of the course's (first-mix) (required unless "
      "--check or --list-metrics)");
  app.add_option("--from-json", o.from_json,
                 "Grade the JSON lines of mixgrade-analyze --json from this file (- for stdin) "
                 "instead of analysing audio; a line with \"error\" counts as a failed input");
  app.add_option("--course", o.course, kCourseOptionHelp);
  app.add_option("--concepts", o.concepts,
                 "The concepts file (default: concepts.toml next to the rubric, else the "
                 "course's)");
  add_target_options(app, o.target, true);
  app.add_flag("--json", o.json, "One JSON object per submission per line");
  auto* markdown =
      app.add_option("--markdown", o.markdown_file,
                     "A student-facing feedback page (Markdown) per submission: on stdout, or "
                     "written to PAGE.md (then --json may print on stdout in the same run). A word "
                     "after it not ending in .md is an input file, not the page")
          ->expected(0, 1)
          ->type_name("[PAGE.md]");
  app.add_option("--hint-level", o.hint_level,
                 "Which hint to give for a missed criterion: 1 the direction (default), 2 the "
                 "rule, 3 how to apply it")
      ->check(CLI::Range(1, 3));
  app.add_option("--student", student, "Student id, copied into the JSON and the page");
  app.add_flag("--grade-cut-off", o.grade_cut_off,
               "Grade cut-off or damaged files (default: their grade is withheld, exit 1)");
  app.add_option("--marks", o.marks,
                 "Points for manual criteria: CSV student,criterion,points[,comment]; the rows "
                 "of --student count");
  app.add_flag("--no-explain", o.no_explain,
               "Do not look for a teach-it-back explanation beside each audio file");
  app.add_flag("--check", o.check, "Validate the rubric files given as inputs; no audio");
  app.add_flag("--list-metrics", o.list_metrics, "Print the metric names a rubric may use");
  if (const auto code = shell.parse(argc, argv)) return *code;
  o.student = student;
  o.markdown = markdown->count() > 0;
  if (o.markdown && !o.markdown_file.empty() && !o.markdown_file.ends_with(".md") &&
      !o.markdown_file.ends_with(".markdown")) {
    o.inputs.insert(o.inputs.begin(), o.markdown_file);  // `--markdown mix.wav`: pages on stdout
    o.markdown_file.clear();
  }
  if (o.markdown && o.markdown_file.empty() && o.json) {
    spdlog::error("--json and --markdown both want stdout: give --markdown PAGE.md (try --help)");
    return kExitUsage;
  }

  if (o.list_metrics) {
    for (const auto& m : known_metrics())
      std::cout << m.path << (m.unit.empty() ? "" : "\t" + m.unit) << "\n";
    return kExitOk;
  }
  if (o.check) return check_rubrics(o);
  if (o.rubric.empty()) {
    spdlog::error("--rubric is required (try --help)");
    return kExitUsage;
  }
  if (o.from_json.empty() == o.inputs.empty()) {
    spdlog::error("give either audio files or --from-json FILE (try --help)");
    return kExitUsage;
  }
  if (!o.from_json.empty() && o.target.given()) {
    spdlog::error(
        "--target and --reference need audio: with --from-json the analysis already holds its "
        "comparison (mixgrade-analyze --target T.toml --json ... | mixgrade-score --from-json -)");
    return kExitUsage;
  }
  std::optional<Rubric> rubric;
  try {
    o.rubric = resolve_rubric(o.rubric, o.course).string();
    rubric = load(o, o.rubric);
  } catch (const RubricError& e) {
    log_error_as_is(e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    spdlog::error("{}: {}", o.rubric, e.what());
    return kExitUsage;
  }
  spdlog::debug("rubric {} {} ({}): {} criteria, {} points, pass mark {} %", rubric->identity.id,
                rubric->identity.version, rubric->identity.hash, rubric->criteria.size(),
                format_fixed(rubric->total_points, 1), format_fixed(rubric->pass_mark, 1));

  InstructorInputs marks;
  if (!o.marks.empty()) {
    if (!o.student) {
      spdlog::error("--marks needs --student (whose rows count)");
      return kExitUsage;
    }
    try {
      read_marks(o.marks, *rubric, marks);
    } catch (const InputError& e) {
      spdlog::error("{}", e.what());
      return kExitUsage;
    }
  }
  AnalysisOptions every_analyser;  // one decode pass; the rubric may use any metric
  try {
    every_analyser.target = resolve_target(o.target, rubric->target);
  } catch (const InputError& e) {  // no file can be compared: a usage error, not per file
    spdlog::error("{}", e.what());
    return kExitUsage;
  }
  if (every_analyser.target) spdlog::debug("target curve: {}", every_analyser.target->name);
  Grader grader(o, *rubric, marks.for_student(o.student.value_or("")));
  if (o.from_json.empty()) {
    grade_audio(o, every_analyser, grader);
  } else if (o.from_json == "-") {
    grade_json_lines(std::cin, "stdin", *rubric, grader);
  } else {
    std::ifstream in(o.from_json);
    if (!in) {
      spdlog::error("{}: cannot open the file", o.from_json);
      return kExitUsage;
    }
    grade_json_lines(in, o.from_json, *rubric, grader);
  }
  return grader.finish();
}

}  // namespace mixgrade
