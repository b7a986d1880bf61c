#pragma once
// One scored submission as mixgrade-score --json writes it (one JSON object per line). This is the
// learner model's only view of scoring: it never sees audio or rubrics.
#include <optional>
#include <string>
#include <vector>

#include "report/score_contract.hpp"

namespace mixgrade::learner {

enum class CriterionStatus { pass, partial, fail, not_applicable };

struct HintTexts {
  std::string direction;  // which way to move ("lower the level")
  std::string rule;       // the rule behind it ("true peak at or below -1 dBTP")
  std::string apply;      // how to do it in the session ("set the limiter ceiling to -1.0 dBTP")
};

struct CriterionResult {
  std::string id;
  std::string metric;
  std::optional<double> value;
  double points = 0;
  double max_points = 0;
  CriterionStatus status = CriterionStatus::fail;
  std::string feedback;
  std::string hint;        // the hint mixgrade-score chose (its --hint-level)
  std::string concept_id;  // empty when the criterion exercises none
  std::optional<double> pass_fraction;
  HintTexts hints;
  std::string unit;

  // BKT evidence: not_applicable criteria are no evidence; otherwise correct when the criterion
  // earns at least its pass fraction of the points (without a pass fraction, or for a criterion
  // worth no points such as a cap: status "pass").
  bool applicable() const { return status != CriterionStatus::not_applicable; }
  bool correct() const;
};

struct ScoredSubmission {
  std::string file;
  std::string student;       // empty: the caller supplies --student
  std::string content_hash;  // empty when the scorer did not add one
  std::string assignment;    // optional: the catalogue id this hand-in answers
  double score = 0;
  double max_score = 0;
  double percent = 0;
  bool passed = false;
  RubricRef rubric;
  std::vector<CriterionResult> criteria;
  std::vector<MisconceptionHit> misconceptions;
  std::string payload;  // canonical JSON of the graded content, for the identity without a hash

  // What makes two lines the same submission: the audio content (content_hash, else the file name
  // plus the graded payload) under the same rubric id, version and hash.
  std::string identity() const;
};

// The result of reading one line: a submission, or a failed input reported by the scorer.
struct ScoreLine {
  std::optional<ScoredSubmission> submission;
  std::string file;   // for failed inputs
  std::string error;  // non-empty: the scorer could not grade `file`
};

// Parses one line. Malformed JSON or a contract violation throws InputError(source, reason) with a
// one-line reason naming the field.
ScoreLine parse_score_line(const std::string& line, const std::string& source);

}  // namespace mixgrade::learner
