#pragma once
// Turns one scored submission into history: BKT updates, hint levels, misconceptions, and the
// next assignment, all in one transaction.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/history.hpp"
#include "learner/policy.hpp"
#include "learner/state.hpp"
#include "learner/teach_back.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade::learner {

// What one submission says about each concept it exercises: how many of the concept's applicable
// criteria it had and how many it met. One entry per concept, in the order of first appearance.
struct Evidence {
  std::string concept_id;
  int criteria = 0;
  int met = 0;
  double share() const { return criteria > 0 ? static_cast<double>(met) / criteria : 0.0; }
};
std::vector<Evidence> concept_evidence(const ScoreRecord& submission);

struct MasteryChange {
  std::string concept_id;
  double before = 0;
  double after = 0;
};

struct Outcome {
  // The submission as recorded, with each missed criterion's hint level escalated from the
  // student's history: feedback.md and next.md both render this one record.
  ScoreRecord submission;
  std::string student;
  std::string context;
  std::int64_t submission_id = 0;
  bool duplicate = false;                // already in the history: nothing was counted again
  bool regrade = false;                  // replaced the grading of an attempt already recorded
  std::vector<std::int64_t> superseded;  // the gradings it replaced (audit rows now)
  std::vector<MasteryChange> changes;    // graph order; empty for a duplicate
  // Per missed criterion id: how many of the student's submissions under this rubric missed it,
  // this one included (1 = the first miss). Drives "first miss" on next.md.
  std::map<std::string, int> misses;
  // The explanation handed in beside the audio, scored for the concept of the assignment it
  // answers (teach_back.hpp); empty without one, or when no assignment names the concept.
  std::optional<TeachBack> teach_back;
  NextStep next;
  LearnerState state;  // after this submission
};

// A teach-it-back text is weak evidence: one observation whose share is its score, moved only
// this share of the way (bkt.hpp bkt_observe's weight). It never counts as a measured hand-in:
// what misses, and misses in a row, follow the criteria alone.
inline constexpr double kTeachBackWeight = 0.25;

// Records `submission` for `student` (BEGIN IMMEDIATE ... COMMIT). Hint levels count the
// student's earlier submissions that missed the same criterion of the same rubric (criterion ids
// are only unique within a rubric). A submission already recorded
// (same identity, see ScoreRecord::identity) changes nothing and returns the hints and the
// assignment stored the first time. `fixed_hint_level` (mixgrade-batch --hint-level) shows that
// level to everyone instead of the escalated one; the history records the hint shown. The same
// attempt graded differently (another rubric version, other marks, `force_regrade`) is a regrade
// (history.hpp "Regrades"): out.regrade, and the state is replayed. Throws
// InputError (and rolls back) when a criterion or misconception names a concept the graph does not
// know, or the line names an unknown assignment. `before_commit` (a class run's page writer) runs
// inside the transaction, after everything is decided and before it is committed, for a new
// grading or a regrade (not a re-run): killed before the commit, nothing was recorded and a re-run
// writes the same pages; killed after it, the pages were already there. What it throws rolls the
// submission back.
Outcome record_submission(History& history, const ScoreRecord& submission,
                          const std::string& student, const ConceptGraph& graph,
                          const Catalogue& catalogue, const PolicyOptions& options = {},
                          std::optional<HintLevel> fixed_hint_level = std::nullopt,
                          bool force_regrade = false,
                          const std::function<void(const Outcome&)>& before_commit = {});

// The current state of a student and the assignment last issued (for --show).
struct StudentReport {
  LearnerState state;
  std::vector<SubmissionRow> submissions;
  std::optional<IssuedAssignment> last_issued;
};
std::optional<StudentReport> load_student(const History& history, const std::string& student,
                                          const ConceptGraph& graph);

}  // namespace mixgrade::learner
