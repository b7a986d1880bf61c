#pragma once
// A typed view of one line of `mixgrade-score --json` (the issue 4 contract), which is what the
// class outputs are built from:
//   {file, score, max_score, percent, passed, rubric{id, version, hash},
//    criteria[{id, metric, value, points, max_points, status, feedback, hint, concept,
//    visibility}], misconceptions[{id, concept, message}]}
// or {file, error} for an input that could not be analysed. Reading it once into structs keeps
// the writers free of string look-ups and checks the contract in one place.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/score_contract.hpp"

namespace mixgrade {

enum class CriterionOutcome { kPassed, kFailed, kNotApplicable };

struct CriterionScore {
  std::string id;
  std::string metric;           // JSON path of the metric, "loudness.integrated_lufs"
  std::optional<double> value;  // the measurement; absent for a missing metric
  double points = 0;
  double max_points = 0;
  std::string status;  // "pass", "partial", "fail", "not_applicable" (as scored)
  std::string feedback;
  std::string hint;
  std::string concept_id;  // an id from rubrics/concepts.toml
  std::string visibility;  // "visible", "hidden", "after_due_date", "after_published"

  // pass -> passed; not_applicable / n/a / skipped -> not applicable; anything else (fail,
  // partial) -> failed: a criterion that lost points is one the student has to fix.
  CriterionOutcome outcome() const;
};

struct ScoreRecord {
  std::string file;
  double score = 0;
  double max_score = 0;
  double percent = 0;
  bool passed = false;
  RubricRef rubric;
  std::vector<CriterionScore> criteria;
  std::vector<MisconceptionHit> misconceptions;
};

// One student's result: a score, or the reason there is none.
struct ScoreOutcome {
  std::string file;
  std::optional<ScoreRecord> score;
  std::string error;  // set exactly when score is empty
};

// Reads one score object. A {file, error} object gives an outcome with that error; an object
// that breaks the contract (a missing or mistyped field) throws InputError(file, "score JSON:
// <what is wrong>"), so a scoring bug is not silently graded as zero.
ScoreOutcome parse_score(const nlohmann::ordered_json& j);

// A number for people and CSV: at most `decimals` places, trailing zeros dropped ("72.5", "80").
std::string format_number(double value, int decimals = 2);

}  // namespace mixgrade
