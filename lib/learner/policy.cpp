#include "learner/policy.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/enum_table.hpp"
#include "core/format.hpp"

namespace mixgrade::learner {
namespace {

constexpr std::array kConceptStatusNames = {EnumName{ConceptStatus::locked, "locked"},
                                            EnumName{ConceptStatus::ready, "ready"},
                                            EnumName{ConceptStatus::mastered, "mastered"}};

const ConceptState& state_of(const LearnerState& state, const std::string& id) {
  static const ConceptState kNone;
  const ConceptState* cs = state.find(id);
  return cs ? *cs : kNone;
}

bool is_mastered(const LearnerState& state, const ConceptGraph& graph, const std::string& id) {
  return state_of(state, id).p_known >= graph.mastery_threshold();
}

// Soft prerequisites: only a prerequisite (direct or further down) whose latest measured hand-in
// missed holds a concept back. One never measured, or passed but not yet mastered, does not.
bool held_back(const LearnerState& state, const ConceptGraph& graph, const Concept& c) {
  return std::any_of(c.prerequisites.begin(), c.prerequisites.end(), [&](const std::string& pre) {
    return state_of(state, pre).missing() || held_back(state, graph, graph.at(pre));
  });
}

int issued(const LearnerState& state, const Assignment* a) {
  auto it = state.issued_counts.find(a->id);
  return it == state.issued_counts.end() ? 0 : it->second;
}

// As next.md's mastery table shows it (report/next_step.cpp), so the reason and the table agree.
std::string percent(double p) {
  return format_fixed(p * 100.0, 0) + " %";
}

struct Pick {
  const Assignment* assignment = nullptr;
  bool over_budget = false;  // nothing fitted the weekly budget: the shortest was taken
};

// Pacing first: the assignments that fit the weekly budget (none fits: the shortest). Then the
// difficulty closest to `difficulty`, the shortest when `smallest`, the least often issued, the id.
Pick pick(const LearnerState& state, std::vector<const Assignment*> options, int difficulty,
          const PolicyOptions& o, bool smallest = false) {
  if (options.empty()) return {};
  Pick out;
  if (o.minutes_per_week > 0) {
    std::vector<const Assignment*> fit;
    for (const Assignment* a : options)
      if (a->estimated_minutes <= o.minutes_per_week) fit.push_back(a);
    if (fit.empty()) {
      out.over_budget = true;
      smallest = true;
    } else {
      options = std::move(fit);
    }
  }
  out.assignment = *std::min_element(options.begin(), options.end(), [&](auto* a, auto* b) {
    auto key = [&](const Assignment* x) {
      return std::tuple(smallest ? x->estimated_minutes : 0, std::abs(x->difficulty - difficulty),
                        issued(state, x), x->id);
    };
    return key(a) < key(b);
  });
  return out;
}

std::string budget_note(const Pick& p, const PolicyOptions& o) {
  if (!p.assignment || o.minutes_per_week <= 0) return "";
  const std::string minutes = std::to_string(p.assignment->estimated_minutes);
  const std::string week = std::to_string(o.minutes_per_week);
  return p.over_budget ? "; no step for it fits your " + week + " minutes a week, so this is " +
                             "the shortest (" + minutes + " min): split it over two weeks"
                       : "; about " + minutes + " min, within your " + week + " minutes a week";
}

NextStep step_of(const Pick& p, const std::string& concept_id, AssignmentKind kind,
                 std::string reason, const PolicyOptions& o) {
  return {p.assignment, concept_id, kind, std::move(reason) + budget_note(p, o)};
}

std::string met_text(const ConceptState& cs) {
  if (cs.last_share <= 0) return "your last hand-in met none of its criteria";
  return "your last hand-in met " + format_fixed(cs.last_share * 100.0, 0) + " % of its criteria";
}

// Rule 1: a concept that still misses.
NextStep work_step(const LearnerState& state, const Concept& c, const Catalogue& catalogue,
                   const PolicyOptions& o) {
  const ConceptState& cs = state_of(state, c.id);
  const bool repeated = cs.misconception_repeats >= o.repeated_misconception;
  // New to the student: nothing issued for it yet and little evidence of knowing it. A concept
  // passed before and missed now (P(L) in the practice bands) gets practice, not a worked example.
  const bool is_new = cs.last_kind.empty() && cs.p_known < o.difficulty_2_from;
  if (is_new || (repeated && cs.last_kind != to_string(AssignmentKind::worked_example))) {
    auto worked = catalogue.select(c.id, AssignmentKind::worked_example);
    if (repeated) {  // one that addresses the misconception first
      std::vector<const Assignment*> addressing;
      for (const Assignment* a : worked)
        if (std::find(a->misconceptions.begin(), a->misconceptions.end(),
                      cs.repeated_misconception) != a->misconceptions.end())
          addressing.push_back(a);
      if (!addressing.empty()) worked = std::move(addressing);
    }
    const Pick p = pick(state, worked, 1, o);
    if (p.assignment)
      return step_of(p, c.id, AssignmentKind::worked_example,
                     repeated
                         ? "The misconception '" + cs.repeated_misconception + "' about " +
                               c.title + " came up " + std::to_string(cs.misconception_repeats) +
                               " times; a worked example takes it apart step by step"
                         : c.title + " is new to you and " + met_text(cs) +
                               "; start by predicting each step of a worked example",
                     o);
  }
  const bool struggling = cs.missed_in_a_row >= o.struggling_after;
  const int difficulty = struggling                         ? 1
                         : cs.p_known < o.difficulty_2_from ? 1
                         : cs.p_known < o.difficulty_3_from ? 2
                                                            : 3;
  const Pick p =
      pick(state, catalogue.select(c.id, AssignmentKind::practice), difficulty, o, struggling);
  std::string why = (repeated ? "The misconception '" + cs.repeated_misconception + "' came up " +
                                    std::to_string(cs.misconception_repeats) + " times and "
                              : std::string()) +
                    c.title + " still needs work (" + met_text(cs) + ")";
  why += struggling ? "; after " + std::to_string(cs.missed_in_a_row) +
                          " misses in a row, a smaller step: practice at difficulty 1"
                    : "; at " + percent(cs.p_known) + " mastery, practice at difficulty " +
                          std::to_string(difficulty);
  return step_of(p, c.id, AssignmentKind::practice, why, o);
}

// Rule 2: a concept nothing has measured yet (and nothing was issued for: an assignment whose
// hand-in brought no evidence back, say an unmarked manual criterion, is not repeated). A student
// whose hand-ins have met every criterion so far gets the challenge, as a placement: strong
// students are not sent back to basics, and a miss there brings the worked example next. Anyone
// else starts with the worked example.
NextStep first_look(const LearnerState& state, const Concept& c, const Catalogue& catalogue,
                    const PolicyOptions& o) {
  const auto& all = state.concepts;
  const bool clean =
      std::any_of(all.begin(), all.end(), [](auto& x) { return x.opportunities > 0; }) &&
      std::all_of(all.begin(), all.end(), [](auto& x) { return x.correct == x.opportunities; });
  const std::string why = "Nothing you handed in has measured " + c.title + " yet";
  if (clean) {
    const Pick p = pick(state, catalogue.select(c.id, AssignmentKind::challenge), 3, o);
    if (p.assignment)
      return step_of(p, c.id, AssignmentKind::challenge,
                     why +
                         " and you have met every criterion so far; a challenge shows where you "
                         "stand (if it goes wrong, a worked example comes next)",
                     o);
  }
  const Pick p = pick(state, catalogue.select(c.id, AssignmentKind::worked_example), 1, o);
  return step_of(p, c.id, AssignmentKind::worked_example,
                 why + "; a worked example introduces it and its hand-in shows where you stand", o);
}

// A transfer probe for a mastered concept in a context it has not been shown in, if any.
std::optional<NextStep> probe_step(const LearnerState& state, const ConceptGraph& graph,
                                   const Catalogue& catalogue, const PolicyOptions& o) {
  for (const Concept& c : graph.concepts()) {
    const ConceptState& cs = state_of(state, c.id);
    if (!is_mastered(state, graph, c.id) || cs.contexts.size() >= 2) continue;
    std::vector<const Assignment*> probes;
    for (const Assignment* a : catalogue.select(c.id, AssignmentKind::transfer_probe))
      if (!std::binary_search(cs.contexts.begin(), cs.contexts.end(), a->context))
        probes.push_back(a);
    const Pick p = pick(state, probes, 1, o);
    if (p.assignment)
      return step_of(p, c.id, AssignmentKind::transfer_probe,
                     "You have mastered " + c.title +
                         (cs.contexts.empty() ? "" : " in " + cs.contexts.front()) +
                         "; a transfer probe checks it in a new context (" + p.assignment->context +
                         ")",
                     o);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ConceptStatus status) {
  return name_of(kConceptStatusNames, status);
}

ConceptStatus concept_status(const LearnerState& state, const ConceptGraph& graph,
                             const std::string& concept_id) {
  if (is_mastered(state, graph, concept_id)) return ConceptStatus::mastered;
  return held_back(state, graph, graph.at(concept_id)) ? ConceptStatus::locked
                                                       : ConceptStatus::ready;
}

NextStep choose_next(const LearnerState& state, const ConceptGraph& graph,
                     const Catalogue& catalogue, const PolicyOptions& o) {
  // graph.concepts() is in topological order, so "first found" breaks ties by that order. In a
  // DAG the first concept that misses has no prerequisite that misses, so rule 1 always finds one
  // when anything misses: prerequisites guide, they never trap.
  const Concept* work = nullptr;
  const Concept* unmeasured = nullptr;
  const Concept* confirm = nullptr;
  auto key = [&](const Concept& c) {
    const ConceptState& cs = state_of(state, c.id);
    const bool repeated = cs.misconception_repeats >= o.repeated_misconception;
    return std::pair(repeated ? -cs.misconception_repeats : 0, cs.p_known);
  };
  for (const Concept& c : graph.concepts()) {
    const ConceptState& cs = state_of(state, c.id);
    if (held_back(state, graph, c)) continue;
    if (cs.missing()) {
      if (!work || key(c) < key(*work)) work = &c;
    } else if (!cs.observed()) {
      if (!unmeasured && cs.last_kind.empty() && !is_mastered(state, graph, c.id)) unmeasured = &c;
    } else if (!is_mastered(state, graph, c.id)) {
      if (!confirm || cs.p_known < state_of(state, confirm->id).p_known) confirm = &c;
    }
  }
  if (work) return work_step(state, *work, catalogue, o);
  if (unmeasured) return first_look(state, *unmeasured, catalogue, o);

  // Rule 3: interleave challenges and transfer probes.
  const bool after_probe = state.last_kind == to_string(AssignmentKind::transfer_probe);
  if (!after_probe || !confirm)
    if (auto probe = probe_step(state, graph, catalogue, o)) return *probe;
  if (confirm) {
    const ConceptState& cs = state_of(state, confirm->id);
    const Pick p = pick(state, catalogue.select(confirm->id, AssignmentKind::challenge), 3, o);
    return step_of(p, confirm->id, AssignmentKind::challenge,
                   "Your hand-ins meet " + confirm->title + " (" + percent(cs.p_known) +
                       " mastery); a challenge shows whether the skill holds up",
                   o);
  }

  // Rule 4: everything mastered: review the concept practised longest ago (never practised counts
  // as longest ago; submission ids break ties between equal times).
  const Concept* oldest = nullptr;
  for (const Concept& c : graph.concepts()) {
    const ConceptState& cs = state_of(state, c.id);
    const ConceptState& best = oldest ? state_of(state, oldest->id) : cs;
    if (!oldest || std::pair(cs.last_practised_at, cs.last_submission_id) <
                       std::pair(best.last_practised_at, best.last_submission_id))
      oldest = &c;
  }
  const Pick p = pick(state, catalogue.select(oldest->id, AssignmentKind::review), 1, o);
  return step_of(p, oldest->id, AssignmentKind::review,
                 "Every concept is mastered; " + oldest->title +
                     " was practised longest ago, so a review keeps it fresh",
                 o);
}

}  // namespace mixgrade::learner
