#pragma once
// The student-facing feedback page (Markdown): the total, a table of criteria, then what to work
// on with one hint each, then the misconceptions spotted. Hidden criteria count but are not
// shown; after-due-date criteria show as a placeholder.
#include <string>

#include "rubric/score_record.hpp"

namespace mixgrade {

std::string score_markdown(const ScoreRecord& record);

}  // namespace mixgrade
