#include "report/gradescope.hpp"

#include "core/format.hpp"
#include "core/json.hpp"

namespace mixgrade {

namespace {

std::string test_output(const CriterionRecord& c) {
  std::string out = c.feedback;
  if (c.missed() && !c.hint().empty())
    out += (out.empty() ? "" : "\n") + std::string("Hint: ") + c.hint();
  return out;
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
  j["tests"] = std::move(tests);
  return j;
}

}  // namespace mixgrade
