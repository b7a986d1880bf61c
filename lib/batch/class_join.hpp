#pragma once
// The class join: every discovered submission with its score and its roster entry, in the order
// the class outputs list them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/discovery.hpp"
#include "batch/roster.hpp"
#include "report/class_record.hpp"

namespace mixgrade {

// What the batch driver hands over for one student: the submission and the score JSON for its
// file (the issue 4 contract, or {file, error}); null when the student had no audio file.
struct GradedSubmission {
  Submission submission;
  nlohmann::ordered_json result;
};

// Joins submissions, results and roster. A result that breaks the score contract becomes that
// student's error ("score JSON: missing 'criteria'"), never an exception: one bad line must not
// stop the class outputs.
ClassReport build_class_report(std::vector<GradedSubmission> graded, const Roster& roster,
                               Assignment assignment, std::vector<std::string> warnings = {});

}  // namespace mixgrade
