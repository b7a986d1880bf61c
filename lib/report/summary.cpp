#include "report/summary.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/format.hpp"
#include "report/markdown_cell.hpp"

namespace mixgrade {

namespace {

std::string percent_of(std::size_t part, std::size_t whole) {
  return whole == 0
             ? "-"
             : format_number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 0) +
                   " %";
}

std::string distribution(const std::vector<double>& percents) {
  // Ten bands of 10 %; 100 % falls in the last one.
  std::array<std::size_t, 10> bands{};
  for (double p : percents) bands[static_cast<std::size_t>(std::clamp(p, 0.0, 99.999) / 10.0)]++;
  std::string out = "| score | students | |\n|---|---:|---|\n";
  for (std::size_t i = bands.size(); i-- > 0;) {
    const std::string range =
        std::to_string(i * 10) + "-" + std::to_string(i == 9 ? 100 : i * 10 + 9) + " %";
    out += "| " + range + " | " + std::to_string(bands[i]) + " | " + std::string(bands[i], '#') +
           " |\n";
  }
  std::vector<double> sorted = percents;
  std::sort(sorted.begin(), sorted.end());
  double sum = 0;
  for (double p : sorted) sum += p;
  const std::size_t n = sorted.size();
  const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  out += "\nMean " + format_number(sum / static_cast<double>(n), 1) + " %, median " +
         format_number(median, 1) + " %, lowest " + format_number(sorted.front(), 1) +
         " %, highest " + format_number(sorted.back(), 1) + " %.\n";
  return out;
}

std::string criteria_table(const ClassReport& report) {
  std::string out =
      "| criterion | passed | lost points | not applicable | points earned |\n"
      "|---|---:|---:|---:|---:|\n";
  for (const auto& t : criterion_tallies(report)) {
    const std::string earned =
        t.max_points > 0 ? format_number(100.0 * t.points / t.max_points, 0) + " %" : "-";
    out += "| " + markdown_cell(t.id) + " | " + std::to_string(t.passed) + " | " +
           std::to_string(t.failed) + " | " + std::to_string(t.not_applicable) + " | " + earned +
           " |\n";
  }
  return out;
}

std::string misconceptions_table(const ClassReport& report) {
  const auto hits = misconception_tallies(report);
  if (hits.empty()) return "None fired.\n";
  std::string out = "| misconception | concept | students | message |\n|---|---|---:|---|\n";
  for (const auto& h : hits)
    out += "| " + markdown_cell(h.id) + " | " + markdown_cell(h.concept_id) + " | " +
           std::to_string(h.students) + " | " + markdown_cell(h.message) + " |\n";
  return out;
}

std::string file_name(const Submission& s) {
  return s.path.empty() ? "-" : "`" + markdown_cell(s.path.filename().string()) + "`";
}

// Every grade an instructor changed (--overrides), with the reason given: "" when none was.
std::string overrides_section(const ClassReport& report) {
  std::string out;
  for (const auto& row : report.students) {
    if (!row.score) continue;
    const std::string who = "- " + markdown_cell(row.name()) + ": ";
    for (const auto& c : row.score->criteria)
      if (!c.override_reason.empty())
        out += who + "`" + markdown_cell(c.id) + "` set to " + format_number(c.points) + "/" +
               format_number(c.max_points) + ": " + markdown_cell(c.override_reason) + "\n";
    for (const auto& a : row.score->adjustments)
      if (a.kind == AdjustmentKind::override_total) out += who + markdown_cell(a.reason) + "\n";
  }
  return out.empty() ? out : "\n## Overrides\n\n" + out;
}

}  // namespace

std::vector<CriterionTally> criterion_tallies(const ClassReport& report) {
  std::vector<CriterionTally> out;  // rubric order, as the first graded student lists them
  for (const auto& row : report.students) {
    if (!row.released()) continue;
    for (const auto& c : row.score->criteria) {
      auto t = std::find_if(out.begin(), out.end(), [&](const auto& x) { return x.id == c.id; });
      if (t == out.end()) {
        out.push_back({c.id, c.title.empty() ? c.id : c.title});
        t = out.end() - 1;
      }
      switch (c.status) {
        case Status::pass:
          ++t->passed;
          break;
        case Status::partial:
        case Status::fail:
          ++t->failed;
          break;
        case Status::not_applicable:
          ++t->not_applicable;
          break;
      }
      t->points += c.points;
      t->max_points += c.max_points;
    }
  }
  return out;
}

