#include "report/score_markdown.hpp"

#include <fmt/format.h>

#include "core/format.hpp"
#include "report/markdown_cell.hpp"

namespace mixgrade {

std::string score_markdown(const ScoreRecord& score) {
  std::string out = fmt::format("# Feedback: {}\n\n", score.file);
  if (!score.student.empty()) out += fmt::format("Student: {}\n\n", score.student);
  out += fmt::format("**{}** (rubric `{}` version {})\n\n", score.rubric_title, score.rubric.id,
                     score.rubric.version);
  out += fmt::format(
      "Score: **{} / {}** ({} %), {} (pass mark {} %)\n\n", format_fixed(score.score, 1),
      format_fixed(score.max_score, 1), format_fixed(score.percent, 1),
      score.passed ? "**passed**" : "**below the pass mark**", format_fixed(score.pass_mark, 0));
  out += "| Criterion | Measured | Points | Result |\n|---|---|---|---|\n";
  std::size_t hidden = 0;
  for (const auto& c : score.criteria) {
    if (c.visibility == Visibility::hidden) {
      ++hidden;
      continue;
    }
    if (c.visibility == Visibility::after_due_date)
      out += fmt::format("| {} | shown after the due date | | |\n", markdown_cell(c.id));
    else
      out += fmt::format("| {} | {} | {} | {} |\n", markdown_cell(c.id),
                         markdown_cell(c.value_text()), c.points_text(), to_string(c.status));
  }
  if (hidden > 0)
    out +=
        fmt::format("\n{} more criteri{} count{} toward the score but {} not shown here.\n", hidden,
                    hidden == 1 ? "on" : "a", hidden == 1 ? "s" : "", hidden == 1 ? "is" : "are");

  for (const auto& c : score.criteria)
    if (c.capped)
      out += fmt::format("\nThe total is capped at {} % because {} missed full marks.\n",
                         format_fixed(*c.cap_percent, 0),
                         c.shown() ? "**" + c.id + "**" : "a criterion not shown here");

  std::string work;
  std::string good;
  for (const auto& c : score.criteria) {
    if (!c.shown()) continue;
    if (c.missed())
      work += fmt::format("\n### {} ({} points)\n\n{}\n\n*Hint:* {}\n", c.id, c.points_text(),
                          c.feedback, c.hint());
    else
      good += fmt::format("- **{}**: {}\n", c.id, c.feedback);
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
