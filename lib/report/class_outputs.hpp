#pragma once
// Writes the class files of a batch into one folder, each atomically:
//   gradebook.csv          Canvas gradebook import
//   gradebook-moodle.csv   Moodle grading worksheet / gradebook CSV import
//   grades.json            everything, for scripts and for merging shards
//   junit.xml              one testsuite per student (strict for Jenkins when asked)
//   summary.md             the class at a glance
#include <filesystem>

#include "report/class_record.hpp"
#include "report/gradebook.hpp"
#include "report/junit.hpp"

namespace mixgrade {

struct ClassOutputOptions {
  GradebookOptions gradebook;
  JunitOptions junit;
};

// Throws InputError naming the file that could not be written. Creates `dir` if needed.
void write_class_outputs(const std::filesystem::path& dir, const ClassReport& report,
                         const ClassOutputOptions& options = {});

}  // namespace mixgrade