std::vector<MisconceptionTally> misconception_tallies(const ClassReport& report) {
  std::map<std::string, MisconceptionTally> hits;
  for (const auto& row : report.students) {
    if (!row.score) continue;
    for (const auto& m : row.score->misconceptions) {
      MisconceptionTally& h = hits[m.id];
      if (h.students == 0) h = {m.id, m.concept_id, m.message, 0};
      ++h.students;
    }
  }
  std::vector<MisconceptionTally> sorted;
  for (auto& [id, h] : hits) sorted.push_back(std::move(h));
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.students > b.students; });
  return sorted;
}

std::vector<std::string> needs_a_look(const ClassReport& report) {
  std::vector<std::string> out;
  for (const auto& row : report.students) {
    if (row.submission.late) out.push_back(row.name() + ": submitted late");
    for (const auto& w : row.submission.warnings) out.push_back(row.name() + ": " + w);
    if (!row.roster) out.push_back(row.name() + ": not on the roster");
    if (row.score) {
      // several_files is listed once already, from the discovery warning above.
      for (const auto& w : row.score->warnings)
        if (w.kind != SuspectKind::several_files)
          out.push_back(row.name() + ": suspect upload: " + w.message);
      if (row.score->withheld)
        out.push_back(row.name() + ": grade withheld (cut-off upload; --grade-cut-off grades it)");
    }
  }
  for (const auto& r : report.not_submitted)
    out.push_back(r.student + " (" + r.id + "): on the roster, no submission");
  for (const auto& w : report.warnings) out.push_back(w);
  return out;
}

std::string summary_markdown(const ClassReport& report) {
  const std::size_t n = report.students.size();
  std::string out = "# " + report.assignment.name + ": class summary\n\n";
  out += std::to_string(n) + " submissions: " + std::to_string(report.graded()) + " graded, " +
         std::to_string(report.passed()) + " passed (" +
         percent_of(report.passed(), report.graded()) + " of those graded), " +
         (report.withheld() > 0
              ? std::to_string(report.withheld()) + " withheld (grade on hold, see below), "
              : std::string()) +
         std::to_string(report.failed_to_process()) + " could not be processed, " +
         std::to_string(report.late()) + " late. " + std::to_string(report.not_submitted.size()) +
         " on the roster without a submission.";
  if (report.regrades > 0)
    out += " " + std::to_string(report.regrades) +
           (report.regrades == 1 ? " was a regrade" : " were regrades") +
           " (an earlier grading of the same file was replaced).";
  out += "\n";
  if (auto r = report.rubric())
    out += "\nRubric `" + r->id + "` version " + r->version + " (" + r->hash + ").\n";

  std::vector<double> percents;
  for (const auto& row : report.students)
    if (row.released()) percents.push_back(row.score->percent);
  out += "\n## Score distribution\n\n";
  out += percents.empty() ? "Nobody was graded.\n" : distribution(percents);
  if (!percents.empty()) out += "\n## Criteria\n\n" + criteria_table(report);
  out += "\n## Most common misconceptions\n\n" + misconceptions_table(report);

  out += "\n## Could not be processed\n\n";
  if (report.failed_to_process() == 0) {
    out += "Everyone was graded.\n";
  } else {
    out += "| student | file | reason |\n|---|---|---|\n";
    for (const auto& row : report.students)
      if (!row.score)
        out += "| " + markdown_cell(row.name()) + " | " + file_name(row.submission) + " | " +
               markdown_cell(row.error) + " |\n";
  }

  std::string attention;
  for (const auto& line : needs_a_look(report)) attention += "- " + markdown_cell(line) + "\n";
  if (!attention.empty()) out += "\n## Needs a look\n\n" + attention;
  out += overrides_section(report);
  return out;
}

}  // namespace mixgrade
