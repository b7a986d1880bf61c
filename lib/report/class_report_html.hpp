#pragma once
// OUT/report.html: the class at a glance for the instructor, in a browser. The counts, the score
// histogram, the pass rate per criterion, the misconceptions by prevalence and "Needs a look" come
// from the ClassReport (and summary.hpp's tallies, so report.html and summary.md agree); the
// scatter of integrated loudness against PLR reads each student's measurements, one dot each,
// with the rubric's target box. The student table links each student's index.html and sorts with
// a few lines of inline script; without the script the page reads the same, sorted by student.
// Self-contained: inline CSS, SVG and script, no external URL.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "report/class_record.hpp"
#include "report/plots.hpp"

namespace mixgrade {

struct ClassStudentExtras {
  std::string page;                       // the student's index.html, relative to report.html
  std::optional<double> integrated_lufs;  // from the analysis
  std::optional<double> plr_db;
};

struct ClassPictures {
  std::map<std::string, ClassStudentExtras> students;  // by student key
  PlotGuides guides;                                   // the target box (integrated x PLR)
  bool has_guides = false;                             // guides were set (add_class_pictures)
};

std::string class_report_html(const ClassReport& report, const ClassPictures& pictures);

// report-data.json beside report.html: what the report reads beyond the ClassReport, so that
// `mixgrade-batch merge` (which has the shards' files but not their analyses) draws the same
// report. {"guides": {...}, "students": {"<key>": {"page", "integrated_lufs", "plr_db"}}}.
inline constexpr const char* kReportDataFile = "report-data.json";
nlohmann::ordered_json class_pictures_json(const ClassPictures& pictures);
// Adds the students of `j` (a report-data.json) to `pictures`, and its guides when `pictures` has
// none yet; entries that are not what class_pictures_json writes are skipped.
void add_class_pictures(ClassPictures& pictures, const nlohmann::json& j);

// The scatter alone (a test reads its dots): "" when no student has both values.
std::string loudness_plr_scatter_svg(const ClassReport& report, const ClassPictures& pictures);
// The score histogram alone: ten bands of 10 %.
std::string score_histogram_svg(const ClassReport& report);

}  // namespace mixgrade
