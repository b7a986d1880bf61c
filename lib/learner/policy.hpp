#pragma once
// The next-step policy: which concept a student works on next, and with which kind of assignment.
// Pure: the same state, graph and catalogue always give the same answer.
#include <string>

#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/state.hpp"

namespace mixgrade::learner {

// Where a concept stands for a student (the concept map's node styles).
enum class ConceptStatus {
  locked,    // some prerequisite is not mastered yet
  ready,     // prerequisites mastered, the concept itself not yet: the learning fringe
  mastered,  // P(L) >= the mastery threshold (0.95 by default, rubrics/concepts.toml)
};
std::string_view to_string(ConceptStatus status);
ConceptStatus concept_status(const LearnerState& state, const ConceptGraph& graph,
                             const std::string& concept_id);

// Mastery bands that choose the kind of assignment on the fringe. With the default BKT parameters
// (prior 0.2) a new concept starts with a worked example; one correct attempt lifts P(L) to 0.60
// (practice), two to 0.89 (challenge), three to 0.98 (mastered).
struct PolicyOptions {
  double practice_from = 0.35;  // below: a worked example (once; afterwards the easiest practice)
  double difficulty_2_from = 0.5;   // practice difficulty 1 below, 2 from here
  double difficulty_3_from = 0.65;  // practice difficulty 3 from here
  double challenge_from = 0.8;      // a challenge from here up to mastery
  int repeated_misconception = 2;   // seen this often, a misconception puts its concept first
};

struct NextStep {
  const Assignment* assignment = nullptr;
  std::string concept_id;
  AssignmentKind kind = AssignmentKind::practice;
  std::string reason;  // one sentence for the student, saying why this comes next
};

// In order:
// 1. on the fringe (not mastered, prerequisites mastered), a concept whose misconception was seen
//    repeatedly (most repeats first, then lowest mastery);
// 2. a mastered concept shown in fewer than two contexts gets a transfer probe in a context it
//    has not been shown in, while the skill is fresh (earliest in graph order first);
// 3. the fringe concept with the lowest mastery (graph order breaks ties), kind by mastery band;
// 4. everything mastered and transferred: a review of the concept practised longest ago.
// Among assignments of the chosen kind: the right difficulty, the least often issued, then by id.
NextStep choose_next(const LearnerState& state, const ConceptGraph& graph,
                     const Catalogue& catalogue, const PolicyOptions& options = {});

}  // namespace mixgrade::learner
