#pragma once
// A simulated term: an instructor's dry run of their concept graph, catalogue, rubrics and the
// next-step policy before real students meet them (mixgrade-assign simulate).
//
// Each simulated student has known weak concepts; every other concept is known. Week 0 every
// student hands in the course's diagnostic (the catalogue's `kind = "diagnostic"` assignment);
// from week 1 they hand in whatever they were given. A hand-in is graded with the real rubric of
// that assignment (score_analysis, as mixgrade-score --from-json grades): the criteria of a concept
// the student does not know fail, all others pass, manual criteria are marked the same way; the
// result goes through the real learner history and policy (record_submission). While doing an
// assignment that targets an unknown concept whose prerequisites are all known, the student
// learns it with probability `learn_rate`, and the hand-in shows it.
//
// Baselines on the same students and the same random draws (the k-th attempt at a concept uses
// the k-th draw in every arm): an oracle that knows the weak concepts and each week assigns the
// first (graph order) unknown weak concept whose prerequisites are known; a random arm that
// assigns a uniformly random concept each week. Weeks to mastery: the week in which the student's
// last weak concept was learned (the diagnostic week does not count); weeks + 1 when never.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/policy.hpp"
#include "rubric/rubric.hpp"

namespace mixgrade::learner {

struct SimulationOptions {
  int students = 24;
  int weeks = 12;
  std::uint64_t seed = 1;
  double learn_rate = 0.7;
  // Weakness profiles, in turn: every single concept, then every pair (and every triple when
  // max_weak is 3), then again. Each run also has `controls` students with no weak concept
  // (never counted in the means).
  int max_weak = 2;
  int controls = 2;
  // Noisy evidence: each hand-in, each concept the student knows fails its criteria with this
  // probability (a slip: a rushed export, a wrong file). The baselines do not see hand-ins.
  double slip = 0;
  // The week-0 hand-in: "" for the catalogue's diagnostic, or any assignment id (to see what the
  // policy does when the course starts without a diagnostic).
  std::string entry;
  PolicyOptions policy;
};

struct SimulatedStep {
  int week = 0;
  std::string assignment;  // id, "" when the policy gave none
  std::string concept_id;
  std::string kind;
  int minutes = 0;     // the assignment's estimated_minutes
  double percent = 0;  // the grade of the hand-in this step follows
};

struct SimulatedStudent {
  std::string id;
  std::vector<std::string> weak;  // graph order; empty for a control
  int policy_weeks = 0, oracle_weeks = 0, random_weeks = 0;
  std::vector<SimulatedStep> steps;  // week 1.. : what the policy issued after each hand-in
  bool first_step_hits = false;      // the first next step targets one of `weak`
  int remedial = 0;  // worked examples or practice on a concept the student already knew
};

struct SimulationReport {
  SimulationOptions options;
  std::string diagnostic;  // the assignment id used for week 0
  std::vector<SimulatedStudent> students;
  // Assignments the policy issued whose graded hand-in gave no observation of their concept.
  std::map<std::string, int> no_evidence;
  double mean_policy = 0, mean_oracle = 0, mean_random = 0;  // over students with a weakness
  int first_hits = 0, with_weakness = 0;
  int remedial_for_controls = 0;
};

// Throws InputError when the catalogue has no diagnostic or a rubric it names is missing, or a
// criterion's pass or fail value cannot be synthesised.
SimulationReport simulate_term(const ConceptGraph& graph, const Catalogue& catalogue,
                               const std::vector<Rubric>& rubrics,
                               const SimulationOptions& options);

}  // namespace mixgrade::learner
