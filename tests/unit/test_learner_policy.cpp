// The next-step policy on a small graph, one rule at a time (policy.hpp): work on what misses
// first, soft prerequisites, unmeasured concepts never block, worked examples when new or when a
// misconception repeats, practice bands, smaller steps when struggling, interleaved challenges
// and transfer probes once nothing misses, review at the end, pacing by a weekly budget.
#define BOOST_TEST_MODULE learner_policy
#include <boost/test/unit_test.hpp>

#include <ostream>

#include "learner/policy.hpp"

using namespace mixgrade::learner;

namespace mixgrade::learner {
// Printable in Boost.Test messages.
std::ostream& operator<<(std::ostream& os, ConceptStatus s) {
  return os << to_string(s);
}
std::ostream& operator<<(std::ostream& os, AssignmentKind k) {
  return os << to_string(k);
}
}  // namespace mixgrade::learner

namespace {

// base -> left, base -> right, (left, right) -> top
ConceptGraph small_graph() {
  auto concept_of = [](std::string id, std::vector<std::string> pre) {
    return Concept{id, id + " title", id + " description", std::move(pre), BktParams{}};
  };
  return ConceptGraph({concept_of("base", {}), concept_of("left", {"base"}),
                       concept_of("right", {"base"}), concept_of("top", {"left", "right"})},
                      0.95);
}

Assignment assignment(std::string concept_id, AssignmentKind kind, int difficulty,
                      std::string context = "home") {
  Assignment a;
  a.id = concept_id + "-" + std::string(to_string(kind)) + "-" + std::to_string(difficulty) +
         (context == "home" ? "" : "-" + context);
  a.title = a.id;
  a.concept_id = std::move(concept_id);
  a.kind = kind;
  a.difficulty = difficulty;
  a.context = std::move(context);
  a.instructions = "Do it.";
  a.estimated_minutes = 10;
  a.rubric = "first-mix";
  return a;
}

Catalogue full_catalogue() {
  std::vector<Assignment> all;
  for (const char* c : {"base", "left", "right", "top"}) {
    all.push_back(assignment(c, AssignmentKind::worked_example, 1));
    for (int d = 1; d <= 3; ++d) all.push_back(assignment(c, AssignmentKind::practice, d));
    all.push_back(assignment(c, AssignmentKind::challenge, 3));
    all.push_back(assignment(c, AssignmentKind::transfer_probe, 2, "elsewhere"));
    all.push_back(assignment(c, AssignmentKind::review, 2));
  }
  return Catalogue(std::move(all));
}

LearnerState state_with(std::vector<std::pair<std::string, double>> mastery) {
  LearnerState s;
  s.student = "s";
  for (auto& [id, p] : mastery) {
    ConceptState cs;
    cs.concept_id = id;
    cs.p_known = p;
    s.concepts.push_back(cs);
  }
  return s;
}

ConceptState& at(LearnerState& s, const std::string& id) {
  for (auto& c : s.concepts)
    if (c.concept_id == id) return c;
  throw std::out_of_range(id);
}

// A concept some hand-in measured: P(L), the share of its criteria met the latest time, misses in
// a row, and the kind last issued for it ("" none).
void seen(LearnerState& s, const std::string& id, double p, double share, int missed = 0,
          std::string last_kind = "practice") {
  ConceptState& c = at(s, id);
  c.p_known = p;
  c.observations = 1;
  c.last_share = share;
  c.missed_in_a_row = share < 1.0 ? std::max(missed, 1) : 0;
  c.last_kind = std::move(last_kind);
}

LearnerState fresh() {
  return state_with({{"base", 0.2}, {"left", 0.2}, {"right", 0.2}, {"top", 0.2}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_student_with_no_evidence_starts_with_a_worked_example_on_the_root) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "base");
  BOOST_TEST(next.kind == AssignmentKind::worked_example);
  BOOST_TEST(next.reason.find("Nothing you handed in has measured") != std::string::npos);
  // Nothing measured blocks nothing: every concept is on the fringe.
  for (const char* id : {"base", "left", "right", "top"})
    BOOST_TEST(concept_status(s, graph, id) == ConceptStatus::ready, id);
  // A worked example was issued and its hand-in measured nothing (an unmarked manual criterion,
  // say): the policy does not repeat itself, it moves on to the next concept never measured.
  at(s, "base").last_kind = "worked_example";
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "left-worked_example-1");
}

