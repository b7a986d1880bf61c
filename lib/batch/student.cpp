#include "batch/student.hpp"

#include <spdlog/spdlog.h>

#include "rubric/explanation_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/read_file.hpp"
#include "core/text.hpp"
#include "learner/tracker.hpp"
#include "report/next_step.hpp"
#include "report/plots.hpp"
#include "report/student_page.hpp"
#include "report/student_page_html.hpp"
#include "rubric/late.hpp"
#include "rubric/score.hpp"
#include "rubric/suspect.hpp"

namespace mixgrade {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

void create_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create folder: " + ec.message());
}

// True when dir/next.json (and next.md) were written for this very attempt: the same file content
// graded with the same rubric.
bool next_step_written_for(const fs::path& dir, const ScoreRecord& submission) {
  if (submission.content_hash.empty()) return false;
  if (!fs::exists(dir / "next.md")) return false;
  // OUT is the instructor's, but a page is read back here: a damaged or planted next.json (a
  // FIFO, a huge or deeply nested file) means "not written", never a hang or a crash.
  std::string text;
  try {
    text = read_input_file(dir / "next.json");
  } catch (const InputError&) {
    return false;
  }
  if (json_too_deep(text)) return false;
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.contains("submissions") || !j["submissions"].is_array() ||
      j["submissions"].empty())
    return false;
  const json& last = j["submissions"].back();
  return last.is_object() && last.value("content_hash", json()) == submission.content_hash &&
         last.contains("rubric") && last["rubric"].is_object() &&
         last["rubric"].value("hash", json()) == submission.rubric.hash;
}

// The next step is written once, when the submission is first recorded. A re-run finds it in the
// history (a duplicate) and keeps the page as the student first saw it; a page that is missing
// (the run was interrupted after the history commit) or belongs to another submission (the
// student went back to an earlier file) is written from the stored state.
void write_next_step_once(const fs::path& dir, const learner::Outcome& outcome,
                          const LearnerModel& learner) {
  if (outcome.duplicate && next_step_written_for(dir, outcome.submission)) return;
  write_next_step(dir, {outcome}, learner.graph);
}

StudentResult not_graded(const Submission& s, const std::string& reason, const fs::path& dir,
                         bool pictures) {
  StudentResult out;
  out.outcome = ScoreOutcome{s.path.string(), std::nullopt, reason};
  out.problem = s.path.string() + ": " + reason;
  if (!dir.empty()) {
    try {
      create_folder(dir);
      write_file_atomically(dir / "result.json", dump_json(to_json(*out.outcome), 2) + "\n");
      write_file_atomically(dir / "feedback.md", unreadable_page_markdown(s.path.string(), reason));
      if (pictures)
        write_file_atomically(dir / "index.html", unreadable_page_html(s.path.string(), reason));
    } catch (const InputError& e) {
      out.problem += "; " + std::string(e.what());
    }
  }
  return out;
}

// The instructor's marks and overrides for this student, and how late the hand-in was: the file
// time against the due date, at least a day when the LMS flagged it late (rubric/late.hpp).
GradeInputs inputs_for(const Submission& s, const StudentGrading& grading) {
  GradeInputs in = grading.inputs ? grading.inputs->for_student(s.student_key) : GradeInputs{};
  std::optional<std::int64_t> submitted;
  std::error_code ec;
  const auto mtime = fs::last_write_time(s.path, ec);
  if (!ec)
    submitted = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::file_clock::to_sys(mtime).time_since_epoch())
                    .count();
  in.days_late = days_late(grading.rubric.late, submitted, s.late);
  return in;
}

// index.html beside feedback.md: the same page model, with the plots (written beside it too, so
// they can be opened alone) and the concept map next.md's step drew.
void write_html_page(const fs::path& dir, const StudentPage& page, const json& analysis,
                     const Rubric& rubric) {
  PagePictures pictures;
  pictures.plots = draw_plots(analysis, plot_guides(rubric));
  const std::pair<const char*, const std::string*> files[] = {
      {kLoudnessPlot, &pictures.plots.loudness},
      {kSpectrumPlot, &pictures.plots.spectrum},
      {kStereoPlot, &pictures.plots.stereo}};
  for (const auto& [file, svg] : files) {
    std::error_code ec;
    if (!svg->empty())
      write_file_atomically(dir / file, *svg);
    else
      fs::remove(dir / file, ec);  // a plot of an earlier hand-in would describe another file
  }
  if (std::error_code ec; fs::is_regular_file(dir / "concept-map.svg", ec))
    pictures.concept_map_svg = read_input_file(dir / "concept-map.svg");
  write_file_atomically(dir / "index.html", student_page_html(page, pictures));
}

