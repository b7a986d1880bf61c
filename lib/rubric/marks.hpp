#pragma once
// The instructor's CSVs, read and checked against the rubric before anything is graded:
//   --marks FILE      student,criterion,points[,comment]  points for manual criteria
//   --overrides FILE  student,criterion,points,reason     an empty criterion sets the total
// `student` is the student key (the per-student folder name under --out, "student" in
// result.json). Every bad row is an InputError "FILE:LINE: reason" (the tools exit 2).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rubric/rubric.hpp"
#include "rubric/score.hpp"

namespace mixgrade {

struct InstructorInputs {
  std::map<std::string, GradeInputs, std::less<>> students;
  std::map<std::string, std::string, std::less<>> first_row;  // student -> "FILE:LINE"

  // The student's marks and overrides (none when the CSVs do not name them).
  GradeInputs for_student(std::string_view student) const;
  // Throws InputError at the first row naming a student outside `known`.
  void check_students(const std::vector<std::string>& known) const;
};

void read_marks(const std::filesystem::path& file, const Rubric& rubric, InstructorInputs& into);
void read_overrides(const std::filesystem::path& file, const Rubric& rubric,
                    InstructorInputs& into);
// The same from text (tests), `source` naming it in errors.
void parse_marks(std::string_view text, const std::string& source, const Rubric& rubric,
                 InstructorInputs& into);
void parse_overrides(std::string_view text, const std::string& source, const Rubric& rubric,
                     InstructorInputs& into);

}  // namespace mixgrade
