#pragma once
// What mixgrade-assign writes for a student: next.md (for the student), next.json (for machines),
// and the --show view of a learner's state.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "learner/catalogue.hpp"
#include "learner/concepts.hpp"
#include "learner/tracker.hpp"

namespace mixgrade {

// `outcomes` are this run's submissions of one student, in input order; the last one carries the
// state and the next step. `map_file` is the SVG's name relative to next.md.
// How the teach-it-back text of `outcome` was read, in one or two sentences for the student's
// pages ("" without one).
std::string teach_back_sentence(const learner::Outcome& outcome);
// The teach-it-back prompt for the concept the next step works on (next.md's and index.html's).
std::string teach_back_prompt(const learner::Outcome& outcome, const learner::ConceptGraph& graph);

std::string next_step_markdown(const std::vector<learner::Outcome>& outcomes,
                               const learner::ConceptGraph& graph, const std::string& map_file);
nlohmann::ordered_json next_step_json(const std::vector<learner::Outcome>& outcomes,
                                      const learner::ConceptGraph& graph,
                                      const std::string& map_file);

// Writes dir/concept-map.dot, concept-map.svg, next.json and, last, next.md, each atomically
// (the folder is created). Throws InputError when the folder cannot be written.
void write_next_step(const std::filesystem::path& dir,
                     const std::vector<learner::Outcome>& outcomes,
                     const learner::ConceptGraph& graph);

std::string student_table(const learner::StudentReport& report, const learner::ConceptGraph& graph,
                          const learner::Catalogue& catalogue);
nlohmann::ordered_json student_json(const learner::StudentReport& report,
                                    const learner::ConceptGraph& graph);

// Unix seconds as "2026-11-25T01:20:00Z".
std::string iso_utc(std::int64_t seconds);

}  // namespace mixgrade
