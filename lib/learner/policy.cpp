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

bool is_mastered(const LearnerState& state, const ConceptGraph& graph, const std::string& id) {
  const ConceptState* cs = state.find(id);
  return cs && cs->p_known >= graph.mastery_threshold();
}

int issued(const LearnerState& state, const Assignment* a) {
  auto it = state.issued_counts.find(a->id);
  return it == state.issued_counts.end() ? 0 : it->second;
}

// The difficulty closest to `difficulty`, then the least often issued, then by id.
const Assignment* pick(const LearnerState& state, std::vector<const Assignment*> options,
                       int difficulty) {
  if (options.empty()) return nullptr;
  return *std::min_element(options.begin(), options.end(), [&](auto* a, auto* b) {
    return std::tuple(std::abs(a->difficulty - difficulty), issued(state, a), a->id) <
           std::tuple(std::abs(b->difficulty - difficulty), issued(state, b), b->id);
  });
}

// As next.md's mastery table shows it (report/next_step.cpp), so the reason and the table agree.
std::string percent(double p) {
  return format_fixed(p * 100.0, 0) + " %";
}

NextStep fringe_step(const LearnerState& state, const Concept& node, const ConceptState& cs,
                     const Catalogue& catalogue, const PolicyOptions& o, std::string why) {
  NextStep step{.assignment = nullptr,
                .concept_id = node.id,
                .kind = AssignmentKind::practice,
                .reason = std::move(why)};
  const double p = cs.p_known;
  int difficulty = p < o.difficulty_2_from ? 1 : p < o.difficulty_3_from ? 2 : 3;
  if (p < o.practice_from) {
    const Assignment* worked =
        pick(state, catalogue.select(node.id, AssignmentKind::worked_example), 1);
    if (worked && issued(state, worked) == 0) {
      step.kind = AssignmentKind::worked_example;
      step.assignment = worked;
      step.reason +=
          "; at " + percent(p) + " mastery, start by predicting each step of a worked example";
      return step;
    }
    difficulty = 1;
  } else if (p >= o.challenge_from) {
    step.kind = AssignmentKind::challenge;
    step.assignment = pick(state, catalogue.select(node.id, AssignmentKind::challenge), 3);
    step.reason += "; at " + percent(p) + " mastery, a challenge shows whether the skill holds up";
    return step;
  }
  step.assignment = pick(state, catalogue.select(node.id, AssignmentKind::practice), difficulty);
  step.reason +=
      "; at " + percent(p) + " mastery, practice at difficulty " + std::to_string(difficulty);
  return step;
}

}  // namespace

std::string_view to_string(ConceptStatus status) {
  return name_of(kConceptStatusNames, status);
}

ConceptStatus concept_status(const LearnerState& state, const ConceptGraph& graph,
                             const std::string& concept_id) {
  if (is_mastered(state, graph, concept_id)) return ConceptStatus::mastered;
  for (const auto& pre : graph.at(concept_id).prerequisites)
    if (!is_mastered(state, graph, pre)) return ConceptStatus::locked;
  return ConceptStatus::ready;
}

NextStep choose_next(const LearnerState& state, const ConceptGraph& graph,
                     const Catalogue& catalogue, const PolicyOptions& o) {
  const ConceptState empty;
  auto state_of = [&](const Concept& c) -> const ConceptState& {
    const ConceptState* cs = state.find(c.id);
    return cs ? *cs : empty;
  };
  // graph.concepts() is in topological order, so "first found" breaks ties by that order.
  const Concept* misconceived = nullptr;
  const Concept* lowest = nullptr;
  for (const Concept& c : graph.concepts()) {
    if (concept_status(state, graph, c.id) != ConceptStatus::ready) continue;
    const ConceptState& cs = state_of(c);
    if (!lowest || cs.p_known < state_of(*lowest).p_known) lowest = &c;
    if (cs.misconception_repeats >= o.repeated_misconception) {
      const bool better =
          !misconceived ||
          cs.misconception_repeats > state_of(*misconceived).misconception_repeats ||
          (cs.misconception_repeats == state_of(*misconceived).misconception_repeats &&
           cs.p_known < state_of(*misconceived).p_known);
      if (better) misconceived = &c;
    }
  }
  if (misconceived)
    return fringe_step(state, *misconceived, state_of(*misconceived), catalogue, o,
                       "The same misconception about " + misconceived->title + " came up " +
                           std::to_string(state_of(*misconceived).misconception_repeats) +
                           " times, so it comes first");

  for (const Concept& c : graph.concepts()) {
    const ConceptState& cs = state_of(c);
    if (!is_mastered(state, graph, c.id) || cs.contexts.size() >= 2) continue;
    std::vector<const Assignment*> probes;
    for (const Assignment* a : catalogue.select(c.id, AssignmentKind::transfer_probe))
      if (!std::binary_search(cs.contexts.begin(), cs.contexts.end(), a->context))
        probes.push_back(a);
    if (const Assignment* probe = pick(state, probes, 1))
      return {probe, c.id, AssignmentKind::transfer_probe,
              "You have mastered " + c.title +
                  (cs.contexts.empty() ? "" : " in " + cs.contexts.front()) +
                  "; a transfer probe checks it in a new context (" + probe->context + ")"};
  }

  if (lowest)
    return fringe_step(state, *lowest, state_of(*lowest), catalogue, o,
                       lowest->prerequisites.empty()
                           ? lowest->title + " is the least mastered concept you can work on now"
                           : "Its prerequisites are mastered and " + lowest->title +
                                 " is the least mastered concept you can work on now");

  // Everything mastered: review the concept practised longest ago (never practised counts as
  // longest ago; submission ids break ties between equal times).
  const Concept* oldest = nullptr;
  for (const Concept& c : graph.concepts()) {
    const ConceptState& cs = state_of(c);
    if (!oldest ||
        std::pair(cs.last_practised_at, cs.last_submission_id) <
            std::pair(state_of(*oldest).last_practised_at, state_of(*oldest).last_submission_id))
      oldest = &c;
  }
  const Assignment* review = pick(state, catalogue.select(oldest->id, AssignmentKind::review), 1);
  return {review, oldest->id, AssignmentKind::review,
          "Every concept is mastered; " + oldest->title +
              " was practised longest ago, so a review keeps it fresh"};
}

}  // namespace mixgrade::learner
