#pragma once
// Gradebook CSVs that LMSs import.
//
// Canvas (Grades > Import): the student columns of Canvas' own export, Student, ID, SIS User ID,
// SIS Login ID, Section, then one column per assignment titled "<name> (<id>)". Canvas matches a
// row by ID first, then SIS User ID, SIS Login ID and name; it reads the title's "(id)" to find
// the assignment (a title without one creates a new assignment); a first row whose Student cell
// holds "Points Possible" is read as the assignment's points, as in Canvas' export.
//
// Moodle: one file that serves both of Moodle's imports. "Upload grading worksheet" on the
// assignment matches the Identifier column ("Participant N", the id in Moodle download folder
// names) and reads Grade and Feedback comments; "Import > CSV file" in the gradebook
// (grade/import/csv load_data.php) maps ID number or Username to the user (a blank one skips the
// row), Grade to the grade item and Feedback comments to its feedback. Moodle rejects the whole
// import on a grade that is not a number, and keeps the item's one maximum: there is no maximum
// column (set the grade item's maximum to the rubric total, the Canvas Points Possible).
//
// A withheld grade (a suspect upload waiting for review) is a blank cell too, with a comment.
//
// A student who could not be graded gets an empty grade cell: LMS imports leave blank cells
// alone, so an unreadable file never becomes a zero without the instructor deciding it.
#include <string>

#include "report/class_record.hpp"

namespace mixgrade {

struct GradebookOptions {
  bool points_possible_row = true;  // Canvas only: the "Points Possible" row under the header
};

std::string canvas_gradebook_csv(const ClassReport& report, const GradebookOptions& options = {});
std::string moodle_grades_csv(const ClassReport& report);

// "Okafor, Nkechi" -> "Nkechi Okafor" (names without a comma are returned as they are).
std::string first_last(const std::string& sortable_name);

// The short feedback an LMS shows next to the grade: the score, each criterion that lost points,
// the instructor's comments, each adjustment (scaling, cap, late, override) with its reason, the
// misconceptions that fired; or why there is no grade (or why it is withheld).
std::string grade_comment(const StudentRow& row);
// "Grade withheld pending review by the instructor." and the upload's warnings.
std::string withheld_text(const ScoreRecord& score);

}  // namespace mixgrade
