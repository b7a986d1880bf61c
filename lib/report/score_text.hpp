#pragma once
// The readable summary mixgrade-score prints by default: the rubric once, then per submission
// its total and one line per criterion, with the hint under each missed one.
#include <string>

#include "report/score_json.hpp"

namespace mixgrade {

std::string score_text_header(const Rubric& rubric);
std::string score_text(const Rubric& rubric, const Score& score, const ScoreReportOptions& options);

// "12.5/30" style points and "-14.2 LUFS" style values, shared by the text and Markdown pages.
std::string points_text(double points, double max_points);
std::string value_text(const Criterion& criterion, const CriterionResult& result);

}  // namespace mixgrade
