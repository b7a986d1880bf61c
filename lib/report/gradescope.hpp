#pragma once
// Gradescope autograder results (/autograder/results/results.json), per the specification in
// gradescope/autograder_samples docs/specs.md:
//   {"score": total, "output": text for the student,
//    "tests": [{"name", "score", "max_score", "status": "passed" | "failed", "output",
//               "visibility"}]}
// The top-level score is the rubric's (caps included), so Gradescope does not re-add the tests.
// Each criterion's visibility comes from the rubric: visible, hidden, after_due_date or
// after_published (unknown or empty values read as visible, the rubric default).
#include <nlohmann/json.hpp>

#include "report/class_record.hpp"

namespace mixgrade {

nlohmann::ordered_json gradescope_results(const StudentRow& row);

}  // namespace mixgrade
