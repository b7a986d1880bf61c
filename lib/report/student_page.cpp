#include "report/student_page.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "analysis/metrics.hpp"
#include "core/format.hpp"
#include "report/markdown_cell.hpp"

namespace mixgrade {

namespace {

constexpr std::string_view kOnHold =
    "Your grade is on hold until your instructor has looked at the file.";

std::string title_of(const CriterionRecord& c) {
  return c.title.empty() ? c.id : c.title;
}

std::string signed_points(double points) {
  return (points > 0 ? "+" : "") + format_fixed(points, 1);
}

std::string adjustment_line(const Adjustment& a, const ScoreRecord& record) {
  std::string what;
  switch (a.kind) {
    case AdjustmentKind::scaled:
      what = "Scaled to the rubric's total";
      break;
    case AdjustmentKind::cap:
      what = "Capped";
      break;
    case AdjustmentKind::late:
      what = "Late penalty";
      break;
    case AdjustmentKind::override_total:
      what = "Changed by your instructor";
      break;
  }
  if (!a.criterion.empty())
    for (const auto& c : record.criteria)
      if (c.id == a.criterion && c.shown()) what += " (" + title_of(c) + ")";
  std::string line = what + ": " + signed_points(a.points) + " points";
  if (!a.reason.empty()) line += ". " + a.reason;
  if (line.back() != '.') line += ".";
  return line;
}

}  // namespace

std::string unreadable_page_markdown(const std::string& file, const std::string& reason) {
  return "# Feedback on " + std::filesystem::path(file).filename().string() +
         "\n\nCould not be graded: " + reason +
         "\n\nPlease check the file (open it in your player or DAW) and hand it in again.\n";
}

std::string display_name(const std::string& roster_name) {
  const auto comma = roster_name.find(", ");
  if (comma == std::string::npos || roster_name.find(',', comma + 1) != std::string::npos)
    return roster_name;
  return roster_name.substr(comma + 2) + " " + roster_name.substr(0, comma);
}

std::string plain_explanation(const std::string& metric) {
  const MetricInfo* m = find_metric(metric);
  return m ? std::string(m->plain) : std::string();
}

std::string look_cue(const std::string& metric) {
  const MetricInfo* m = find_metric(metric);
  return m ? std::string(m->look) : std::string();
}

std::string ignore_cue(const std::string& metric) {
  const MetricInfo* m = find_metric(metric);
  return m ? std::string(m->ignore) : std::string();
}

StudentPage build_student_page(const ScoreRecord& s, const PageContext& context) {
  StudentPage page;
  page.file = std::filesystem::path(s.file).filename().string();
  page.title = "Feedback on " + page.file;
  page.student = context.student_name.empty() ? s.student : display_name(context.student_name);
  page.assignment =
      fmt::format("{} (rubric `{}` version {})", s.rubric_title, s.rubric.id, s.rubric.version);
  page.withheld = s.withheld;
  if (s.withheld) {
    page.verdict = kOnHold;
  } else {
    page.verdict = s.passed ? "Passed." : "Below the pass mark.";
    page.score = fmt::format("{} / {} points ({} %); the pass mark is {} %",
                             format_fixed(s.score, 1), format_fixed(s.max_score, 1),
                             format_fixed(s.percent, 1), format_fixed(s.pass_mark, 0));
  }
  for (const auto& w : s.warnings) page.warnings.push_back(w.message);

  bool cap_adjustment = false;
  for (const auto& a : s.adjustments) {
    cap_adjustment = cap_adjustment || a.kind == AdjustmentKind::cap;
    if (!s.withheld) page.adjustments.push_back(adjustment_line(a, s));
  }
  // A cap that took nothing (the score was already below it), or one in a record from before caps
  // were adjustments, is said only as the limit.
  if (!cap_adjustment && !s.withheld)
    for (const auto& c : s.criteria)
      if (c.capped)
        page.adjustments.push_back(
            fmt::format("The total can be at most {} % because {} missed full marks.",
                        format_fixed(*c.cap_percent, 0),
                        c.shown() ? "\"" + title_of(c) + "\"" : "a criterion not shown here"));

  // Missed criteria first: the first time a metric appears on the page is where it matters.
  std::vector<const CriterionRecord*> order;
  for (const auto& c : s.criteria)
    if (c.shown() && c.missed()) order.push_back(&c);
  for (const auto& c : s.criteria)
    if (c.shown() && !c.missed()) order.push_back(&c);
  std::set<std::string> explained;
  for (const CriterionRecord* c : order) {
    PageCriterion p;
    p.title = title_of(*c);
    p.measured = c->manual ? "marked by your instructor" : c->value_text();
    p.points = c->points_text();
    p.feedback = c->feedback;
    if (c->applicable() && !c->manual) {
      const std::string plain = plain_explanation(c->metric);
      if (!plain.empty() && explained.insert(plain).second) p.explanation = plain;
    }
    if (c->missed()) {
      p.hint = c->hint();
      p.look = look_cue(c->metric);
      p.ignore = ignore_cue(c->metric);
    }
    p.comment = c->comment;
    p.override_reason = c->override_reason;
    if (c->missed())
      page.to_work_on.push_back(std::move(p));
    else if (c->applicable())
      page.met.push_back(std::move(p));
    else
      page.not_applicable.push_back(std::move(p));
  }
  for (const auto& c : s.criteria) {
    if (c.visibility == Visibility::hidden) {
      ++page.hidden;
    } else if (c.visibility == Visibility::after_due_date) {
      page.placeholders.push_back(title_of(c));
    } else {
      PageCriterion p;
      p.title = title_of(c);
      p.measured = c.manual ? "marked by your instructor" : c.value_text();
      p.points = c.applicable() ? c.points_text() : "";
      page.rows.push_back(std::move(p));
      page.row_results.push_back(c.missed()       ? "to work on"
                                 : c.applicable() ? "met"
                                                  : "does not count");
    }
  }
  for (const auto& m : s.misconceptions) page.misconceptions.push_back(m.message);
  page.next_step = context.next_step;
  page.teach_back = context.teach_back;
  page.teach_back_prompt = context.teach_back_prompt;
  return page;
}

namespace {

void criterion_details(std::string& out, const PageCriterion& c) {
  if (!c.explanation.empty()) out += "\n*In plain words:* " + c.explanation + "\n";
  if (!c.comment.empty()) out += "\n*Your instructor's comment:* " + c.comment + "\n";
  if (!c.override_reason.empty())
    out += "\n*Your instructor changed these points:* " + c.override_reason + "\n";
}

}  // namespace

std::string student_page_markdown(const StudentPage& page) {
  std::string out = "# " + page.title + "\n\n";
  if (!page.student.empty()) out += "**Student:** " + page.student + "  \n";
  out += "**File:** `" + page.file + "`  \n";
  out += "**Assignment:** " + page.assignment + "\n\n";
  if (page.withheld)
    out += "**" + page.verdict + "**\n\n";
  else
    out += "**" + page.verdict + "** " + page.score + ".\n\n";
  for (const auto& w : page.warnings) out += "> **Please check your upload:** " + w + "\n\n";
  for (const auto& a : page.adjustments) out += "- " + a + "\n";
  if (!page.adjustments.empty()) out += "\n";

  if (page.withheld)
    out += "| Criterion | Measured | Result |\n|---|---|---|\n";
  else
    out += "| Criterion | Measured | Points | Result |\n|---|---|---|---|\n";
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    const PageCriterion& r = page.rows[i];
    out += "| " + markdown_cell(r.title) + " | " + markdown_cell(r.measured) + " | ";
    if (!page.withheld) out += r.points + " | ";
    out += page.row_results[i] + " |\n";
  }
  for (const auto& t : page.placeholders)
    out += "| " + markdown_cell(t) + " | shown after the due date |" + (page.withheld ? "" : " |") +
           " |\n";
  if (page.hidden > 0)
    out += fmt::format("\n{} more criteri{} count{} toward the score but {} not shown here.\n",
                       page.hidden, page.hidden == 1 ? "on" : "a", page.hidden == 1 ? "s" : "",
                       page.hidden == 1 ? "is" : "are");

