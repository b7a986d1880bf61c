#pragma once
// The class join: every discovered submission with its score and its roster entry, in the order
// the class outputs list them.
#include <optional>
#include <string>
#include <vector>

#include "batch/discovery.hpp"
#include "batch/roster.hpp"
#include "report/class_record.hpp"

namespace mixgrade {

// What the batch hands over for one student: the submission and its score record, or why there
// is none; no outcome when the student had no audio file.
struct GradedSubmission {
  Submission submission;
  std::optional<ScoreOutcome> outcome;
};

// Joins submissions, scores and roster, sorted by student key.
ClassReport build_class_report(std::vector<GradedSubmission> graded, const Roster& roster,
                               Assignment assignment, std::vector<std::string> warnings = {});

}  // namespace mixgrade
