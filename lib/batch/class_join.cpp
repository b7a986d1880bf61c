#include "batch/class_join.hpp"

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
