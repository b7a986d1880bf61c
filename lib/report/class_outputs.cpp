#include "report/class_outputs.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "report/grades_json.hpp"
#include "report/summary.hpp"

namespace mixgrade {

void write_class_outputs(const std::filesystem::path& dir, const ClassReport& report,
                         const ClassOutputOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create folder: " + ec.message());
  write_file_atomically(dir / "gradebook.csv", canvas_gradebook_csv(report, options.gradebook));
  write_file_atomically(dir / "gradebook-moodle.csv", moodle_grades_csv(report));
  write_file_atomically(dir / "grades.json", grades_json_text(report) + "\n");
  write_file_atomically(dir / "junit.xml", junit_xml(report, options.junit));
  write_file_atomically(dir / "summary.md", summary_markdown(report));
}

}  // namespace mixgrade
