// Suspect uploads never pass silently: a cut-off, near-silent, too short or below-spec file, and
// two files from one student, each get a warning in the record, the class summary's "Needs a
// look" and grades.json; a cut-off upload's grade is withheld (blank gradebook cell) unless
// --grade-cut-off.
#define BOOST_TEST_MODULE suspect
#include <boost/test/unit_test.hpp>

#include <sndfile.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "analysis/analysis_json.hpp"
#include "batch/class_run.hpp"
#include "learner/history.hpp"
#include "rubric/load.hpp"
#include "rubric/suspect.hpp"
#include "signals.hpp"

using namespace mixgrade;
using mixgrade::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kRubrics = std::string(MIXGRADE_SOURCE_DIR) + "/rubrics";

// One criterion (peak at most -1 dBFS) and a delivery spec: 44.1 kHz, 24-bit, stereo, 2 s.
const std::string kRubric = R"(id = "suspect-test"
title = "Suspect uploads"
version = "1"
pass_mark = 50

[[criteria]]
id = "peak"
metric = "loudness.sample_peak_dbfs"
max = -1.0
falloff = 10.0
points = 10
concept = "gain_staging"
[criteria.feedback]
pass = "Peak {value} {unit}."
too_high = "Peak {value} {unit} is too hot."
[criteria.hints]
direction = "Turn it down."
rule = "Keep peaks under -1 dBFS."
apply = "Pull the master fader down."

[delivery]
min_sample_rate_hz = 44100
min_bit_depth = 24
channels = 2
min_duration_s = 2
)";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

constexpr int kWav24 = SF_FORMAT_WAV | SF_FORMAT_PCM_24;

// A good mix: a 1 kHz sine peaking at -6 dBFS, 3 s, 48 kHz, 24-bit stereo.
void write_good(const fs::path& p, double seconds = 3.0) {
  test::write_file(p, test::sine(1000, -6, seconds), kWav24);
}

// A valid 6 s WAV cut after 40 % of its bytes (2.4 s are left, long enough): the header still
// declares every frame.
void write_cut_off(const fs::path& p) {
  write_good(p, 6.0);
  const std::string bytes = read_text(p);
  write_text(p, bytes.substr(0, bytes.size() * 2 / 5));
}

