// The next-step policy on small graphs: fringe, misconception priority, kind by mastery band,
// transfer probe after mastery, review when everything is mastered; hint levels.
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

}  // namespace

BOOST_AUTO_TEST_CASE(new_student_starts_with_a_worked_example_on_the_root) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.2}, {"left", 0.2}, {"right", 0.2}, {"top", 0.2}});
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "base");
  BOOST_TEST(next.assignment->id == "base-worked_example-1");
  BOOST_TEST(concept_status(s, graph, "base") == ConceptStatus::ready);
  BOOST_TEST(concept_status(s, graph, "left") == ConceptStatus::locked);
  // Once studied, a low mastery gets the easiest practice instead of the same worked example.
  s.issued_counts["base-worked_example-1"] = 1;
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-1");
}

BOOST_AUTO_TEST_CASE(kind_and_difficulty_follow_the_mastery_bands) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.2}, {"left", 0.2}, {"right", 0.2}, {"top", 0.2}});
  s.issued_counts["base-worked_example-1"] = 1;
  const std::vector<std::pair<double, std::string>> bands = {{0.40, "base-practice-1"},
                                                             {0.60, "base-practice-2"},
                                                             {0.70, "base-practice-3"},
                                                             {0.85, "base-challenge-3"},
                                                             {0.94, "base-challenge-3"}};
  for (const auto& [p, expected] : bands) {
    at(s, "base").p_known = p;
    BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == expected, "p = " << p);
  }
}

BOOST_AUTO_TEST_CASE(fringe_lowest_mastery_first) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.97}, {"left", 0.6}, {"right", 0.4}, {"top", 0.1}});
  at(s, "base").contexts = {"elsewhere", "home"};  // transfer already shown
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "right");  // top is lower but locked
  BOOST_TEST(concept_status(s, graph, "top") == ConceptStatus::locked);
}

BOOST_AUTO_TEST_CASE(repeated_misconception_comes_first) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.97}, {"left", 0.6}, {"right", 0.4}, {"top", 0.1}});
  at(s, "base").contexts = {"elsewhere", "home"};
  at(s, "left").misconception_repeats = 1;  // once is not yet a pattern
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "right");
  at(s, "left").misconception_repeats = 2;
  const NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.concept_id == "left");
  BOOST_TEST(next.reason.find("misconception") != std::string::npos);
  // A misconception on a locked concept does not jump the prerequisites.
  at(s, "top").misconception_repeats = 5;
  BOOST_TEST(choose_next(s, graph, catalogue).concept_id == "left");
}

BOOST_AUTO_TEST_CASE(transfer_probe_after_mastery_in_one_context) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.97}, {"left", 0.2}, {"right", 0.2}, {"top", 0.2}});
  at(s, "base").contexts = {"home"};
  NextStep next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::transfer_probe);
  BOOST_TEST(next.assignment->id == "base-transfer_probe-2-elsewhere");
  BOOST_TEST(next.assignment->context != "home");
  // Shown in the second context: on to the fringe.
  at(s, "base").contexts = {"elsewhere", "home"};
  next = choose_next(s, graph, catalogue);
  BOOST_TEST(next.kind == AssignmentKind::worked_example);
  BOOST_TEST(next.concept_id == "left");
}

BOOST_AUTO_TEST_CASE(review_of_the_concept_practised_longest_ago) {
  const auto graph = small_graph();
  const auto catalogue = full_catalogue();
  auto s = state_with({{"base", 0.99}, {"left", 0.98}, {"right", 0.97}, {"top", 0.96}});
  const std::vector<std::pair<std::string, std::int64_t>> last = {
      {"base", 400}, {"left", 100}, {"right", 300}, {"top", 200}};
  for (const auto& [id, t] : last) {
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
  auto s = state_with({{"base", 0.4}, {"left", 0.2}, {"right", 0.2}, {"top", 0.2}});
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-1");
  s.issued_counts["base-practice-1"] = 1;
  BOOST_TEST(choose_next(s, graph, catalogue).assignment->id == "base-practice-1-other");
}
