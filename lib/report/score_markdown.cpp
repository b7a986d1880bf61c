#include "report/score_markdown.hpp"

namespace mixgrade {

std::string score_markdown(const ScoreRecord& score, const PageContext& context) {
  return student_page_markdown(build_student_page(score, context));
}

}  // namespace mixgrade
