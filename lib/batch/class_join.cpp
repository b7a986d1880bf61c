#include "batch/class_join.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace mixgrade {

namespace {

StudentRow make_row(GradedSubmission g, const Roster& roster) {
  StudentRow row;
  row.roster = match_roster(roster, g.submission);
  if (!g.outcome) {
    row.error = g.submission.path.empty() ? "no audio file submitted" : "not graded";
  } else {
    row.score = std::move(g.outcome->record);
    row.error = std::move(g.outcome->error);
  }
  row.submission = std::move(g.submission);
  return row;
}

}  // namespace

ClassReport build_class_report(std::vector<GradedSubmission> graded, const Roster& roster,
                               Assignment assignment, std::vector<std::string> warnings) {
  ClassReport report;
  report.assignment = std::move(assignment);
  report.warnings = std::move(warnings);
  std::sort(graded.begin(), graded.end(), [](const GradedSubmission& a, const GradedSubmission& b) {
    return natural_less(a.submission.student_key, b.submission.student_key);
  });
  for (auto& g : graded) report.students.push_back(make_row(std::move(g), roster));
  // One roster row, one gradebook row: a second submission that matches a row already taken
  // (Alice.wav and alice.wav, one login) loses the match and is named, never a second row under
  // the same Canvas id.
  for (std::size_t i = 0; i < report.students.size(); ++i) {
    StudentRow& later = report.students[i];
    if (!later.roster) continue;
    for (std::size_t j = 0; j < i; ++j) {
      const StudentRow& first = report.students[j];
      if (!first.roster || first.roster->id != later.roster->id) continue;
      const std::string warning = later.submission.student_key + ": matches the roster row of " +
                                  later.roster->student + " (" + later.roster->id + ") that " +
                                  first.submission.student_key +
                                  " already matched; not put in the gradebook under it";
      spdlog::warn("{}", warning);
      report.warnings.push_back(warning);
      later.roster.reset();
      break;
    }
  }
  for (const auto& entry : roster.entries) {
    const bool submitted =
        std::any_of(report.students.begin(), report.students.end(), [&](const StudentRow& s) {
          return s.roster && s.roster->id == entry.id && s.roster->student == entry.student;
        });
    if (!submitted) report.not_submitted.push_back(entry);
  }
  return report;
}

}  // namespace mixgrade