// The page's last section: the next assignment the learner model chose, in a sentence.
std::string next_step_sentence(const learner::Outcome& outcome) {
  const learner::Assignment* a = outcome.next.assignment;
  if (a == nullptr) return "";
  std::string reason = outcome.next.reason;
  if (!reason.empty() && reason.back() != '.') reason += ".";
  return "Your next assignment is **" + a->title + "**. " + reason +
         " The details are in next.md, next to this page.";
}

}  // namespace

std::filesystem::path student_folder(const fs::path& out, const std::string& key) {
  static constexpr std::array kReserved = {
      "gradebook.csv", "gradebook-moodle.csv", "grades.json",     "junit.xml",    "summary.md",
      "mixgrade.db",   "mixgrade.db-wal",      "mixgrade.db-shm", "results.json", "out.lock",
      "report.html",   "report-data.json"};
  auto bad = [](char c) {
    return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  };
  const bool unsafe =
      key.empty() || key.front() == '.' || std::any_of(key.begin(), key.end(), bad) ||
      std::find(kReserved.begin(), kReserved.end(), ascii_lower(key)) != kReserved.end();
  if (!unsafe) return out / key;
  std::string name = "student-" + key;
  std::replace_if(name.begin(), name.end(), bad, '_');
  return out / name;
}

StudentResult grade_student(const Submission& s, const AnalysedSubmission& analysed,
                            const StudentGrading& grading, const fs::path& dir,
                            const std::string& name) {
  if (s.path.empty()) return {};  // the class report says "no audio file submitted"
  if (!analysed.analysis) return not_graded(s, analysed.error, dir, grading.pictures);
  try {
    ScoreRecord score = score_analysis(grading.rubric, *analysed.analysis, inputs_for(s, grading));
    std::vector<std::string> several;
    for (const auto& w : s.warnings)
      if (w.find(" audio files: graded the newest") != std::string::npos) several.push_back(w);
    flag_suspect_upload(score, grading.rubric, *analysed.analysis, grading.grade_cut_off, several);
    score.student = s.student_key;
    score.content_hash = "sha256:" + analysed.content_hash;
    // Teach it back: the student's own text file, as discovery chose it (never a file another
    // student could have put beside a flat download).
    if (grading.explain && !s.explanation.empty()) {
      ExplanationLookup found = read_explanation(s.explanation, s.path);
      if (!found.warning.empty()) spdlog::warn("{}", found.warning);
      score.explanation = std::move(found.explanation);
    }
    std::optional<HintLevel> fixed;
    if (grading.hint_level) fixed = static_cast<HintLevel>(*grading.hint_level);
    if (fixed) score.set_hint_level(*fixed);
    // The student's pages, from the one record (and the learner outcome when there is one).
    auto write_pages = [&](const ScoreRecord& record, const learner::Outcome* outcome) {
      if (dir.empty()) return;
      create_folder(dir);
      write_file_atomically(dir / "result.json", dump_json(to_json(record), 2) + "\n");
      PageContext page{name.empty() ? s.display_name : name, ""};
      if (outcome) page.next_step = next_step_sentence(*outcome);
      if (outcome && outcome->teach_back) page.teach_back = teach_back_sentence(*outcome);
      if (outcome) page.teach_back_prompt = teach_back_prompt(*outcome, grading.learner->graph);
      const StudentPage student_page = build_student_page(record, page);  // one page, two formats
      write_file_atomically(dir / "feedback.md", student_page_markdown(student_page));
      if (outcome) write_next_step_once(dir, *outcome, *grading.learner);
      if (grading.pictures) write_html_page(dir, student_page, *analysed.analysis, grading.rubric);
    };
    std::optional<learner::Outcome> outcome;
    if (grading.learner) {
      // The history escalates each missed criterion's hint, unless the instructor fixed one level
      // for everyone; it records the hint shown, and the pages show the same record. The pages of
      // a new grading are written inside its transaction, before the commit: a run killed at any
      // point leaves either nothing recorded (the re-run writes the same pages) or the pages.
      const LearnerModel& lm = *grading.learner;
      bool written = false;
      outcome = learner::record_submission(lm.history, score, s.student_key, lm.graph, lm.catalogue,
                                           lm.policy, fixed, grading.regrade,
                                           [&](const learner::Outcome& o) {
                                             write_pages(o.submission, &o);
                                             written = true;
                                           });
      score = outcome->submission;
      if (!written) write_pages(score, &*outcome);  // a re-run: the stored pages stand
    } else {
      write_pages(score, nullptr);
    }
    StudentResult out;
    out.regrade = outcome && outcome->regrade;
    out.outcome = ScoreOutcome{s.path.string(), std::move(score), ""};
    return out;
  } catch (const InputError& e) {
    return not_graded(s, e.what(), dir, grading.pictures);
  } catch (const std::exception& e) {
    return not_graded(s, std::string("internal error: ") + e.what(), dir, grading.pictures);
  }
}

}  // namespace mixgrade
