#pragma once
// Grades one analysis (its JSON object) against a rubric: points, status, feedback and hints
// per criterion, the misconceptions that fire, the total after caps.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "rubric/points.hpp"
#include "rubric/rubric.hpp"

namespace mixgrade {

enum class Status { pass, partial, fail, not_applicable };
std::string_view to_string(Status s);

struct CriterionResult {
  std::size_t index = 0;        // into Rubric::criteria
  std::optional<double> value;  // nullopt: the metric is absent from the analysis
  double points = 0.0;
  double max_points = 0.0;  // 0 when not applicable: it leaves the total too
  Status status = Status::pass;
  Placement placement;
  bool capped = false;                       // its cap limited the total
  std::string feedback;                      // rendered
  Hints hints;                               // rendered
  const std::string& hint(int level) const;  // 1 direction, 2 rule, 3 apply
};

struct MisconceptionResult {
  std::string id;
  std::string concept_id;
  std::string message;  // rendered
};

struct Score {
  std::string file;
  double score = 0.0;
  double max_score = 0.0;
  double percent = 0.0;  // of max_score; 0 when no criterion applies
  bool passed = false;
  std::vector<CriterionResult> criteria;
  std::vector<MisconceptionResult> misconceptions;
};

Score score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis);

// A value as the student reads it: fixed decimals, never "-0.0".
std::string format_fixed(double value, int decimals);

}  // namespace mixgrade