struct Class {
  TempDir dir;
  fs::path rubric = dir / "suspect.toml";
  fs::path download = dir / "download";
  Class() {
    write_text(rubric, kRubric);
    for (const char* s : {"ana", "ben", "cat", "dan", "eve", "fay"})
      fs::create_directories(download / s);
    write_cut_off(download / "ana" / "mix.wav");
    test::write_file(download / "ben" / "mix.wav", test::sine(1000, -70, 3.0), kWav24);
    test::write_file(download / "cat" / "mix.wav", test::sine(1000, -6, 1.0), kWav24);
    test::write_file(download / "dan" / "mix.wav", test::sine(1000, -6, 3.0, 22050),
                     SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    write_good(download / "eve" / "take1.wav");
    write_good(download / "eve" / "take2.wav");
    write_good(download / "fay" / "mix.wav");
  }
  ClassRunResult run(const std::string& out, bool grade_cut_off, bool regrade = false) {
    ClassRunOptions o;
    o.submissions = download;
    o.rubric = rubric;
    o.concepts = kRubrics + "/concepts.toml";
    o.rubrics_dir = kRubrics;
    o.out = dir / out;
    o.layout = Layout::kFolders;
    o.now = "1764000000";
    o.grade_cut_off = grade_cut_off;
    o.regrade = regrade;
    return run_class(o);
  }
};

const StudentRow& row(const ClassReport& r, const std::string& key) {
  for (const auto& s : r.students)
    if (s.submission.student_key == key) return s;
  throw std::runtime_error("no student " + key);
}

std::vector<SuspectKind> kinds(const StudentRow& r) {
  std::vector<SuspectKind> out;
  for (const auto& w : r.score->warnings) out.push_back(w.kind);
  return out;
}

std::string gradebook_line(const fs::path& csv, const std::string& student) {
  std::istringstream in(read_text(csv));
  for (std::string line; std::getline(in, line);)
    if (line.find(student) != std::string::npos) return line;
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_suspect_upload_is_named_and_a_cut_off_grade_withheld) {
  Class c;
  const ClassRunResult r = c.run("out", false);
  const ClassReport& report = r.report;

  const StudentRow& ana = row(report, "ana");
  BOOST_REQUIRE(ana.score);
  BOOST_TEST((kinds(ana) == std::vector{SuspectKind::cut_off}));
  BOOST_TEST(
      ana.score->warnings[0].message.starts_with("mix.wav is cut off or damaged (truncated"));
  BOOST_TEST(ana.score->withheld);
  BOOST_TEST(!ana.score->passed);

  const StudentRow& ben = row(report, "ben");
  BOOST_TEST((kinds(ben) == std::vector{SuspectKind::silent}));
  BOOST_TEST(ben.score->warnings[0].message ==
             "mix.wav is silent or nearly silent (peak -70 dBFS): check that the right track was "
             "exported.");
  BOOST_TEST(!ben.score->withheld);

  const StudentRow& cat = row(report, "cat");
  BOOST_TEST((kinds(cat) == std::vector{SuspectKind::too_short}));
  BOOST_TEST(cat.score->warnings[0].message ==
             "mix.wav lasts 1 s, shorter than the 2 s this assignment asks for.");

  const StudentRow& dan = row(report, "dan");
  BOOST_TEST((kinds(dan) == std::vector{SuspectKind::below_spec}));
  BOOST_TEST(dan.score->warnings[0].message ==
             "mix.wav is below the delivery spec (22050 Hz, not at least 44100 Hz; 16-bit, not "
             "at least 24-bit): export it again.");

  const StudentRow& eve = row(report, "eve");
  BOOST_TEST((kinds(eve) == std::vector{SuspectKind::several_files}));
  BOOST_TEST(eve.score->warnings[0].message.find("2 audio files") != std::string::npos);

  const StudentRow& fay = row(report, "fay");
  BOOST_TEST(fay.score->warnings.empty());
  BOOST_TEST(fay.score->passed);

  // result.json, grades.json, the summary and the gradebook say so.
  const fs::path out = c.dir / "out";
  const auto result = nlohmann::json::parse(read_text(out / "ana" / "result.json"));
  BOOST_TEST(result["withheld"] == true);
  BOOST_TEST(result["warnings"][0]["kind"] == "cut_off");
  const auto grades = nlohmann::json::parse(read_text(out / "grades.json"));
  for (const auto& s : grades["students"])
    if (s["key"] == "ben")
      BOOST_TEST(s["suspect"][0]["kind"] == "silent");
    else if (s["key"] == "ana")
      BOOST_TEST(s["withheld"] == true);
    else if (s["key"] == "fay")
      BOOST_TEST(!s.contains("suspect"));
  const std::string summary = read_text(out / "summary.md");
  const auto needs = summary.find("## Needs a look");
  BOOST_REQUIRE(needs != std::string::npos);
  for (const auto& s : report.students)
    for (const auto& w : s.score->warnings)
      if (w.kind != SuspectKind::several_files)
        BOOST_TEST(
            summary.find(s.name() + ": suspect upload: " + w.message, needs) != std::string::npos,
            w.message);
  BOOST_TEST(summary.find("ana: grade withheld (cut-off upload", needs) != std::string::npos);
  BOOST_TEST(summary.find("eve: 2 audio files: graded the newest", needs) != std::string::npos);
  // A grade on hold counts in no statistic: not graded, not in the distribution.
  BOOST_TEST(report.withheld() == 1u);
  BOOST_TEST(report.graded() == report.students.size() - 1);
  BOOST_TEST(summary.find(std::to_string(report.students.size() - 1) + " graded, ") !=
             std::string::npos);
  BOOST_TEST(summary.find("1 withheld (grade on hold") != std::string::npos);
  const auto counts = nlohmann::json::parse(read_text(out / "grades.json"))["counts"];
  BOOST_TEST(counts["withheld"] == 1);
  BOOST_TEST(counts["failed_to_process"] == 0);

  // The withheld cell is blank; a graded one holds the score.
  const std::string ana_line = gradebook_line(out / "gradebook.csv", "ana");
  const std::string fay_line = gradebook_line(out / "gradebook.csv", "fay");
  BOOST_TEST(!ana_line.empty());
  BOOST_TEST(fay_line.ends_with(",10"), fay_line);
  BOOST_TEST(ana_line.ends_with(","), ana_line);
}

BOOST_AUTO_TEST_CASE(grade_cut_off_grades_it_and_keeps_the_warning) {
  Class c;
  const ClassRunResult r = c.run("out", true);
  const StudentRow& ana = row(r.report, "ana");
  BOOST_TEST(!ana.score->withheld);
  BOOST_TEST((kinds(ana) == std::vector{SuspectKind::cut_off}));
  BOOST_TEST(ana.score->passed);  // the part that is there peaks at -6 dBFS
  const std::string line = gradebook_line(c.dir / "out" / "gradebook.csv", "ana");
  BOOST_TEST(line.ends_with(",10"), line);
}

BOOST_AUTO_TEST_CASE(delivery_table_is_validated) {
  RubricContext context;
  context.concepts = {"gain_staging"};
  const Rubric ok = parse_rubric(kRubric, "ok.toml", context);
  BOOST_TEST(*ok.delivery.min_bit_depth == 24);
  BOOST_TEST(*ok.delivery.channels == 2);
  BOOST_TEST(*ok.delivery.min_sample_rate_hz == 44100);
  BOOST_TEST(*ok.delivery.min_duration_s == 2);
  std::string bad = kRubric + "min_bitdepth = 16\n";
  try {
    parse_rubric(bad, "bad.toml", context);
    BOOST_FAIL("no error");
  } catch (const RubricError& e) {
    BOOST_TEST(std::string(e.what()).find("unknown key \"min_bitdepth\" in [delivery]") !=
                   std::string::npos,
               e.what());
  }
}

// A rubric fix between two class runs: every graded attempt is a regrade (counted in the result,
// summary.md and grades.json), a run with nothing changed records none, --regrade forces them.
BOOST_AUTO_TEST_CASE(a_rubric_fix_in_a_class_run_counts_regrades) {
  Class c;
  const ClassRunResult first = c.run("out", false);
  BOOST_TEST(first.regrades == 0u);
  const ClassRunResult rerun = c.run("out", false);
  BOOST_TEST(rerun.regrades == 0u);
  std::string fixed = kRubric;
  fixed.replace(fixed.find("version = \"1\""), 13, "version = \"2\"");
  write_text(c.rubric, fixed);
  const ClassRunResult regraded = c.run("out", false);
  // Six scored (one of them the cut-off upload, its grade on hold), all six regrades.
  BOOST_TEST(regraded.report.graded() == 5u);
  BOOST_TEST(regraded.report.withheld() == 1u);
  const std::size_t graded = regraded.report.graded() + regraded.report.withheld();
  BOOST_TEST(regraded.regrades == graded);
  const std::string summary = read_text(c.dir / "out" / "summary.md");
  BOOST_TEST(summary.find("6 were regrades") != std::string::npos);
  const auto grades = nlohmann::json::parse(read_text(c.dir / "out" / "grades.json"));
  BOOST_TEST(grades["counts"]["regrades"] == 6);
  const auto result = nlohmann::json::parse(read_text(c.dir / "out" / "fay" / "result.json"));
  BOOST_TEST(result["rubric"]["version"] == "2");
  BOOST_TEST(c.run("out", false).regrades == 0u);
  BOOST_TEST(c.run("out", false, true).regrades == graded);
  // Still one attempt for fay; her version 1 grading and the forced one's predecessor are audit
  // rows.
  const auto history =
      learner::History::open(c.dir / "out" / "mixgrade.db", learner::fixed_clock(1764000000));
  const auto fay = *history.find_student("fay");
  BOOST_TEST(history.submissions(fay).size() == 1u);
  BOOST_TEST(history.submissions(fay, true).size() == 3u);
}

// Bit depth against a 24-bit spec: floating point counts as its width, a lossy codec as none.
BOOST_AUTO_TEST_CASE(float_meets_a_bit_depth_spec_and_lossy_does_not) {
  RubricContext context;
  context.concepts = {"gain_staging"};
  const Rubric rubric = parse_rubric(kRubric, "spec.toml", context);
  auto analysis = [](nlohmann::ordered_json bits, int lossless) {
    nlohmann::ordered_json a;
    a["file"] = "/home/teacher/class/mix.wav";
    a["delivery"] = {{"sample_rate_hz", 48000}, {"bit_depth", bits},
                     {"channels", 2},           {"duration_s", 3.0},
                     {"lossy", lossless == 0},  {"lossless_bits", lossless}};
    a["warnings"] = nlohmann::ordered_json::array();
    return a;
  };
  BOOST_TEST(suspect_warnings(rubric, analysis(nullptr, 32)).empty());
  BOOST_TEST(suspect_warnings(rubric, analysis(24, 24)).empty());
  const auto lossy = suspect_warnings(rubric, analysis(nullptr, 0));
  BOOST_REQUIRE(lossy.size() == 1u);
  BOOST_TEST(lossy[0].message ==
             "mix.wav is below the delivery spec (a lossy encoding, not at least 24-bit): export "
             "it again.");
}

// Silence needs evidence of silence: a null sample peak (the analyser's -inf) or one under -60
// dBFS is silent; an analysis from elsewhere that did not measure the peak (--from-json with only
// the metrics a rubric reads) is not.
BOOST_AUTO_TEST_CASE(an_unmeasured_peak_is_not_silence) {
  RubricContext context;
  context.concepts = {"gain_staging"};
  const Rubric rubric = parse_rubric(kRubric, "spec.toml", context);
  nlohmann::ordered_json a;
  a["file"] = "mix.wav";
  a["loudness"] = {{"integrated_lufs", -14.0}};
  BOOST_TEST(suspect_warnings(rubric, a).empty());
  a["loudness"]["sample_peak_dbfs"] = nullptr;
  BOOST_REQUIRE(suspect_warnings(rubric, a).size() == 1u);
  BOOST_TEST((suspect_warnings(rubric, a)[0].kind == SuspectKind::silent));
  a["loudness"]["sample_peak_dbfs"] = -61.0;
  BOOST_TEST(suspect_warnings(rubric, a).size() == 1u);
  a["loudness"]["sample_peak_dbfs"] = -6.0;
  BOOST_TEST(suspect_warnings(rubric, a).empty());
}
