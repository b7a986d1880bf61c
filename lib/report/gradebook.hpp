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
// names) and reads Grade and Feedback comments; "Import > CSV file" in the gradebook maps
// ID number or Username to the user and Grade to the grade item.
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
// the misconceptions that fired; or why there is no grade.
std::string grade_comment(const StudentRow& row);

}  // namespace mixgrade
