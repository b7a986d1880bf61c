#define BOOST_TEST_MODULE class_outputs
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "batch/class_join.hpp"
#include "batch/discovery.hpp"
#include "batch/roster.hpp"
#include "core/atomic_file.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "report/class_outputs.hpp"
#include "report/class_report_html.hpp"
#include "report/gradebook.hpp"
#include "report/grades_json.hpp"
#include "report/gradescope.hpp"
#include "report/junit.hpp"
#include "report/summary.hpp"
#include "signals.hpp"

namespace fs = std::filesystem;
using namespace mixgrade;
using mixgrade::test::TempDir;
using json = nlohmann::ordered_json;

namespace {

const fs::path kSource = MIXGRADE_SOURCE_DIR;
const fs::path kData = fs::path(MIXGRADE_TEST_DATA) / "class";
// The consumers' schemas live next to the project (CI:
// ${MIXGRADE_SOURCE_DIR}/../shared/validators); MIXGRADE_VALIDATORS_DIR points elsewhere, for a
// checkout that is not in that place.
const fs::path kValidators = std::getenv("MIXGRADE_VALIDATORS_DIR")
                                 ? fs::path(std::getenv("MIXGRADE_VALIDATORS_DIR"))
                                 : kSource / ".." / "shared" / "validators";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Golden files are compared byte for byte. MIXGRADE_UPDATE_GOLDEN=1 rewrites them (then review
// the diff before committing).
void check_golden(const std::string& actual, const std::string& golden_name) {
  const fs::path golden = kData / golden_name;
  if (std::getenv("MIXGRADE_UPDATE_GOLDEN")) write(golden, actual);
  BOOST_TEST(actual == read(golden), golden_name << " differs from the golden file");
}

// The sample class as the batch driver would see it: the Canvas download in samples/class,
// scored by the fixture tests/data/class/scores.jsonl (the issue 4 contract), plus two students
// only the tests know: one whose upload is corrupt (an error line) and one who handed in a zip.
ClassReport sample_class() {
  std::map<std::string, json> scores;
  std::istringstream lines(read(kData / "scores.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    json j = json::parse(line);
    scores[fs::path(j["file"].get<std::string>()).filename().string()] = j;
  }
  std::vector<GradedSubmission> graded;
  for (Submission s : discover_submissions(kSource / "samples" / "class").submissions) {
    // Paths relative to the project, as if run from its root: outputs do not depend on where
    // the checkout is.
    const std::string name = s.path.filename().string();
    s.path = fs::path("samples/class") / name;
    BOOST_REQUIRE_MESSAGE(scores.count(name), "no fixture score for " + name);
    graded.push_back({s, parse_score(scores[name], name)});
  }
  Submission corrupt{"10238",
                     "kowalskipiotr",
                     "10238",
                     false,
                     "samples/class/kowalskipiotr_10238_50018_mix.wav",
                     Layout::kCanvas,
                     {}};
  graded.push_back({corrupt, parse_score(scores["kowalskipiotr_10238_50018_mix.wav"], "fixture")});
  Submission no_audio{"10240",
                      "nguyenbao",
                      "10240",
                      false,
                      {},
                      Layout::kCanvas,
                      {"no audio file (found: nguyenbao_10240_50020_project.zip)"}};
  graded.push_back({no_audio, std::nullopt});
  return build_class_report(
      std::move(graded), read_roster(kData / "roster.csv"), {"Mix 1: streaming master", "4417"},
      {"notes.txt: skipped, not a Canvas name (name_userid_submissionid_file)"});
}

const StudentRow& row_of(const ClassReport& r, const std::string& key) {
  for (const auto& s : r.students)
    if (s.submission.student_key == key) return s;
  BOOST_FAIL("no row for " + key);
  throw std::logic_error("unreachable");
}

bool have_xmllint() {
  return std::system("xmllint --version >/dev/null 2>&1") == 0;
}

// xmllint's exit status: 0 valid, non-zero invalid. Its messages go to the test log unless the
// file is expected to be invalid.
int xmllint(const fs::path& xml, const fs::path& xsd, bool quiet = false) {
  const std::string cmd = "xmllint --noout" +
                          (xsd.empty() ? std::string() : " --schema '" + xsd.string() + "'") +
                          " '" + xml.string() + "'" + (quiet ? " 2>/dev/null" : "");
  return std::system(cmd.c_str());
}

}  // namespace

BOOST_AUTO_TEST_CASE(join_counts_and_roster_matches) {
  const ClassReport r = sample_class();
  BOOST_TEST(r.students.size() == 9u);
  BOOST_TEST(r.graded() == 7u);
  BOOST_TEST(r.passed() == 4u);  // okafor 100, diallo 90, garcia 85, haddad 96.5 (pass mark 75)
  BOOST_TEST(r.failed_to_process() == 2u);
  BOOST_TEST(r.late() == 1u);
  BOOST_REQUIRE_EQUAL(r.not_submitted.size(), 1u);  // Lee; Canvas' Test Student is dropped
  BOOST_TEST(r.not_submitted[0].student == "Lee, Min");
  BOOST_TEST(row_of(r, "10231").name() == "Okafor, Nkechi");
  BOOST_TEST(row_of(r, "10231").roster->sis_login_id == "nokafor");
  BOOST_TEST(!row_of(r, "10238").roster);
  BOOST_TEST(row_of(r, "10238").error == "not a WAV file: the header is truncated (12 bytes)");
  BOOST_TEST(row_of(r, "10240").error == "no audio file submitted");
}

BOOST_AUTO_TEST_CASE(canvas_gradebook_golden) {
  const std::string csv = canvas_gradebook_csv(sample_class());
  check_golden(csv, "gradebook.golden.csv");
  // What Canvas' importer keys on: the header, the Points Possible row, the "(id)" suffix.
  BOOST_TEST(
      csv.rfind("Student,ID,SIS User ID,SIS Login ID,Section,Mix 1: streaming master (4417)\n"
                "    Points Possible,,,,,100\n",
                0) == 0u);
  BOOST_TEST(csv.find("\"Ivanova, Anna\",10237,S0237,aivanova,Mix Lab B,45.25\n") !=
             std::string::npos);
  // The corrupt upload: matched by Canvas id, blank grade (Canvas leaves blank cells alone).
  BOOST_TEST(csv.find("kowalskipiotr,10238,,,,\n") != std::string::npos);
  const std::string without = canvas_gradebook_csv(sample_class(), {false});
  BOOST_TEST(without.find("Points Possible") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(moodle_gradebook_golden) {
  const std::string csv = moodle_grades_csv(sample_class());
  check_golden(csv, "gradebook-moodle.golden.csv");
  BOOST_TEST(csv.rfind("Identifier,Full name,ID number,Username,Grade,Feedback comments\n", 0) ==
             0u);
}

// Reads a CSV the way Moodle's gradebook import does (grade/import/csv/classes/load_data.php):
// the instructor maps one column to the user (ID number -> useridnumber, Username -> username),
// Grade to the grade item, Feedback comments to its feedback, and every other column to
// "ignore". A blank user cell skips the row; a blank or "-" grade is no grade; anything else
// must be a number, or the whole import is refused; a grade above the item's one maximum is
// refused. Returns the grades by user, or throws with Moodle's reason.
std::map<std::string, std::optional<double>> moodle_import(const std::string& csv,
                                                           const std::string& map_from,
                                                           double grade_max) {
  const auto rows = parse_csv(csv, "moodle.csv");
  BOOST_REQUIRE(!rows.empty());
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    std::string h = rows[0][i];
    h.erase(0, h.find_first_not_of(' '));
    h.erase(h.find_last_not_of(' ') + 1);
    // Columns Moodle can only map to "ignore" or to a grade item: a per-row maximum would need
    // a grade item of its own.
    if (h.find("Maximum") != std::string::npos) throw std::runtime_error("a maximum column");
    column[h] = i;
  }
  for (const char* needed : {"Grade", "Feedback comments"})
    if (!column.count(needed)) throw std::runtime_error(std::string("no column ") + needed);
  if (!column.count(map_from)) throw std::runtime_error("no user column " + map_from);
  std::map<std::string, std::optional<double>> grades;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != rows[0].size()) throw std::runtime_error("ragged row");
    const std::string user = row[column[map_from]];
    if (user.empty()) continue;  // "Skip invalid row with blank user field"
    const std::string cell = row[column["Grade"]];
    if (cell.empty() || cell == "-") {
      grades[user] = std::nullopt;
      continue;
    }
    std::size_t used = 0;
    const double v = std::stod(cell, &used);
    if (used != cell.size()) throw std::runtime_error("badgrade: " + cell);
    if (v > grade_max) throw std::runtime_error("gradevaluetoobig: " + cell);
    grades[user] = v;
  }
  return grades;
}

BOOST_AUTO_TEST_CASE(moodle_imports_our_csv_with_one_maximum) {
  ClassReport r = sample_class();
  r.rubric_total = 100;
  const std::string csv = moodle_grades_csv(r);
  for (const char* map_from : {"ID number", "Username"}) {
    const auto grades = moodle_import(csv, map_from, r.points_possible());
    BOOST_TEST(grades.size() >= 5u, map_from);
  }
  const auto by_login = moodle_import(csv, "Username", 100);
  BOOST_TEST(*by_login.at("aivanova") == 45.25);
  BOOST_TEST(!by_login.count("kowalski"));  // the corrupt upload has no roster row
  // A withheld grade is a blank cell: Moodle keeps whatever it had.
  for (auto& row : r.students)
    if (row.submission.student_key == "10237") row.score->withheld = true;
  const auto withheld = moodle_import(moodle_grades_csv(r), "Username", 100);
  BOOST_TEST(!withheld.at("aivanova").has_value());
  // The checker is a real check: the old per-row maximum column is refused.
  BOOST_CHECK_THROW(
      moodle_import("Username,Grade,Maximum Grade,Feedback comments\na,1,100,\n", "Username", 100),
      std::runtime_error);
  BOOST_CHECK_THROW(moodle_import("Username,Grade,Feedback comments\na,101,\n", "Username", 100),
                    std::runtime_error);
}

BOOST_AUTO_TEST_CASE(points_possible_is_the_rubric_total_not_the_first_student) {
  ClassReport r = sample_class();
  // The first graded student's maximum as an old "drop" record would have it (not applicable
  // criteria left out): Canvas must still be told the rubric's total.
  for (auto& row : r.students)
    if (row.score) {
      row.score->max_score = 80;
      break;
    }
  BOOST_TEST(r.points_possible() == 100.0);  // the largest graded maximum
  r.rubric_total = 120;
  BOOST_TEST(canvas_gradebook_csv(r).find("    Points Possible,,,,,120\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(withheld_grades_are_blank_everywhere_with_the_reason) {
  ClassReport r = sample_class();
  StudentRow* ivanova = nullptr;
  for (auto& row : r.students)
    if (row.submission.student_key == "10237") ivanova = &row;
  BOOST_REQUIRE(ivanova);
  ivanova->score->withheld = true;
  ivanova->score->warnings = {{SuspectKind::cut_off, "The file ends mid-note."}};
  BOOST_TEST(canvas_gradebook_csv(r).find("\"Ivanova, Anna\",10237,S0237,aivanova,Mix Lab B,\n") !=
             std::string::npos);
  BOOST_TEST(moodle_grades_csv(r).find(",aivanova,,Grade withheld pending review by the "
                                       "instructor. The file ends mid-note.\n") !=
             std::string::npos);
  const json g = gradescope_results(*ivanova);
  BOOST_TEST(g["score"] == 0);
  BOOST_TEST(g["tests"].empty());
  BOOST_TEST(g["output"] ==
             "Grade withheld pending review by the instructor. The file ends mid-note.");
  const std::string xml = junit_xml(r);
  BOOST_TEST(xml.find("<testcase name=\"grade\" classname=\"Ivanova_Anna\"") != std::string::npos);
  BOOST_TEST(xml.find("<failure type=\"withheld\" message=\"Grade withheld pending review") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_summary_lists_every_override_with_its_reason) {
  ClassReport r = sample_class();
  BOOST_TEST(summary_markdown(r).find("## Overrides") == std::string::npos);  // none: no section
  for (auto& row : r.students) {
    if (row.submission.student_key == "10237") {
      row.score->criteria[0].override_reason = "Mastered for a film: quiet on purpose";
    } else if (row.submission.student_key == "10231") {
      row.score->adjustments.push_back({AdjustmentKind::override_total, -10, "",
                                        "Total set to 90 by the instructor: plagiarism"});
      row.score->score -= 10;
    }
  }
  const std::string md = summary_markdown(r);
  BOOST_TEST(md.find("\n## Overrides\n\n- Okafor, Nkechi: Total set to 90 by the instructor: "
                     "plagiarism\n") != std::string::npos);
  BOOST_TEST(md.find("- Ivanova, Anna: `integrated_loudness` set to ") != std::string::npos);
  BOOST_TEST(md.find(": Mastered for a film: quiet on purpose\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gradescope_tests_add_up_to_the_score_with_adjustments) {
  ClassReport r = sample_class();
  StudentRow& row = r.students.front();
  BOOST_REQUIRE(row.score);
  // A cap and a late penalty on top of the criteria, as score_analysis writes them.
  ScoreRecord& s = *row.score;
  s.adjustments = {{AdjustmentKind::cap, -20, "no_clipping", "Capped at 80 % of the total."},
                   {AdjustmentKind::late, -8, "", "2 days late: -8 % (cap 30 %)"}};
  s.score -= 28;
  const json g = gradescope_results(row);
  double sum = 0;
  for (const auto& t : g["tests"]) sum += t["score"].get<double>();
  BOOST_TEST(sum == g["score"].get<double>(), boost::test_tools::tolerance(1e-9));
  const json& late = g["tests"].back();
  BOOST_TEST(late["name"] == "Late penalty");
  BOOST_TEST(late["score"] == -8);
  BOOST_TEST(late["max_score"] == 0);
  BOOST_TEST(late["output"] == "2 days late: -8 % (cap 30 %)");
  BOOST_TEST(g["tests"][g["tests"].size() - 2]["name"] == "Cap: no_clipping");
  // The LMS comment lists the adjustments too.
  BOOST_TEST(grade_comment(row).find("2 days late: -8 % (cap 30 %)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(moodle_identifier_comes_from_moodle_participant_ids) {
  Submission s{"123456", "Nkechi Okafor", "123456", false, "a/mix.wav", Layout::kMoodle, {}};
  const json score =
      json::parse(read(kData / "scores.jsonl").substr(0, read(kData / "scores.jsonl").find('\n')));
  const ClassReport r = build_class_report({{s, parse_score(score, "fixture")}},
                                           read_roster(kData / "roster.csv"), {});
  BOOST_TEST(r.students[0].roster->student == "Okafor, Nkechi");  // matched by "firstlast"
  const std::string csv = moodle_grades_csv(r);
  BOOST_TEST(csv.find("Participant 123456,Nkechi Okafor,S0231,nokafor,100,") != std::string::npos);
  BOOST_TEST(first_last("Okafor, Nkechi") == "Nkechi Okafor");
  BOOST_TEST(first_last("Prince") == "Prince");
}

BOOST_AUTO_TEST_CASE(summary_golden) {
  const std::string md = summary_markdown(sample_class());
  check_golden(md, "summary.golden.md");
  BOOST_TEST(md.find("| louder_is_better | loudness_mastering | 2 |") != std::string::npos);
  BOOST_TEST(md.find("| kowalskipiotr | `kowalskipiotr_10238_50018_mix.wav` | not a WAV file") !=
             std::string::npos);
}

// The file is written one student at a time; it must be the document's dump byte for byte,
// with students, with none, and with a name that breaks the layout if anything could.
BOOST_AUTO_TEST_CASE(grades_json_text_is_the_documents_dump) {
  ClassReport report = sample_class();
  BOOST_TEST(grades_json_text(report) == dump_json(grades_json(report), 2));
  report.students.front().submission.display_name = "a \"students\": [] \n\xff name";
  report.assignment.name = "\"students\": []";
  BOOST_TEST(grades_json_text(report) == dump_json(grades_json(report), 2));
  report.students.clear();
  BOOST_TEST(grades_json_text(report) == dump_json(grades_json(report), 2));
}

BOOST_AUTO_TEST_CASE(grades_json_has_every_student_and_the_counts) {
  const json j = grades_json(sample_class());
  BOOST_TEST(j["assignment"]["id"] == "4417");
  BOOST_TEST(j["rubric"]["id"] == "streaming_master");
  BOOST_TEST(j["counts"]["students"] == 9);
  BOOST_TEST(j["counts"]["graded"] == 7);
  BOOST_TEST(j["counts"]["failed_to_process"] == 2);
  BOOST_TEST(j["counts"]["not_submitted"] == 1);
  BOOST_REQUIRE_EQUAL(j["students"].size(), 9u);
  const json& garcia = j["students"][4];
  BOOST_TEST(garcia["key"] == "10235");
  BOOST_TEST(garcia["late"] == true);
  BOOST_TEST(garcia["score"] == 85.0);
  BOOST_TEST(garcia["error"].is_null());
  BOOST_TEST(garcia["result"]["criteria"].size() == 7u);  // the score JSON, as received
  const json& nguyen = j["students"][8];
  BOOST_TEST(nguyen["file"].is_null());
  BOOST_TEST(nguyen["score"].is_null());
  BOOST_TEST(nguyen["error"] == "no audio file submitted");
  BOOST_TEST(nguyen["warnings"][0] == "no audio file (found: nguyenbao_10240_50020_project.zip)");
  // Never NaN: dump() would throw on invalid numbers; it must round-trip.
  BOOST_TEST(json::parse(j.dump()) == j);
}

BOOST_AUTO_TEST_CASE(junit_strict_validates_against_jenkins_and_ant_schemas,
                     *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
                       boost::test_tools::assertion_result ok(
                           have_xmllint() && fs::exists(kValidators / "junit-10.xsd"));
                       ok.message()
                           << "skipped: needs xmllint and " << (kValidators / "junit-10.xsd");
                       return ok;
                     })) {
  TempDir dir;
  const ClassReport r = sample_class();
  const JunitOptions strict{true, "2026-11-25T01:20:00", "grader"};
  write(dir / "strict.xml", junit_xml(r, strict));
  write(dir / "lenient.xml", junit_xml(r, {false, "2026-11-25T01:20:00", "grader"}));
  BOOST_TEST(xmllint(dir / "strict.xml", kValidators / "junit-10.xsd") == 0);
  if (fs::exists(kValidators / "windyroad-JUnit.xsd"))
    BOOST_TEST(xmllint(dir / "strict.xml", kValidators / "windyroad-JUnit.xsd") == 0);
  else
    BOOST_TEST_MESSAGE("windyroad-JUnit.xsd missing: Ant schema check skipped");
  // The default mode is well-formed but has what Jenkins' schema rejects (testcase@file):
  // that is what strict mode is for.
  BOOST_TEST(xmllint(dir / "lenient.xml", {}) == 0);
  BOOST_TEST(xmllint(dir / "lenient.xml", kValidators / "junit-10.xsd", true) != 0);
}

BOOST_AUTO_TEST_CASE(junit_reports_failures_errors_and_skips_per_student) {
  const std::string xml = junit_xml(sample_class(), {true, "2026-11-25T01:20:00", "grader"});
  // Brennan: four criteria lost points.
  BOOST_TEST(xml.find("<testsuite name=\"Brennan, Liam\" package=\"mixgrade.streaming_master\" "
                      "id=\"1\" tests=\"7\" failures=\"4\" errors=\"0\" skipped=\"0\"") !=
             std::string::npos);
  BOOST_TEST(
      xml.find("<testcase name=\"integrated_loudness\" classname=\"Brennan_Liam\" time=\"0\">"
               "<failure type=\"fail\" message=\"Integrated loudness -2.7 LUFS is too loud: "
               "aim for -14 LUFS.\">loudness.integrated_lufs = -2.7; 0/30 points\nHint: ") !=
      std::string::npos);
  // Haddad: a partial criterion is a failure too.
  BOOST_TEST(xml.find("name=\"Haddad, Omar\" package=\"mixgrade.streaming_master\" id=\"5\" "
                      "tests=\"7\" failures=\"1\"") != std::string::npos);
  // Kowalski: one error testcase with the reader's message.
  BOOST_TEST(xml.find("<testcase name=\"analysis\" classname=\"kowalskipiotr\" time=\"0\"><error "
                      "type=\"InputError\" message=\"not a WAV file: the header is truncated (12 "
                      "bytes)\">") != std::string::npos);
  BOOST_TEST(xml.find("Misconception wide_bass: Wide bass does not sound bigger") !=
             std::string::npos);
  // A misconception message with quotes is escaped, not broken.
  BOOST_TEST(xml.find("&quot;It sounds fine&quot;") != std::string::npos);
  BOOST_TEST(xml_escape("a<b & \"c\" 'd'\x01") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
}

BOOST_AUTO_TEST_CASE(not_applicable_criteria_are_skipped_tests) {
  json score =
      json::parse(read(kData / "scores.jsonl").substr(0, read(kData / "scores.jsonl").find('\n')));
  score["criteria"][4]["status"] = "not_applicable";
  score["criteria"][4]["points"] = 0;
  score["criteria"][4]["max_points"] = 0;
  score["criteria"][4]["value"] = nullptr;
  Submission s{"7", "mono", "", false, "mono.wav", Layout::kFlat, {}};
  const ClassReport r = build_class_report({{s, parse_score(score, "fixture")}}, {}, {});
  const std::string xml = junit_xml(r, {true, "2026-11-25T01:20:00", "grader"});
  BOOST_TEST(xml.find("tests=\"7\" failures=\"0\" errors=\"0\" skipped=\"1\"") !=
             std::string::npos);
  BOOST_TEST(xml.find("<testcase name=\"mono_bass\" classname=\"mono\" time=\"0\"><skipped") !=
             std::string::npos);
  const json gs = gradescope_results(r.students[0]);
  BOOST_TEST(gs["tests"][4]["status"] == "passed");
  BOOST_TEST(gs["tests"][4]["max_score"] == 0.0);
}

BOOST_AUTO_TEST_CASE(gradescope_results_follow_the_specification) {
  TempDir dir;
  const ClassReport r = sample_class();
  const std::set<std::string> visibilities = {"hidden", "after_due_date", "after_published",
                                              "visible"};
  const std::set<std::string> test_keys = {"name",   "score",  "max_score",
                                           "status", "output", "visibility"};
  int file_index = 0;
  for (const auto& row : r.students) {
    const json j = gradescope_results(row);
    // The specification's required fields and types (gradescope/autograder_samples docs/specs.md).
    BOOST_TEST(j["score"].is_number());
    BOOST_TEST(j["output"].is_string());
    BOOST_REQUIRE(j["tests"].is_array());
    for (const auto& t : j["tests"]) {
      for (const auto& [key, value] : t.items()) BOOST_TEST(test_keys.count(key) == 1u, key);
      BOOST_TEST(t["name"].is_string());
      BOOST_TEST(t["score"].is_number());
      BOOST_TEST(t["max_score"].is_number());
      BOOST_TEST((t["status"] == "passed" || t["status"] == "failed"));
      BOOST_TEST(visibilities.count(t["visibility"].get<std::string>()) == 1u);
    }
    write(dir / ("results-" + std::to_string(file_index++) + ".json"), j.dump(2));
  }
  const json ivanova = gradescope_results(row_of(r, "10237"));
  BOOST_TEST(ivanova["score"] == 45.25);
  BOOST_TEST(ivanova["tests"][1]["name"] == "true_peak");
  BOOST_TEST(ivanova["tests"][1]["score"] == 6.6);
  BOOST_TEST(ivanova["tests"][1]["status"] == "failed");
  BOOST_TEST(ivanova["tests"][5]["visibility"] == "hidden");
  BOOST_TEST(ivanova["tests"][6]["visibility"] == "after_due_date");
  // Garcia failed the hidden phase_correlation criterion: its feedback stays in its hidden test,
  // out of the always-visible top-level output.
  const json garcia = gradescope_results(row_of(r, "10235"));
  BOOST_TEST(garcia["tests"][5]["output"].get<std::string>().find("Correlation -0.91") == 0u);
  BOOST_TEST(garcia["output"].get<std::string>().find("Correlation") == std::string::npos);
  BOOST_TEST(garcia["output"].get<std::string>().rfind("Score 85/100 (passed). A channel", 0) ==
             0u);
  const json corrupt = gradescope_results(row_of(r, "10238"));
  BOOST_TEST(corrupt["score"] == 0);
  BOOST_TEST(corrupt["output"] == "Not graded: not a WAV file: the header is truncated (12 bytes)");

  // The full JSON Schema too, when Python's jsonschema is there (Debian: python3-jsonschema).
  const fs::path schema = kValidators / "gradescope-results.schema.json";
  if (fs::exists(schema) && std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") == 0) {
    const std::string cmd =
        "python3 -c 'import json,sys,jsonschema; s=json.load(open(sys.argv[1]));"
        "[jsonschema.validate(json.load(open(f)), s) for f in sys.argv[2:]]' '" +
        schema.string() + "' " + (dir.path() / "results-*.json").string();
    BOOST_TEST(std::system(cmd.c_str()) == 0);
  } else {
    BOOST_TEST_MESSAGE(
        "python3-jsonschema or the schema missing: checked the required fields only");
  }
}

BOOST_AUTO_TEST_CASE(an_ungraded_submission_is_an_error_row_with_its_reason) {
  Submission s{"1", "alice", "", false, "alice.wav", Layout::kFlat, {}};
  ClassReport r =
      build_class_report({{s, ScoreOutcome{"alice.wav", std::nullopt, "corrupt"}}}, {}, {});
  BOOST_TEST(r.students[0].error == "corrupt");
  BOOST_TEST(!r.students[0].score);
  r = build_class_report({{s, std::nullopt}}, {}, {});
  BOOST_TEST(r.students[0].error == "not graded");
  s.path.clear();
  r = build_class_report({{s, std::nullopt}}, {}, {});
  BOOST_TEST(r.students[0].error == "no audio file submitted");
  BOOST_TEST(r.failed_to_process() == 1u);
}

BOOST_AUTO_TEST_CASE(class_outputs_are_written_atomically) {
  TempDir dir;
  const fs::path out = dir / "out";
  write_class_outputs(out, sample_class(), {{}, {true, "2026-11-25T01:20:00", "grader"}});
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  // No temporary file is left behind.
  BOOST_TEST(names == (std::vector<std::string>{"gradebook-moodle.csv", "gradebook.csv",
                                                "grades.json", "junit.xml", "summary.md"}),
             boost::test_tools::per_element());
  BOOST_TEST(read(out / "gradebook.csv") == read(kData / "gradebook.golden.csv"));
}

BOOST_AUTO_TEST_CASE(atomic_write_replaces_whole_files_and_reports_failures) {
  TempDir dir;
  const fs::path file = dir / "grades.csv";
  write_file_atomically(file, "old\n");
  write_file_atomically(file, "new\n");
  BOOST_TEST(read(file) == "new\n");
  // Permissions follow the umask, as for any file the user creates (not mkstemp's 0600).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  BOOST_TEST(static_cast<unsigned>(fs::status(file).permissions() & fs::perms::all) ==
             (0666u & ~static_cast<unsigned>(mask)));
  BOOST_CHECK_EXCEPTION(write_file_atomically(dir / "missing" / "x.csv", "x"), InputError,
                        [&](const InputError& e) {
                          return e.source() == (dir / "missing" / "x.csv").string() &&
                                 e.reason().rfind("cannot create a temporary file: ", 0) == 0;
                        });
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(class_report_html_shows_the_class_from_the_report) {
  const ClassReport r = sample_class();
  ClassPictures pictures;
  pictures.guides.loudness_min = -16.0;
  pictures.guides.loudness_max = -12.0;
  pictures.guides.plr_min = 8.0;
  for (const auto& row : r.students)
    pictures.students[row.submission.student_key] = {row.submission.student_key + "/index.html",
                                                     -14.0, 9.0};
  pictures.students["10231"].integrated_lufs = -8.0;  // one student outside the box
  const std::string html = class_report_html(r, pictures);
  for (const char* id :
       {"counts", "histogram", "criteria", "misconceptions", "scatter", "students", "needs-a-look"})
    BOOST_TEST(html.find(std::string("<section id=\"") + id + "\">") != std::string::npos, id);
  // Every student is a row linked to their page; the table sorts with the inline script.
  for (const auto& row : r.students)
    BOOST_TEST(html.find("<a href=\"" + row.submission.student_key + "/index.html\">") !=
               std::string::npos);
  BOOST_TEST(html.find("<table class=\"sortable\" id=\"student-table\">") != std::string::npos);
  BOOST_TEST(html.find("<script src") == std::string::npos);
  BOOST_TEST(html.find("<link") == std::string::npos);
  // The same "Needs a look" lines as summary.md.
  for (const auto& line : needs_a_look(r))
    BOOST_TEST(summary_markdown(r).find(line.substr(0, 20)) != std::string::npos, line);
  BOOST_TEST(html.find("notes.txt: skipped") != std::string::npos);
  // The scatter: one dot per student with both values, the box, who is inside it.
  const std::string scatter = loudness_plr_scatter_svg(r, pictures);
  std::size_t dots = 0;
  for (std::size_t at = 0; (at = scatter.find("<circle class=\"dot\"", at)) != std::string::npos;
       ++at)
    ++dots;
  BOOST_TEST(dots == r.students.size());
  BOOST_TEST(scatter.find("class=\"target\"") != std::string::npos);
  BOOST_TEST(scatter.find(std::to_string(dots - 1) + " of " + std::to_string(dots) +
                          " inside it.") != std::string::npos);
  // The histogram counts every released grade once.
  const std::string histogram = score_histogram_svg(r);
  std::size_t counted = 0;
  for (std::size_t at = 0; (at = histogram.find("data-count=\"", at)) != std::string::npos; ++at)
    counted += std::stoul(histogram.substr(at + 12));
  BOOST_TEST(counted == r.graded());
}
