#include "report/score_markdown.hpp"

#include <fmt/format.h>

#include "report/markdown_cell.hpp"
#include "report/score_text.hpp"

namespace mixgrade {

std::string score_markdown(const Rubric& rubric, const Score& score,
                           const ScoreReportOptions& options) {
  std::string out = fmt::format("# Feedback: {}\n\n", score.file);
  if (options.student) out += fmt::format("Student: {}\n\n", *options.student);
  out += fmt::format("**{}** (rubric `{}` version {})\n\n", rubric.title, rubric.identity.id,
                     rubric.identity.version);
  out += fmt::format(
      "Score: **{} / {}** ({} %), {} (pass mark {} %)\n\n", format_fixed(score.score, 1),
      format_fixed(score.max_score, 1), format_fixed(score.percent, 1),
      score.passed ? "**passed**" : "**below the pass mark**", format_fixed(rubric.pass_mark, 0));
  out += "| Criterion | Measured | Points | Result |\n|---|---|---|---|\n";
  std::size_t hidden = 0;
  for (const auto& r : score.criteria) {
    const Criterion& c = rubric.criteria[r.index];
    if (c.visibility == Visibility::hidden) {
      ++hidden;
      continue;
    }
    if (c.visibility == Visibility::after_due_date)
      out += fmt::format("| {} | shown after the due date | | |\n", markdown_cell(c.id));
    else
      out += fmt::format("| {} | {} | {} | {} |\n", markdown_cell(c.id),
                         markdown_cell(value_text(c, r)), points_text(r.points, r.max_points),
                         to_string(r.status));
  }
  if (hidden > 0)
    out +=
        fmt::format("\n{} more criteri{} count{} toward the score but {} not shown here.\n", hidden,
                    hidden == 1 ? "on" : "a", hidden == 1 ? "s" : "", hidden == 1 ? "is" : "are");

  for (const auto& r : score.criteria)
    if (r.capped)
      out += fmt::format("\nThe total is capped at {} % because **{}** missed full marks.\n",
                         format_fixed(*rubric.criteria[r.index].cap_percent, 0),
                         rubric.criteria[r.index].id);

  std::string work;
  std::string good;
  for (const auto& r : score.criteria) {
    const Criterion& c = rubric.criteria[r.index];
    if (c.visibility != Visibility::visible) continue;
    if (r.status == Status::partial || r.status == Status::fail)
      work += fmt::format("\n### {} ({} points)\n\n{}\n\n*Hint:* {}\n", c.id,
                          points_text(r.points, r.max_points), r.feedback,
                          r.hint(options.level_for(c.id)));
    else
      good += fmt::format("- **{}**: {}\n", c.id, r.feedback);
  }
  if (!work.empty()) out += "\n## What to work on\n" + work;
  if (!good.empty()) out += "\n## What went well\n\n" + good;
  if (!score.misconceptions.empty()) {
    out += "\n## Common misconceptions spotted\n\n";
    for (const auto& m : score.misconceptions)
      out += fmt::format("- **{}** ({}): {}\n", m.id, m.concept_id, m.message);
  }
  return out;
}

}  // namespace mixgrade
