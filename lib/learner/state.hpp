#pragma once
// What the learner model knows about one student: the policy's input, the history's output.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade::learner {

struct ConceptState {
  std::string concept_id;
  double p_known = 0;     // BKT P(L) after the last observation (the prior before any)
  int opportunities = 0;  // criteria that exercised it, not_applicable excluded
  int correct = 0;        // of those, the criteria met
  // Calibrated evidence: one observation per graded submission that exercised the concept.
  int observations = 0;
  double last_share = -1;   // share of its criteria met in the latest observation; -1: none yet
  int missed_in_a_row = 0;  // latest observations in a row that missed some of its criteria
  std::string last_kind;    // kind of the assignment last issued for it ("" never)
  std::int64_t last_practised_at = 0;   // Unix seconds; 0 = never practised
  std::int64_t last_submission_id = 0;  // tie-break for equal times (ids grow with insertion)
  std::vector<std::string> contexts;    // contexts in which it was shown while mastered, sorted
  int misconception_repeats = 0;        // how often its most frequent misconception was seen
  std::string repeated_misconception;   // that misconception's id ("" none)

  bool observed() const { return observations > 0; }
  // The latest hand-in that exercised it missed something: it still needs work.
  bool missing() const { return observed() && last_share < 1.0; }
};

struct LearnerState {
  std::string student;
  std::vector<ConceptState> concepts;        // in the concept graph's order
  std::map<std::string, int> issued_counts;  // assignment id -> times issued
  std::string last_kind;                     // kind of the assignment issued last ("" none)

  const ConceptState* find(std::string_view concept_id) const {
    for (const auto& c : concepts)
      if (c.concept_id == concept_id) return &c;
    return nullptr;
  }
};

}  // namespace mixgrade::learner
