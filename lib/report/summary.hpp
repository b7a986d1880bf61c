#pragma once
// summary.md: the class at a glance for the instructor: counts, the score distribution, how
// each criterion went, the most common misconceptions (what to teach again next week), and
// every student who needs a look by hand (could not be processed, several files, late, not on
// the roster, on the roster without a submission).
#include <string>
#include <vector>

#include "report/class_record.hpp"

namespace mixgrade {

std::string summary_markdown(const ClassReport& report);

// What the summary and the class report (report.html) both show, counted once.
struct CriterionTally {
  std::string id;
  std::string title;  // the rubric's title, else the id
  std::size_t passed = 0, failed = 0, not_applicable = 0;
  double points = 0, max_points = 0;
};
// Per criterion over the released grades, in rubric order.
std::vector<CriterionTally> criterion_tallies(const ClassReport& report);

struct MisconceptionTally {
  std::string id;
  std::string concept_id;
  std::string message;  // the first student's rendered message
  std::size_t students = 0;
};
// Most students first (ties by id).
std::vector<MisconceptionTally> misconception_tallies(const ClassReport& report);

// "Needs a look": one plain line per student or file to check by hand (late, several files, not
// on the roster, suspect upload, withheld, on the roster without a submission, skipped files).
std::vector<std::string> needs_a_look(const ClassReport& report);

}  // namespace mixgrade