BOOST_AUTO_TEST_CASE(an_unmeasured_concept_is_a_placement_challenge_for_a_clean_record) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  for (const char* id : {"base", "left", "right"}) {
    seen(s, id, 0.6, 1.0, 0, "");
    at(s, id).opportunities = at(s, id).correct = 2;
  }
  // Every criterion met so far and top never measured: a challenge, not back to basics.
  NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "top");
  BOOST_TEST(next.kind == AssignmentKind::challenge);
  // One criterion missed in the past (2 of 3 met): the worked example introduces top instead.
  at(s, "left").opportunities = 3;
  next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "top");
  BOOST_TEST(next.kind == AssignmentKind::worked_example);
}

BOOST_AUTO_TEST_CASE(what_misses_comes_before_what_was_never_measured) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  // The diagnostic measured everything: base and left pass, right misses, top was not measured.
  seen(s, "base", 0.6, 1.0, 0, "");
  seen(s, "left", 0.6, 1.0, 0, "");
  seen(s, "right", 0.176, 0.0, 1, "");
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "right");
  // New to the student (nothing issued for it yet): a worked example.
  BOOST_TEST(next.kind == AssignmentKind::worked_example);
  BOOST_TEST(next.assignment->id == "right-worked_example-1");
}

BOOST_AUTO_TEST_CASE(soft_prerequisites_hold_back_only_while_they_miss) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  // base and top both miss. base's miss holds left, right and top back; top waits.
  seen(s, "base", 0.18, 0.0, 1);
  seen(s, "top", 0.05, 0.0, 1);
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "base");
  BOOST_TEST(concept_status(s, graph, "left") == ConceptStatus::locked);
  // One passing hand-in (P(L) 0.57, far from 0.95) releases them: the old rule kept top locked
  // until both left and right were mastered, though the student demonstrably failed top.
  seen(s, "base", 0.57, 1.0);
  seen(s, "left", 0.6, 1.0);
  seen(s, "right", 0.6, 1.0);
  BOOST_TEST(concept_status(s, graph, "top") == ConceptStatus::ready);
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "top");
  // A prerequisite never measured does not hold anything back either.
  auto t = fresh();
  seen(t, "top", 0.05, 0.0, 1);
  BOOST_TEST(choose_next(t, graph, catalogue).concept_id == "top");
}

BOOST_AUTO_TEST_CASE(lowest_mastery_first_among_what_misses) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  seen(s, "base", 0.6, 1.0);
  seen(s, "left", 0.45, 0.5);
  seen(s, "right", 0.3, 0.0);
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "right");
  at(s, "right").p_known = 0.5;  // now left is lower
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "left");
}

BOOST_AUTO_TEST_CASE(practice_difficulty_follows_the_mastery_band) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  // Bands: below 0.5 difficulty 1, below 0.65 difficulty 2, from 0.65 difficulty 3.
  const std::vector<std::pair<double, std::string>> bands = {
      {0.30, "base-practice-1"}, {0.49, "base-practice-1"}, {0.50, "base-practice-2"},
      {0.64, "base-practice-2"}, {0.65, "base-practice-3"}, {0.90, "base-practice-3"}};
  for (const auto& [p, expected] : bands) {
    seen(s, "base", p, 0.5, 1);
    const NextStep next = choose_next(s, graph, catalogue);
    BOOST_TEST(next.assignment->id == expected, "p = " << p);
    BOOST_TEST(next.kind == AssignmentKind::practice);
  }
}

BOOST_AUTO_TEST_CASE(struggling_students_get_smaller_steps) {
  const auto graph = small_graph();
  auto all = full_catalogue().assignments();
  // A second difficulty-1 practice that takes 5 minutes instead of 10.
  Assignment quick = assignment("base", AssignmentKind::practice, 1, "quick");
  quick.estimated_minutes = 5;
  all.push_back(quick);
  const Catalogue catalogue(all);
  auto s = fresh();
  seen(s, "base", 0.7, 0.0, 1);  // one miss at 0.7: difficulty 3
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-3");
  seen(s, "base", 0.7, 0.0, 2);  // two in a row: the shortest difficulty-1 practice
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.assignment->id == "base-practice-1-quick");
  BOOST_TEST(next.reason.find("2 misses in a row") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(repeated_misconception_comes_first_with_a_worked_example_on_it) {
  const auto graph = small_graph();
  auto all = full_catalogue().assignments();
  Assignment on_it = assignment("left", AssignmentKind::worked_example, 1, "on-it");
  on_it.misconceptions = {"left_myth"};
  all.push_back(on_it);
  const Catalogue catalogue(all);
  auto s = fresh();
  seen(s, "base", 0.6, 1.0);
  seen(s, "left", 0.6, 0.5);
  seen(s, "right", 0.4, 0.0);
  at(s, "left").repeated_misconception = "left_myth";
  at(s, "left").misconception_repeats = 1;  // once is not yet a pattern
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "right");
  at(s, "left").misconception_repeats = 2;
  NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "left");
  BOOST_TEST(next.kind == AssignmentKind::worked_example);
  BOOST_TEST(next.assignment->id == "left-worked_example-1-on-it");  // the one that addresses it
  BOOST_TEST(next.reason.find("left_myth") != std::string::npos);
  // Right after that worked example: practice, not a second worked example in a row.
  at(s, "left").last_kind = "worked_example";
  next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::practice);
  BOOST_TEST(next.concept_id == "left");
}

