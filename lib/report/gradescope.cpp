#include "report/gradescope.hpp"

#include "core/format.hpp"
#include "core/json.hpp"
#include "report/gradebook.hpp"

namespace mixgrade {

namespace {

std::string test_output(const CriterionRecord& c) {
  std::string out = c.feedback;
  const auto line = [&](const std::string& text) { out += (out.empty() ? "" : "\n") + text; };
  if (!c.comment.empty()) line(c.comment);
  if (!c.override_reason.empty()) line("Changed by the instructor: " + c.override_reason);
  if (c.missed() && !c.hint().empty()) line("Hint: " + c.hint());
  return out;
}

std::string adjustment_name(const Adjustment& a) {
  switch (a.kind) {
    case AdjustmentKind::scaled:
      return "Scaled to the rubric total";
    case AdjustmentKind::cap:
      return "Cap: " + a.criterion;
    case AdjustmentKind::late:
      return "Late penalty";
    case AdjustmentKind::override_total:
      return "Instructor override";
  }
  return std::string(to_string(a.kind));
}

}  // namespace

nlohmann::ordered_json gradescope_results(const StudentRow& row) {
  nlohmann::ordered_json j;
  auto tests = nlohmann::ordered_json::array();
  if (!row.score) {
    // A zero with the reason: Gradescope shows the output to the student, who can resubmit.
    j["score"] = 0;
    j["output"] = "Not graded: " + row.error;
    j["tests"] = std::move(tests);
    return j;
  }
  const ScoreRecord& s = *row.score;
  if (s.withheld) {
    // Not a grade yet: zero, no tests (they would add up to a score the student does not have),
    // and the reason; the instructor releases it after a look.
    j["score"] = 0;
    j["output"] = withheld_text(s);
    j["tests"] = std::move(tests);
    return j;
  }
  j["score"] = json_number(s.score, 2);
  // Not grade_comment(): that repeats each failed criterion's feedback, and the top-level output
  // is always shown, which would leak hidden criteria. Each test carries its own feedback.
  std::string output = "Score " + format_number(s.score) + "/" + format_number(s.max_score) + " (" +
                       (s.passed ? "passed" : "below the pass mark") + ").";
  for (const auto& m : s.misconceptions) output += " " + m.message;
  j["output"] = output;
  for (const auto& c : s.criteria) {
    nlohmann::ordered_json t;
    t["name"] = c.id;
    t["score"] = json_number(c.points, 2);
    t["max_score"] = json_number(c.max_points, 2);
    t["status"] = c.missed() ? "failed" : "passed";
    t["output"] = test_output(c);
    t["visibility"] = to_string(c.visibility);  // Gradescope's names are the rubric's
    tests.push_back(std::move(t));
  }
  // Scaling, caps, late penalties and overrides as their own tests, so that the tests add up to
  // the score (criteria + adjustments == score, score_record.hpp).
  for (const auto& a : s.adjustments) {
    nlohmann::ordered_json t;
    t["name"] = adjustment_name(a);
    t["score"] = json_number(a.points, 2);
    t["max_score"] = 0;
    t["status"] = a.points < 0 ? "failed" : "passed";
    t["output"] = a.reason;
    t["visibility"] = "visible";
    tests.push_back(std::move(t));
  }
  j["tests"] = std::move(tests);
  return j;
}

}  // namespace mixgrade
