#pragma once
// summary.md: the class at a glance for the instructor: counts, the score distribution, how
// each criterion went, the most common misconceptions (what to teach again next week), and
// every student who needs a look by hand (could not be processed, several files, late, not on
// the roster, on the roster without a submission).
#include <string>

#include "report/class_record.hpp"

namespace mixgrade {

std::string summary_markdown(const ClassReport& report);

}  // namespace mixgrade
