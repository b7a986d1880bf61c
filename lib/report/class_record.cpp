#include "report/class_record.hpp"

#include <algorithm>

namespace mixgrade {

std::string_view to_string(Layout layout) {
  return name_of(kLayoutNames, layout);
}

std::string StudentRow::name() const {
  return roster && !roster->student.empty() ? roster->student : submission.display_name;
}

std::size_t ClassReport::graded() const {
  return static_cast<std::size_t>(std::count_if(students.begin(), students.end(),
                                                [](const StudentRow& s) { return s.released(); }));
}

std::size_t ClassReport::withheld() const {
  return static_cast<std::size_t>(
      std::count_if(students.begin(), students.end(),
                    [](const StudentRow& s) { return s.score && s.score->withheld; }));
}

std::size_t ClassReport::passed() const {
  return static_cast<std::size_t>(
      std::count_if(students.begin(), students.end(),
                    [](const StudentRow& s) { return s.score && s.score->passed; }));
}

std::size_t ClassReport::failed_to_process() const {
  return static_cast<std::size_t>(std::count_if(students.begin(), students.end(),
                                                [](const StudentRow& s) { return !s.score; }));
}

std::size_t ClassReport::late() const {
  return static_cast<std::size_t>(std::count_if(
      students.begin(), students.end(), [](const StudentRow& s) { return s.submission.late; }));
}

std::optional<RubricIdentity> ClassReport::rubric() const {
  for (const auto& s : students)
    if (s.score) return s.score->rubric;
  return std::nullopt;
}

double ClassReport::points_possible() const {
  double most = rubric_total;
  if (most > 0) return most;
  for (const auto& s : students)
    if (s.score) most = std::max(most, s.score->max_score);
  return most;
}

}  // namespace mixgrade
