#pragma once
// GitHub Actions workflow commands (docs.github.com, "Workflow commands for GitHub Actions"):
// one ::error (failed criterion) or ::warning (partial) annotation per missed criterion, and a
// ::notice per misconception, so a student's pull request shows what to fix next to the file.
#include <string>

#include "rubric/score_record.hpp"

namespace mixgrade {

std::string github_annotations(const ScoreRecord& record);

// The annotation for a submission that could not be analysed.
std::string github_input_error(const std::string& file, const std::string& reason);

}  // namespace mixgrade
