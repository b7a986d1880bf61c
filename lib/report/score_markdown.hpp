#pragma once
// The student-facing feedback page (Markdown), rendered from the one page model
// (report/student_page.hpp): mixgrade-score --markdown and mixgrade-batch's feedback.md.
#include <string>

#include "report/student_page.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

std::string score_markdown(const ScoreRecord& record, const PageContext& context = {});

}  // namespace mixgrade
