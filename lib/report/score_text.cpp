#include "report/score_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/format.hpp"
#include "core/text.hpp"

namespace mixgrade {

std::string score_text_header(const Rubric& rubric) {
  return fmt::format("Rubric {} {} \"{}\" ({}), pass mark {} %\n", rubric.identity.id,
                     rubric.identity.version, rubric.title, rubric.identity.hash,
                     format_fixed(rubric.pass_mark, 0));
}

std::string score_text(const ScoreRecord& s) {
  std::size_t id_width = 2;
  for (const auto& c : s.criteria) id_width = std::max(id_width, c.id.size());
  std::string out =
      fmt::format("\n{}{}: {}/{} points ({} %), {}\n", terminal_safe(s.file),
                  s.student.empty() ? "" : " [" + terminal_safe(s.student) + "]",
                  format_fixed(s.score, 1), format_fixed(s.max_score, 1),
                  format_fixed(s.percent, 1), s.passed ? "passed" : "below the pass mark");
  for (const auto& c : s.criteria) {
    out += fmt::format("  {:<14} {:<{}} {:>12} {:>11}  {}\n", to_string(c.status), c.id, id_width,
                       c.value_text(), c.points_text(), c.feedback);
    if (c.missed()) out += fmt::format("  {:<14} {:<{}} hint: {}\n", "", "", id_width, c.hint());
    if (c.capped)
      out += fmt::format("  {:<14} {:<{}} (caps the total at {} %)\n", "", "", id_width,
                         format_fixed(*c.cap_percent, 0));
  }
  for (const auto& m : s.misconceptions)
    out += fmt::format("  misconception {} ({}): {}\n", m.id, m.concept_id, m.message);
  return out;
}

}  // namespace mixgrade
