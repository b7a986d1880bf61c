#pragma once
// Grades one analysis (its JSON object) against a rubric: points, status, feedback and hints
// per criterion, the misconceptions that fire, the total after caps. The result is the one score
// record (score_record.hpp) that every page and export reads.
#include <nlohmann/json.hpp>

#include "rubric/rubric.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

// Missed criteria show the direction hint; set_hint_level() or the learner history choose
// another. Numbers are rounded as the JSON writes them, so a record read back from JSON equals
// the one written.
ScoreRecord score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis);

}  // namespace mixgrade
