#include "cli/assign_tool.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/course.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/history.hpp"
#include "learner/policy.hpp"
#include "learner/simulate.hpp"
#include "learner/tracker.hpp"
#include "report/next_step.hpp"
#include "report/simulation.hpp"

namespace mixgrade {
namespace {

namespace fs = std::filesystem;
using namespace learner;

constexpr const char* kName = "mixgrade-assign";

constexpr const char* kFooter = R"(
Input: the JSON lines of `mixgrade-score --json` (files, or stdin when none or "-"). Each line
names its student in a "student" field, or --student gives one for all lines. A line with "error"
(a file the scorer could not grade) is reported and skipped. With no files and stdin a terminal,
it stops at once (exit 2) instead of waiting. --show and --list only read --history: a missing
file is an error, never a new database.

Week 0: every student hands in the course's diagnostic (the catalogue's kind = "diagnostic"
assignment, rubrics/assignments/entry.toml: rubric course-entry, which measures every concept), so
the first next step aims at what each student actually misses.

Each submission updates the history in one transaction: one Bayesian Knowledge Tracing
observation per concept it measures (the share of the concept's criteria met; a criterion counts
as met when it earns its pass fraction), a teach-it-back text as weak evidence, hint levels per
criterion (direction on the first miss, rule on the second, apply from the third), misconceptions
and the assignment issued. The next step (lib/learner/policy.hpp): a concept whose latest hand-in
missed first (worked example when new or a misconception repeats, else practice, smaller after
two misses), then a concept never measured, then challenges interleaved with transfer probes,
then spaced review. A prerequisite holds a concept back only while it misses itself. The same file graded again under the same rubric id, version and hash (same
"content_hash", or same file name and graded result) is recognised and never counted twice.

Output with --out DIR, per student: DIR/<student>/next.md (scores, feedback with the hint at the
right level, misconceptions, the next assignment, the concept map, a teach-it-back prompt),
next.json, concept-map.dot and concept-map.svg. On stdout: one summary line per student (file,
score, next assignment), or with --json the next.json object per student as JSON Lines.

Exit codes: 0 every submission recorded and passed, 1 some submission is below its pass mark,
2 usage error or an unusable history, concept graph or catalogue (nothing is written),
3 some lines could not be used (each named on stderr; the others are still recorded).

Pacing: --minutes-per-week N keeps each next step within the student's weekly time (the
assignment's estimated_minutes); when nothing for the concept fits, the shortest is given and the
reason says so. A student who missed a concept twice in a row gets the smallest practice step.

Dry run: `mixgrade-assign simulate` plays a term of simulated students through the course's
rubrics, history and policy (see simulate --help) before real students meet them.

Examples:
  mixgrade-score --rubric rubrics/first-mix.toml --json mix.wav | mixgrade-assign --student ana --out feedback/
  mixgrade-assign --history course.db --out feedback/ week3-scores.jsonl
  mixgrade-assign --history course.db --show ana
  mixgrade-assign --history course.db --list
  mixgrade-assign --check
  mixgrade-assign simulate --students 24 --weeks 12 --seed 1
)";

constexpr const char* kSimulateHelp =
    "Dry-run a term: simulated students with known weak concepts hand in the course's diagnostic "
    "(week 0), then each week the assignment the policy gave them, graded with its real rubric "
    "(the criteria of a weak concept fail, all others pass; manual criteria are marked the same "
    "way) and recorded in a scratch history. A student learns a weak concept with probability "
    "--learn-rate while doing an assignment on it whose prerequisites they know. Prints weeks to "
    "mastery per weakness profile for the policy, an oracle that always assigns a weak concept "
    "that is ready, and a random concept each week; how often the first step hits a weak "
    "concept; what students with no weak concept were given; and assignments that gave no "
    "evidence. Exit 1 when a goal is missed (a single weakness not aimed at first, remedial work "
    "for a student with none, an assignment without evidence, or policy/oracle over "
    "--max-ratio).";

// Students name directories: keep ids to a portable, path-safe alphabet.
constexpr const char* kStudentIdRule = "letters, digits, . _ - @; no leading dot or dash";
bool valid_student_id(const std::string& id) {
  if (id.empty() || id.size() > 128 || id.front() == '.' || id.front() == '-') return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
          c == '@'))
      return false;
  return true;
}

