#include "report/gradebook.hpp"

#include "core/csv.hpp"
#include "core/format.hpp"

namespace mixgrade {

std::string first_last(const std::string& sortable_name) {
  const auto comma = sortable_name.find(',');
  if (comma == std::string::npos) return sortable_name;
  std::string first = sortable_name.substr(comma + 1);
  first.erase(0, first.find_first_not_of(' '));
  return first.empty() ? sortable_name.substr(0, comma)
                       : first + " " + sortable_name.substr(0, comma);
}

std::string withheld_text(const ScoreRecord& s) {
  std::string out = "Grade withheld pending review by the instructor.";
  for (const auto& w : s.warnings) out += " " + w.message;
  return out;
}

std::string grade_comment(const StudentRow& row) {
  if (!row.score) return "Not graded: " + row.error;
  const ScoreRecord& s = *row.score;
  if (s.withheld) return withheld_text(s);
  std::string out = "Score " + format_number(s.score) + "/" + format_number(s.max_score) + " (" +
                    (s.passed ? "passed" : "below the pass mark") + ").";
  // The comment is shown to the student in the LMS: only what feedback.md shows.
  for (const auto& c : s.criteria)
    if (c.shown() && c.missed() && !c.feedback.empty()) out += " " + c.feedback;
  for (const auto& c : s.criteria)
    if (c.shown() && !c.comment.empty()) out += " " + c.comment;
  for (const auto& a : s.adjustments) out += " " + a.reason;
  for (const auto& m : s.misconceptions) out += " " + m.message;
  return out;
}

namespace {

std::string grade_cell(const StudentRow& row) {
  // A withheld grade (a cut-off upload) is not released: the cell stays blank.
  return row.score && !row.score->withheld ? format_number(row.score->score) : std::string();
}

std::string max_points(const ClassReport& report) {
  const double total = report.points_possible();
  return total > 0 ? format_number(total) : "";
}

}  // namespace

std::string canvas_gradebook_csv(const ClassReport& report, const GradebookOptions& options) {
  const std::string column = report.assignment.id.empty()
                                 ? report.assignment.name
                                 : report.assignment.name + " (" + report.assignment.id + ")";
  std::string out = csv_row({"Student", "ID", "SIS User ID", "SIS Login ID", "Section", column});
  // Canvas' export writes the label with four leading spaces; its importer matches
  // /Points Possible/ anywhere in the first cell.
  if (options.points_possible_row)
    out += csv_row({"    Points Possible", "", "", "", "", max_points(report)});
  for (const auto& row : report.students) {
    const Submission& sub = row.submission;
    if (row.roster) {
      const RosterEntry& r = *row.roster;
      out += csv_row({r.student, r.id, r.sis_user_id, r.sis_login_id, r.section, grade_cell(row)});
    } else {
      // Not on the roster: Canvas can still match a Canvas download by its user id.
      const std::string id = sub.layout == Layout::kCanvas ? sub.lms_user_id : "";
      out += csv_row({sub.display_name, id, "", "", "", grade_cell(row)});
    }
  }
  return out;
}

std::string moodle_grades_csv(const ClassReport& report) {
  // No maximum column: Moodle's grade item has one maximum (the rubric total, Canvas' Points
  // Possible), and every mapped column must hold a grade.
  std::string out =
      csv_row({"Identifier", "Full name", "ID number", "Username", "Grade", "Feedback comments"});
  for (const auto& row : report.students) {
    const Submission& sub = row.submission;
    const std::string identifier = sub.layout == Layout::kMoodle && !sub.lms_user_id.empty()
                                       ? "Participant " + sub.lms_user_id
                                       : "";
    const std::string name = row.roster ? first_last(row.roster->student) : sub.display_name;
    out +=
        csv_row({identifier, name, row.roster ? row.roster->sis_user_id : "",
                 row.roster ? row.roster->sis_login_id : "", grade_cell(row), grade_comment(row)});
  }
  return out;
}

}  // namespace mixgrade
