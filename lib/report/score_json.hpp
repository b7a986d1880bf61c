#pragma once
// The JSON contract of mixgrade-score (one object per submission per line). The learner model
// reads concept, pass_fraction, hints, visibility and unit per criterion; fields may be added,
// none is renamed without a reason.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rubric/rubric.hpp"
#include "rubric/score.hpp"

namespace mixgrade {

struct ScoreReportOptions {
  int hint_level = 1;                  // 1 direction, 2 rule, 3 apply
  std::optional<std::string> student;  // passed through from --student
  // Per criterion id, overriding hint_level: the level the learner history escalated to for this
  // student (mixgrade-batch without --hint-level).
  std::map<std::string, int> hint_levels;

  int level_for(const std::string& criterion_id) const {
    auto it = hint_levels.find(criterion_id);
    return it == hint_levels.end() ? hint_level : it->second;
  }
};

nlohmann::ordered_json score_json(const Rubric& rubric, const Score& score,
                                  const ScoreReportOptions& options);

}  // namespace mixgrade