// --list: one line per student in the history (or one JSON object with --json).
int list_students(const History& history, const ConceptGraph& graph, bool json) {
  const auto students = history.students();
  if (!json) std::cout << "student\tattempts\tpassed\tmastered\tlast file\tnext\n";
  for (const auto& student : students) {
    const auto report = load_student(history, student, graph);
    if (!report) continue;
    std::size_t attempts = 0, passed = 0;
    const SubmissionRow* last = nullptr;
    for (const auto& row : report->submissions) {
      if (row.superseded_by != 0) continue;  // a regrade's audit row is not an attempt
      ++attempts;
      passed += row.passed ? 1 : 0;
      last = &row;
    }
    std::vector<std::string> mastered;
    for (const auto& c : report->state.concepts)
      if (concept_status(report->state, graph, c.concept_id) == ConceptStatus::mastered)
        mastered.push_back(c.concept_id);
    const std::string next = report->last_issued ? report->last_issued->assignment_id : "";
    if (json) {
      nlohmann::ordered_json j;
      j["student"] = student;
      j["attempts"] = attempts;
      j["passed"] = passed;
      j["mastered"] = mastered;
      j["last_file"] = last ? last->file : "";
      j["next_assignment"] = next;
      std::cout << dump_json(j) << "\n";
    } else {
      std::cout << student << "\t" << attempts << "\t" << passed << "\t" << mastered.size() << "/"
                << report->state.concepts.size() << "\t" << (last ? last->file : "-") << "\t"
                << (next.empty() ? "-" : next) << "\n";
    }
  }
  if (students.empty()) spdlog::warn("{}: no students yet", history.path());
  return kExitOk;
}

// Every submission of this run, grouped by student (sorted: deterministic output order).
struct Recorded {
  std::map<std::string, std::vector<Outcome>> runs;
  std::size_t failed = 0;   // lines or files that could not be used
  bool below_pass = false;  // some submission is below its pass mark
};

// Reads score lines from each input ("-" = stdin) and records them one transaction per line. A bad
// line is named on stderr and skipped; the others are still recorded.
Recorded record_inputs(const std::vector<std::string>& inputs, const std::string& student_option,
                       History& history, const ConceptGraph& graph, const Catalogue& catalogue,
                       const PolicyOptions& policy, bool regrade) {
  Recorded out;
  for (const auto& input : inputs) {
    std::ifstream file;
    if (input != "-") {
      file.open(input);
      if (!file) {
        spdlog::error("{}: cannot open", input);
        ++out.failed;
        continue;
      }
    }
    std::istream& in = input == "-" ? std::cin : file;
    const std::string name = input == "-" ? "<stdin>" : input;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string source = name + ":" + std::to_string(number);
      try {
        const ScoreOutcome parsed = parse_score_line(line, source);
        if (!parsed.record) {
          spdlog::error("{}: {}: not graded: {}", source, parsed.file, parsed.error);
          ++out.failed;
          continue;
        }
        const std::string student =
            parsed.record->student.empty() ? student_option : parsed.record->student;
        if (student.empty())
          throw InputError(source, "no \"student\" field and no --student given");
        if (!valid_student_id(student))
          throw InputError(source,
                           "student id '" + student + "' is not valid (" + kStudentIdRule + ")");
        Outcome outcome = record_submission(history, *parsed.record, student, graph, catalogue,
                                            policy, std::nullopt, regrade);
        out.below_pass = out.below_pass || !outcome.submission.passed;
        // The same submission again in this run (a duplicated line) is not kept a second time:
        // 20,000 copies of one line took 623 MB. The first outcome stays (it recorded it), unless
        // the later line regraded it.
        auto& run = out.runs[student];
        auto same = std::find_if(run.begin(), run.end(), [&](const Outcome& o) {
          return o.submission_id == outcome.submission_id;
        });
        if (same == run.end())
          run.push_back(std::move(outcome));
        else if (!outcome.duplicate)
          *same = std::move(outcome);
      } catch (const InputError& e) {
        spdlog::error("{}{}", e.source().starts_with(name) ? "" : source + ": ", e.what());
        ++out.failed;
      } catch (const std::exception& e) {
        spdlog::error("{}: internal error: {}", source, e.what());
        ++out.failed;
      }
    }
  }
  return out;
}

}  // namespace

