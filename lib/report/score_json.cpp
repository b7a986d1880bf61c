#include "report/score_json.hpp"

#include "core/json.hpp"

namespace mixgrade {

nlohmann::ordered_json score_json(const Rubric& rubric, const Score& score,
                                  const ScoreReportOptions& options) {
  nlohmann::ordered_json j;
  j["file"] = score.file;
  if (options.student) j["student"] = *options.student;
  j["score"] = json_number(score.score, 2);
  j["max_score"] = json_number(score.max_score, 2);
  j["percent"] = json_number(score.percent, 1);
  j["passed"] = score.passed;
  j["pass_mark"] = json_number(rubric.pass_mark, 1);
  j["rubric"] = {{"id", rubric.identity.id},
                 {"version", rubric.identity.version},
                 {"hash", rubric.identity.hash}};
  auto criteria = nlohmann::ordered_json::array();
  for (const auto& r : score.criteria) {
    const Criterion& c = rubric.criteria[r.index];
    const bool missed = r.status == Status::partial || r.status == Status::fail;
    nlohmann::ordered_json cj;
    cj["id"] = c.id;
    cj["metric"] = c.metric;
    cj["value"] = json_number(r.value, 3);
    cj["points"] = json_number(r.points, 2);
    cj["max_points"] = json_number(r.max_points, 2);
    cj["status"] = to_string(r.status);
    cj["feedback"] = r.feedback;
    cj["hint"] = missed ? nlohmann::ordered_json(r.hint(options.level_for(c.id)))
                        : nlohmann::ordered_json(nullptr);
    cj["concept"] = c.concept_id;
    cj["pass_fraction"] = c.pass_fraction;
    cj["hints"] = {
        {"direction", r.hints.direction}, {"rule", r.hints.rule}, {"apply", r.hints.apply}};
    cj["visibility"] = to_string(c.visibility);
    cj["unit"] = c.unit;
    criteria.push_back(std::move(cj));
  }
  j["criteria"] = std::move(criteria);
  auto misconceptions = nlohmann::ordered_json::array();
  for (const auto& m : score.misconceptions)
    misconceptions.push_back({{"id", m.id}, {"concept", m.concept_id}, {"message", m.message}});
  j["misconceptions"] = std::move(misconceptions);
  return j;
}

}  // namespace mixgrade
