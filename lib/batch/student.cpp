#include "batch/student.hpp"

#include <fstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "learner/score_line.hpp"
#include "learner/tracker.hpp"
#include "report/concept_map.hpp"
#include "report/next_step.hpp"
#include "report/score_json.hpp"
#include "report/score_markdown.hpp"
#include "rubric/score.hpp"

namespace mixgrade {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

json scored_json(const Rubric& rubric, const Score& score, const ScoreReportOptions& options,
                 const std::string& content_hash) {
  json j = score_json(rubric, score, options);
  j["content_hash"] = "sha256:" + content_hash;
  return j;
}

void create_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create folder: " + ec.message());
}

// True when dir/next.json (and next.md) were written for this very history entry.
bool next_step_written_for(const fs::path& dir, std::int64_t submission_id) {
  if (!fs::exists(dir / "next.md")) return false;
  std::ifstream in(dir / "next.json", std::ios::binary);
  const json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("submissions") || !j["submissions"].is_array() ||
      j["submissions"].empty())
    return false;
  const json& last = j["submissions"].back();
  return last.contains("submission_id") && last["submission_id"] == submission_id;
}

// The next step is written once, when the submission is first recorded. A re-run finds it in the
// history (a duplicate) and keeps the page as the student first saw it; a page that is missing
// (the run was interrupted after the history commit) or belongs to another submission (the
// student went back to an earlier file) is written from the stored state.
void write_next_step(const fs::path& dir, const learner::Outcome& outcome,
                     const LearnerModel& learner) {
  const learner::ConceptGraph& graph = learner.graph;
  if (outcome.duplicate && next_step_written_for(dir, outcome.submission_id)) return;
  const std::vector<learner::Outcome> outcomes{outcome};
  const std::string dot = concept_map_dot(outcome.state, graph);
  write_file_atomically(dir / "concept-map.dot", dot);
  write_file_atomically(dir / "concept-map.svg", render_svg(dot));
  write_file_atomically(dir / "next.json",
                        dump_json(next_step_json(outcomes, graph, "concept-map.svg"), 2) + "\n");
  // next.md last: its presence says the folder is complete.
  write_file_atomically(dir / "next.md", next_step_markdown(outcomes, graph, "concept-map.svg"));
}

StudentResult not_graded(const Submission& s, const std::string& reason, const fs::path& dir) {
  StudentResult out;
  out.result = {{"file", s.path.string()}, {"error", reason}};
  out.problem = s.path.string() + ": " + reason;
  if (!dir.empty()) {
    try {
      create_folder(dir);
      write_file_atomically(dir / "result.json", dump_json(out.result, 2) + "\n");
      write_file_atomically(dir / "feedback.md", "# Feedback: " + s.path.filename().string() +
                                                     "\n\nCould not be graded: " + reason +
                                                     "\n\nPlease check the file and hand it in "
                                                     "again.\n");
    } catch (const InputError& e) {
      out.problem += "; " + std::string(e.what());
    }
  }
  return out;
}

}  // namespace

StudentResult grade_student(const Submission& s, const AnalysedSubmission& analysed,
                            const StudentGrading& grading, const fs::path& dir) {
  if (s.path.empty()) return {};  // the class report says "no audio file submitted"
  if (!analysed.analysis) return not_graded(s, analysed.error, dir);
  try {
    const Score score = score_analysis(grading.rubric, *analysed.analysis);
    ScoreReportOptions options{grading.hint_level.value_or(1), s.student_key, {}};
    json result = scored_json(grading.rubric, score, options, analysed.content_hash);
    std::optional<learner::Outcome> outcome;
    if (grading.learner) {
      const LearnerModel& lm = *grading.learner;
      const learner::ScoreLine line = learner::parse_score_line(dump_json(result), s.path.string());
      outcome = learner::record_submission(lm.history, *line.submission, s.student_key, lm.graph,
                                           lm.catalogue);
      if (!grading.hint_level) {
        for (const auto& c : outcome->criteria)
          if (c.hint_level > 0) options.hint_levels[c.result.id] = c.hint_level;
        result = scored_json(grading.rubric, score, options, analysed.content_hash);
      }
    }
    if (!dir.empty()) {
      create_folder(dir);
      write_file_atomically(dir / "result.json", dump_json(result, 2) + "\n");
      write_file_atomically(dir / "feedback.md", score_markdown(grading.rubric, score, options));
      if (outcome) write_next_step(dir, *outcome, *grading.learner);
    }
    return {std::move(result), true, score.passed, ""};
  } catch (const InputError& e) {
    return not_graded(s, e.what(), dir);
  } catch (const std::exception& e) {
    return not_graded(s, std::string("internal error: ") + e.what(), dir);
  }
}

}  // namespace mixgrade