BOOST_AUTO_TEST_CASE(no_remedial_work_for_a_student_who_misses_nothing) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  // One clean diagnostic: everything at P(L) 0.6, nothing misses.
  for (const char* id : {"base", "left", "right", "top"}) seen(s, id, 0.6, 1.0, 0, "");
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::challenge);
  BOOST_TEST(next.concept_id == "base");  // equal P(L): graph order
  at(s, "base").p_known = 0.89;
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "left");  // lowest P(L) next
}

BOOST_AUTO_TEST_CASE(probes_interleave_with_challenges_once_nothing_misses) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = fresh();
  seen(s, "base", 0.97, 1.0);
  at(s, "base").contexts = {"home"};
  seen(s, "left", 0.6, 0.0, 1);  // left still misses: no probe before it
  NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "left");
  BOOST_TEST(next.kind == AssignmentKind::practice);
  // left passes now: after that practice, the probe for base in a new context.
  seen(s, "left", 0.57, 1.0);
  seen(s, "right", 0.6, 1.0);
  seen(s, "top", 0.6, 1.0);
  s.last_kind = "practice";
  next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::transfer_probe);
  BOOST_TEST(next.assignment->id == "base-transfer_probe-2-elsewhere");
  // After a probe, a challenge for the least mastered passing concept.
  s.last_kind = "transfer_probe";
  next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::challenge);
  BOOST_TEST(next.concept_id == "left");
  // Shown in both contexts: no probe left, so challenges.
  at(s, "base").contexts = {"elsewhere", "home"};
  s.last_kind = "challenge";
  BOOST_TEST(choose_next(s, graph, catalogue).kind == AssignmentKind::challenge);
}

BOOST_AUTO_TEST_CASE(review_of_the_concept_practised_longest_ago) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.99}, {"left", 0.98}, {"right", 0.97}, {"top", 0.96}});
  const std::vector<std::pair<std::string, std::int64_t>> last = {
      {"base", 400}, {"left", 100}, {"right", 300}, {"top", 200}};
  for (const auto& [id, t] : last) {
    seen(s, id, at(s, id).p_known, 1.0);
    at(s, id).contexts = {"elsewhere", "home"};
    at(s, id).last_practised_at = t;
  }
  NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::review);
  BOOST_TEST(next.concept_id == "left");
  // Equal times: the earlier submission id decides.
  at(s, "left").last_practised_at = 200;
  at(s, "left").last_submission_id = 9;
  at(s, "top").last_submission_id = 4;
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "top");
}

BOOST_AUTO_TEST_CASE(least_issued_assignment_of_a_kind) {
  const auto graph = small_graph();
  auto all = full_catalogue().assignments();
  all.push_back(assignment("base", AssignmentKind::practice, 1, "other"));
  const Catalogue catalogue(all);
  auto s = fresh();
  seen(s, "base", 0.4, 0.0);
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-1");
  s.issued_counts["base-practice-1"] = 1;
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-1-other");
}

BOOST_AUTO_TEST_CASE(pacing_fits_the_weekly_budget) {
  const auto graph = small_graph();
  auto all = full_catalogue().assignments();
  for (auto& a : all) a.estimated_minutes = a.difficulty * 30;  // 30, 60, 90 minutes
  Assignment short3 = assignment("base", AssignmentKind::practice, 3, "short");
  short3.estimated_minutes = 40;
  all.push_back(short3);
  const Catalogue catalogue(all);
  auto s = fresh();
  seen(s, "base", 0.7, 0.5);  // difficulty 3
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-3");
  PolicyOptions budget;
  budget.minutes_per_week = 45;  // 90 does not fit; the 40-minute difficulty-3 practice does
  NextStep next = choose_next(s, graph, catalogue, budget);
  BOOST_TEST(next.assignment->id == "base-practice-3-short");
  BOOST_TEST(next.reason.find("within your 45 minutes a week") != std::string::npos);
  budget.minutes_per_week = 20;  // nothing fits: the shortest (30 min), and the reason says so
  next = choose_next(s, graph, catalogue, budget);
  BOOST_TEST(next.assignment->id == "base-practice-1");
  BOOST_TEST(next.reason.find("no step for it fits your 20 minutes") != std::string::npos);
}
