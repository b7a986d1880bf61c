#pragma once
// The readable summary mixgrade-score prints by default: the rubric once, then per submission
// its total and one line per criterion, with the hint under each missed one.
#include <string>

#include "rubric/rubric.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

std::string score_text_header(const Rubric& rubric);
std::string score_text(const ScoreRecord& record);

}  // namespace mixgrade