  if (!page.to_work_on.empty()) {
    out += "\n## What to work on\n";
    for (const auto& c : page.to_work_on) {
      out += "\n### " + c.title;
      if (!page.withheld) out += " (" + c.points + " points)";
      out += "\n\n" + c.feedback + "\n";
      criterion_details(out, c);
      if (!c.hint.empty()) out += "\n*Try this:* " + c.hint + "\n";
      if (!c.look.empty()) out += "\n*Where to look:* " + c.look + "\n";
      if (!c.ignore.empty()) out += "\n*What to ignore here:* " + c.ignore + "\n";
    }
  }
  if (!page.met.empty()) {
    out += "\n## What went well\n\n";
    for (const auto& c : page.met) {
      out += "- **" + c.title + "**: " + c.feedback + "\n";
      if (!c.explanation.empty()) out += "  *In plain words:* " + c.explanation + "\n";
      if (!c.comment.empty()) out += "  *Your instructor's comment:* " + c.comment + "\n";
      if (!c.override_reason.empty())
        out += "  *Your instructor changed these points:* " + c.override_reason + "\n";
    }
  }
  if (!page.not_applicable.empty()) {
    out += "\n## Not counted for this file\n\n";
    for (const auto& c : page.not_applicable) out += "- **" + c.title + "**: " + c.feedback + "\n";
  }
  if (!page.misconceptions.empty()) {
    out += "\n## Worth rethinking\n\n";
    for (const auto& m : page.misconceptions) out += "- " + m + "\n";
  }
  if (!page.teach_back.empty()) out += "\n## Teach it back\n\n" + page.teach_back + "\n";
  if (!page.next_step.empty()) out += "\n## Next step\n\n" + page.next_step + "\n";
  return out;
}

}  // namespace mixgrade
