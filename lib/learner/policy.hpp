#pragma once
// The next-step policy: which concept a student works on next, and with which kind of assignment.
// Pure: the same state, graph and catalogue always give the same answer.
//
// The model: an evidence-weighted outer fringe. ALEKS's knowledge-space theory (Falmagne &
// Doignon, "Learning Spaces", 2011) teaches from the outer fringe: what the student does not yet
// know but whose prerequisites they know. Here the fringe is soft and decided by evidence, not by
// a mastery estimate crossing 0.95: a prerequisite holds a concept back only while the student's
// latest hand-in that measured the prerequisite missed it, and a concept nothing has measured yet
// never holds anything back. Bayesian Knowledge Tracing (Corbett & Anderson 1995) still estimates
// P(L) per concept, with one calibrated observation per submission (bkt.hpp bkt_observe); it
// orders the work and decides mastery, which unlocks transfer probes and review. Worked examples
// come first for a concept that is new to the student (the worked-example effect: Sweller &
// Cooper 1985; Renkl 2014), practice while it still misses, and transfer probes and spaced review
// (Cepeda et al. 2006; Rohrer & Taylor 2007) are interleaved with challenges once nothing misses.
#include <string>

#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/state.hpp"

namespace mixgrade::learner {

// Where a concept stands for a student (the concept map's node styles).
enum class ConceptStatus {
  locked,  // a prerequisite (or one of its own) still misses: its latest measured hand-in missed it
  ready,   // nothing holds it back, and it is not mastered yet: the learning fringe
  mastered,  // P(L) >= the mastery threshold (0.95 by default, rubrics/concepts.toml)
};
std::string_view to_string(ConceptStatus status);
ConceptStatus concept_status(const LearnerState& state, const ConceptGraph& graph,
                             const std::string& concept_id);

struct PolicyOptions {
  // Practice difficulty for a concept that still misses, by P(L): 1 below difficulty_2_from, 2
  // below difficulty_3_from, 3 from there.
  double difficulty_2_from = 0.5;
  double difficulty_3_from = 0.65;
  int repeated_misconception = 2;  // seen this often, a misconception puts its concept first
  int struggling_after = 2;        // misses in a row: the smallest step, not a longer one
  int minutes_per_week = 0;        // the student's weekly time budget; 0: none
};

struct NextStep {
  const Assignment* assignment = nullptr;
  std::string concept_id;
  AssignmentKind kind = AssignmentKind::practice;
  std::string reason;  // one sentence for the student, saying why this comes next
};

// The rules, in order (each names the first that applies):
// 1. Work on what misses. Among concepts whose latest measured hand-in missed some criterion and
//    whose prerequisites (direct or further down) do not miss: a misconception seen
//    `repeated_misconception` times first (most repeats, then lowest P(L)), else the lowest P(L);
//    graph order breaks ties. The kind: a worked example when nothing was issued for the concept
//    yet and P(L) is under difficulty_2_from (it is new to the student) or when a misconception
//    repeats and the last step for it was not a worked example (one that addresses that
//    misconception first); otherwise practice at the difficulty of its P(L) band, or, after
//    `struggling_after` misses in a row, the shortest practice at difficulty 1.
// 2. Look at what was never measured. A concept no hand-in has measured, nothing was issued for
//    yet, and whose prerequisites do not miss, in graph order: a challenge (a placement) when every
//    criterion the student has handed in so far was met, else a worked example (new). One issued
//    without evidence coming back (an unmarked manual criterion) is not repeated.
// 3. Once nothing misses, interleave: after a challenge or practice, a transfer probe for a
//    mastered concept shown in fewer than two contexts (in a context it has not been shown in);
//    otherwise a challenge for the passing concept with the lowest P(L), to confirm it; else a
//    probe.
// 4. Everything mastered and transferred: a review of the concept practised longest ago.
// A student whose hand-ins miss nothing is never given a worked example or practice on a concept
// they have shown (rules 3 and 4 give challenges, probes and reviews only).
// Among the assignments of the chosen kind: those that fit `minutes_per_week` (when none does,
// the shortest, and the reason says so), the right difficulty, the least often issued, then by id.
NextStep choose_next(const LearnerState& state, const ConceptGraph& graph,
                     const Catalogue& catalogue, const PolicyOptions& options = {});

}  // namespace mixgrade::learner
