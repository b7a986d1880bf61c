#pragma once
// The assignment catalogue (rubrics/assignments/*.toml): what the policy can hand a student next.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learner/concepts.hpp"
#include "rubric/load.hpp"

namespace mixgrade::learner {

// A diagnostic is the course's entry hand-in (week 0): its rubric measures every concept, so the
// first next step can aim at what each student actually misses. The policy never issues one.
enum class AssignmentKind {
  worked_example,
  practice,
  challenge,
  transfer_probe,
  review,
  diagnostic
};

std::string_view to_string(AssignmentKind kind);
std::optional<AssignmentKind> parse_assignment_kind(std::string_view text);

struct Assignment {
  std::string id;
  std::string title;
  std::string concept_id;  // "" only for a diagnostic
  AssignmentKind kind = AssignmentKind::practice;
  int difficulty = 1;        // 1 (first steps) .. 3 (hardest); practice comes at all three
  std::string context;       // instrument, genre or delivery target, e.g. "pop vocal / streaming"
  std::string instructions;  // Markdown, handed to the student as is
  int estimated_minutes = 0;
  std::string rubric;                       // id of the rubric that grades the hand-in
  std::vector<std::string> misconceptions;  // misconception ids a worked example takes apart
  std::string source;                       // FILE:LINE:COLUMN of its table, for messages
};

class Catalogue {
 public:
  explicit Catalogue(std::vector<Assignment> assignments);
  // Sorted by id.
  const std::vector<Assignment>& assignments() const { return assignments_; }
  const Assignment* find(std::string_view id) const;
  // Assignments of one concept and kind, sorted by (difficulty, id).
  std::vector<const Assignment*> select(std::string_view concept_id, AssignmentKind kind) const;

 private:
  std::vector<Assignment> assignments_;
};

// Loads every *.toml in `dir` ([[assignment]] tables) in file-name order and validates: required
// fields and types, known kind, difficulty 1..3, unique ids, a known concept, a known rubric when
// `known_rubrics` is not empty, and coverage: every concept of the graph has a worked example,
// practice at difficulties 1, 2 and 3, a challenge, a transfer probe in a context different from
// its other assignments, and a review. Errors are one line, "FILE:LINE:COLUMN: reason".
Catalogue load_catalogue(const std::filesystem::path& dir, const ConceptGraph& graph,
                         const std::vector<std::string>& known_rubrics);

// Does the catalogue give evidence? One line per problem, "SOURCE: reason": an assignment whose
// rubric has no criterion (measured or manual) for the assignment's concept (doing it would tell
// the learner model nothing, and the policy would repeat itself), a diagnostic whose rubric misses
// a concept, a concept that no rubric of the course measures. Empty: every assignment can move
// its concept. `rubrics` are the course's rubrics (load_course_rubrics).
std::vector<std::string> evidence_problems(const Catalogue& catalogue, const ConceptGraph& graph,
                                           const std::vector<Rubric>& rubrics);
// Whether `rubric` has a criterion for `concept_id`.
bool measures(const Rubric& rubric, std::string_view concept_id);

// The rubric ids an assignment may name: read by the rubric loader's own reader.
using mixgrade::find_rubric_ids;

}  // namespace mixgrade::learner
