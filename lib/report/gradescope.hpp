#pragma once
// Gradescope autograder results (/autograder/results/results.json), per the specification in
// gradescope/autograder_samples docs/specs.md:
//   {"score": total, "output": text for the student,
//    "tests": [{"name", "score", "max_score", "status": "passed" | "failed", "output",
//               "visibility"}]}
// One test per criterion, then one per adjustment of the score record (scaled, cap, late,
// override; max_score 0, signed score, the reason as output), so the tests add up to the
// top-level score exactly. A withheld grade (a suspect upload) is score 0, no tests, and an
// output saying it is withheld pending review.
// Each criterion's visibility comes from the rubric: visible, hidden, after_due_date or
// after_published (unknown or empty values read as visible, the rubric default).
#include <nlohmann/json.hpp>

#include "report/class_record.hpp"

namespace mixgrade {

nlohmann::ordered_json gradescope_results(const StudentRow& row);

}  // namespace mixgrade
