#pragma once
// Grades one analysis (its JSON object) against a rubric: points, status, feedback and hints
// per criterion, the misconceptions that fire, the total after caps. The result is the one score
// record (score_record.hpp) that every page and export reads.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rubric/rubric.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

// What the instructor adds to the measurements for one student (marks.hpp reads the CSVs).
struct ManualMark {
  double points = 0.0;
  std::string comment;
};
struct PointsOverride {
  double points = 0.0;
  std::string reason;
};
struct GradeInputs {
  std::map<std::string, ManualMark, std::less<>> marks;  // manual criterion id -> its mark
  std::map<std::string, PointsOverride, std::less<>> criterion_overrides;  // criterion id
  std::optional<PointsOverride> total_override;  // the final total, whatever came before
  int days_late = 0;                             // late.hpp days_late()
};

// The order of the total: criteria points (manual marks and criterion overrides included), then
// Adjustments in this order: scaled (not-applicable criteria, rubric not_applicable = "scale"),
// cap (each capped criterion that lowers the total), late, override_total. max_score is the
// rubric's total (under "drop", the applicable points). score == criteria + adjustments, to 0.01.
//
// Missed criteria show the direction hint; set_hint_level() or the learner history choose
// another. Numbers are rounded as the JSON writes them, so a record read back from JSON equals
// the one written.
ScoreRecord score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis,
                           const GradeInputs& inputs = {});

}  // namespace mixgrade
