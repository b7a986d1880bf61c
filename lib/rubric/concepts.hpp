#pragma once
// The concept graph (rubrics/concepts.toml): what the learner model tracks, in which order concepts
// unlock, and the Bayesian Knowledge Tracing parameters of each. Plain data, read once: rubric
// validation takes the concept ids from it and the learner model the rest.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

// Bayesian Knowledge Tracing parameters (Corbett & Anderson 1995); forgetting is fixed at 0.
struct BktParams {
  double prior = 0.2;   // P(L0): the skill is known before any practice
  double learn = 0.15;  // P(T): an unknown skill becomes known at one opportunity
  double guess = 0.2;   // P(G): correct although the skill is not known
  double slip = 0.1;    // P(S): wrong although the skill is known
};

struct Concept {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> prerequisites;  // ids, in file order
  BktParams bkt;
  // Words and short phrases a good explanation of the concept uses (lowercase; may be empty).
  // teach-it-back (lib/learner/teach_back.hpp) looks for them in a student's explanation.
  std::vector<std::string> key_terms{};  // {} so that {id, title, ..., bkt} still compiles
};

class ConceptGraph {
 public:
  ConceptGraph(std::vector<Concept> concepts, double mastery_threshold);

  // Concepts in a topological order (every prerequisite before the concepts that need it), ties
  // broken by id, so every listing and every choice is deterministic.
  const std::vector<Concept>& concepts() const { return concepts_; }
  const Concept* find(std::string_view id) const;
  const Concept& at(std::string_view id) const;  // throws std::out_of_range
  double mastery_threshold() const { return mastery_threshold_; }

 private:
  std::vector<Concept> concepts_;
  double mastery_threshold_;
};

// Loads and validates a concept graph. Errors (InputError; TomlError when it has a position) are
// one line, "FILE:LINE:COLUMN:
// reason": syntax, missing title, BKT parameters outside (0, 1) or with guess + slip >= 1 (the
// model would no longer be identifiable: a correct answer would be evidence of not knowing), an
// unknown prerequisite, a prerequisite cycle (the message lists the cycle), key_terms that is not
// an array of non-empty strings. Key terms are stored lowercased (ASCII).
ConceptGraph load_concept_graph(const std::filesystem::path& file);

}  // namespace mixgrade