int run_assign_tool(int argc, char** argv) {
  Shell shell({kName,
               "Turn scored submissions into each student's next step: update the learner "
               "history (mastery per concept, escalating hints, misconceptions), choose the next "
               "assignment from the catalogue and write a feedback page with a concept map.",
               kFooter});
  CLI::App& app = shell.app();
  std::vector<std::string> inputs;
  std::string student_option, history_path = "mixgrade.db", out_dir, show, course, now_text;
  bool json = false, check = false, regrade = false, list = false;
  app.add_option("inputs", inputs, "Score JSON Lines files (default or \"-\": stdin)");
  app.add_option("--student", student_option, "Student id for lines without a \"student\" field")
      ->type_name("ID");
  app.add_option("--history", history_path, "Learner history database (SQLite)")
      ->type_name("PATH")
      ->capture_default_str();
  app.add_option("--out,-o", out_dir, "Write DIR/<student>/next.md, next.json and the concept map")
      ->type_name("DIR");
  auto* show_option =
      app.add_option("--show", show,
                     "Print a student's state (mastery table, or --json) and exit; reads the "
                     "history, never creates one")
          ->type_name("STUDENT");
  app.add_flag("--list", list,
               "List the students in the history (attempts, passed, mastered concepts, next "
               "assignment; --json: one object each) and exit; never creates a history")
      ->excludes(show_option);
  app.add_flag("--json", json, "JSON Lines on stdout instead of the summary / table");
  app.add_option("--course,--rubrics", course,
                 std::string(kCourseOptionHelp) + "; --rubrics is an older name for it")
      ->type_name("DIR");
  app.add_option("--now", now_text,
                 "Record this time (Unix seconds) instead of the clock; SOURCE_DATE_EPOCH does "
                 "the same when --now is absent (reproducible runs and tests)")
      ->type_name("SECONDS");
  app.add_flag("--regrade", regrade,
               "Record each line as a regrade of its attempt even when its grading is unchanged");
  app.add_flag("--check", check,
               "Validate the concept graph and the assignment catalogue (every assignment's "
               "rubric must measure its concept), then exit");
  PolicyOptions policy;
  const auto minutes_check = CLI::Range(0, 6000);
  app.add_option("--minutes-per-week", policy.minutes_per_week,
                 "Each student's weekly time budget: the next step fits it (0: no budget)")
      ->type_name("N")
      ->check(minutes_check);

  SimulationOptions sim;
  double max_ratio = 0;
  CLI::App* simulate = shell.add_subcommand("simulate", kSimulateHelp);
  simulate->add_option("--students", sim.students, "Students with weak concepts")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  simulate->add_option("--weeks", sim.weeks, "Weeks after the diagnostic")
      ->capture_default_str()
      ->check(CLI::Range(1, 520));
  simulate->add_option("--seed", sim.seed, "Random seed (the same seed gives the same term)")
      ->capture_default_str();
  simulate
      ->add_option("--learn-rate", sim.learn_rate,
                   "Chance of learning a weak concept in a week spent on it")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  simulate->add_option("--max-weak", sim.max_weak, "Most weak concepts per student (1 to 3)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3));
  simulate
      ->add_option("--slip", sim.slip,
                   "Chance that a hand-in misses a concept the student knows (noisy evidence)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.5));
  simulate->add_option("--controls", sim.controls, "Extra students with no weak concept")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  simulate
      ->add_option("--minutes-per-week", policy.minutes_per_week,
                   "Weekly time budget of every simulated student (0: none)")
      ->type_name("N")
      ->check(minutes_check);
  simulate
      ->add_option("--max-ratio", max_ratio,
                   "Fail (exit 1) when mean policy weeks exceed this many times the oracle's")
      ->type_name("R");
  simulate
      ->add_option("--entry", sim.entry,
                   "Week-0 assignment instead of the catalogue's diagnostic (what happens "
                   "when a course starts without one)")
      ->type_name("ID");
  simulate->add_option("--course,--rubrics", course, kCourseOptionHelp)->type_name("DIR");
  simulate->add_flag("--json", json, "One JSON object instead of the tables");
  if (const auto code = shell.parse(argc, argv)) return *code;

  std::optional<ConceptGraph> graph;
  std::optional<Catalogue> catalogue;
  std::optional<History> history;
  try {
    const fs::path root = find_course(course);
    spdlog::debug("course {}", root.string());
    graph.emplace(load_concept_graph(root / "concepts.toml"));
    catalogue.emplace(load_catalogue(root / "assignments", *graph, find_rubric_ids(root)));
    if (simulate->parsed()) {
      sim.policy = policy;
      const auto rubrics =
          load_course_rubrics(root, context_with_concepts(root / "concepts.toml", root));
      const auto report = simulate_term(*graph, *catalogue, rubrics, sim);
      const auto verdict = judge(report, max_ratio);
      if (json)
        std::cout << dump_json(simulation_json(report, verdict)) << "\n";
      else
        std::cout << simulation_text(report, *graph, verdict);
      return verdict.ok() ? kExitOk : kExitBelowPass;
    }
    if (check) {
      const auto rubrics =
          load_course_rubrics(root, context_with_concepts(root / "concepts.toml", root));
      const auto problems = evidence_problems(*catalogue, *graph, rubrics);
      for (const auto& p : problems) spdlog::error("{}", p);
      if (!problems.empty()) return kExitUsage;
      std::cout << kName << ": " << graph->concepts().size() << " concepts, "
                << catalogue->assignments().size() << " assignments, " << rubrics.size()
                << " rubrics: OK (every assignment's rubric measures its concept)\n";
      return kExitOk;
    }
    if (!student_option.empty() && !valid_student_id(student_option))
      throw UsageError("--student '" + student_option + "' is not a valid id (" + kStudentIdRule +
                       ")");
    const bool reading = !show.empty() || list;
    if (!reading && (inputs.empty() || (inputs.size() == 1 && inputs[0] == "-")) &&
        ::isatty(STDIN_FILENO) == 1)
      throw UsageError(
          "no input: give score JSON Lines files, or pipe mixgrade-score --json into it (e.g. "
          "mixgrade-score -r RUBRIC --json mix.wav | mixgrade-assign --student ID); --show "
          "STUDENT and --list read the history");
    history.emplace(reading ? History::open_read_only(history_path)
                            : History::open(history_path, clock_for_run(now_text)));
    spdlog::debug("history {}", history_path);
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const RubricError& e) {
    for (const auto& d : e.diagnostics()) spdlog::error("{}", d.text());
    return kExitUsage;
  }

  if (list) return list_students(*history, *graph, json);
  if (!show.empty()) {
    const auto report = load_student(*history, show, *graph);
    if (!report) {
      spdlog::error("{}: no student '{}'", history_path, show);
      return kExitUsage;
    }
    if (json)
      std::cout << dump_json(student_json(*report, *graph)) << "\n";
    else
      std::cout << student_table(*report, *graph, *catalogue);
    return kExitOk;
  }

  if (inputs.empty()) inputs.push_back("-");
  auto [runs, failed, below_pass] =
      record_inputs(inputs, student_option, *history, *graph, *catalogue, policy, regrade);
  for (const auto& [student, outcomes] : runs) {
    try {
      if (!out_dir.empty()) write_next_step(fs::path(out_dir) / student, outcomes, *graph);
      if (json) {
        std::cout << dump_json(next_step_json(outcomes, *graph, "concept-map.svg")) << "\n";
      } else {
        const Outcome& last = outcomes.back();
        std::cout << student << ": " << terminal_safe(last.submission.file) << " "
                  << last.submission.score << "/" << last.submission.max_score
                  << (last.duplicate ? " (already recorded)"
                      : last.regrade ? " (regrade)"
                                     : "")
                  << " -> " << (last.next.assignment ? last.next.assignment->id : "(none)") << "\n";
      }
    } catch (const std::exception& e) {
      spdlog::error("{}: {}", student, e.what());
      ++failed;
    }
  }
  if (failed > 0) return kExitPartialFailure;
  return below_pass ? kExitBelowPass : kExitOk;
}

}  // namespace mixgrade
