#include "report/score_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mixgrade {

std::string points_text(double points, double max_points) {
  return format_fixed(points, 1) + "/" + format_fixed(max_points, 1);
}

std::string value_text(const Criterion& c, const CriterionResult& r) {
  if (!r.value) return "n/a";
  std::string text = format_fixed(*r.value, c.decimals);
  if (!c.unit.empty()) text += " " + c.unit;
  return text;
}

std::string score_text_header(const Rubric& rubric) {
  return fmt::format("Rubric {} {} \"{}\" ({}), pass mark {} %\n", rubric.identity.id,
                     rubric.identity.version, rubric.title, rubric.identity.hash,
                     format_fixed(rubric.pass_mark, 0));
}

std::string score_text(const Rubric& rubric, const Score& score,
                       const ScoreReportOptions& options) {
  std::size_t id_width = 2;
  for (const auto& c : rubric.criteria) id_width = std::max(id_width, c.id.size());
  std::string out =
      fmt::format("\n{}{}: {} points ({} %), {}\n", score.file,
                  options.student ? " [" + *options.student + "]" : "",
                  points_text(score.score, score.max_score), format_fixed(score.percent, 1),
                  score.passed ? "passed" : "below the pass mark");
  for (const auto& r : score.criteria) {
    const Criterion& c = rubric.criteria[r.index];
    out += fmt::format("  {:<14} {:<{}} {:>12} {:>11}  {}\n", to_string(r.status), c.id, id_width,
                       value_text(c, r), points_text(r.points, r.max_points), r.feedback);
    if (r.status == Status::partial || r.status == Status::fail)
      out +=
          fmt::format("  {:<14} {:<{}} hint: {}\n", "", "", id_width, r.hint(options.hint_level));
    if (r.capped)
      out += fmt::format("  {:<14} {:<{}} (caps the total at {} %)\n", "", "", id_width,
                         format_fixed(*c.cap_percent, 0));
  }
  for (const auto& m : score.misconceptions)
    out += fmt::format("  misconception {} ({}): {}\n", m.id, m.concept_id, m.message);
  return out;
}

}  // namespace mixgrade
