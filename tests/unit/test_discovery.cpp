#define BOOST_TEST_MODULE discovery
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "batch/discovery.hpp"
#include "core/error.hpp"
#include "signals.hpp"

namespace fs = std::filesystem;
using namespace mixgrade;
using mixgrade::test::TempDir;

namespace {

// Discovery only looks at names and times, never at content: an empty file is enough.
void touch(const fs::path& p, int age_s = 0) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "x";
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(age_s));
}

const Submission& find(const Discovery& d, const std::string& key) {
  for (const auto& s : d.submissions)
    if (s.student_key == key) return s;
  BOOST_FAIL("no submission for " + key);
  throw std::logic_error("unreachable");
}

// The student keys in discovery order, "9 10231 10235": one comparison shows the whole order.
std::string keys(const Discovery& d) {
  std::string out;
  for (const auto& s : d.submissions) out += (out.empty() ? "" : " ") + s.student_key;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(canvas_names_late_marks_and_ids) {
  TempDir dir;
  touch(dir / "okafornkechi_10231_50011_mix.flac");
  touch(dir / "garciasofia_LATE_10235_50015_my_final_mix.wav");
  touch(dir / "chenwei_9_50013_mix.wav");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(to_string(d.layout) == "canvas");
  // Natural order: user id 9 before 10231.
  BOOST_TEST(keys(d) == "9 10231 10235");
  const Submission& garcia = find(d, "10235");
  BOOST_TEST(garcia.late);
  BOOST_TEST(garcia.display_name == "garciasofia");
  BOOST_TEST(garcia.lms_user_id == "10235");
  BOOST_TEST(garcia.path.filename() == "garciasofia_LATE_10235_50015_my_final_mix.wav");
  BOOST_TEST(to_string(garcia.layout) == "canvas");
  BOOST_TEST(garcia.warnings.empty());
  BOOST_TEST(!find(d, "10231").late);
}

BOOST_AUTO_TEST_CASE(canvas_resubmissions_pick_highest_submission_then_suffix) {
  TempDir dir;
  // The newest file is the oldest on disk: the ids, not the times, decide for Canvas.
  touch(dir / "brennanliam_10232_50012_mix.wav", 0);
  touch(dir / "brennanliam_10232_50090_mix.wav", 100);
  touch(dir / "brennanliam_10232_50090_mix-1.wav", 100);
  touch(dir / "brennanliam_10232_50090_mix-2.wav", 200);
  const Discovery d = discover_submissions(dir.path());
  BOOST_REQUIRE_EQUAL(d.submissions.size(), 1u);
  const Submission& s = d.submissions.front();
  BOOST_TEST(s.path.filename() == "brennanliam_10232_50090_mix-2.wav");
  BOOST_REQUIRE_EQUAL(s.warnings.size(), 1u);
  BOOST_TEST(s.warnings[0] ==
             "4 audio files: graded the newest, brennanliam_10232_50090_mix-2.wav; not graded: "
             "brennanliam_10232_50012_mix.wav, brennanliam_10232_50090_mix.wav, "
             "brennanliam_10232_50090_mix-1.wav");
}

BOOST_AUTO_TEST_CASE(hidden_and_non_audio_files_are_ignored) {
  TempDir dir;
  touch(dir / "okafornkechi_10231_50011_mix.flac");
  touch(dir / ".DS_Store");
  touch(dir / "._okafornkechi_10231_50011_mix.flac");  // macOS resource fork in a zip
  touch(dir / "__MACOSX" / "okafornkechi_10231_50011_mix.flac");
  touch(dir / "okafornkechi_10231_50011_notes.txt");
  const Discovery d = discover_submissions(dir.path());
  BOOST_REQUIRE_EQUAL(d.submissions.size(), 1u);
  BOOST_TEST(d.submissions[0].warnings.empty());
  BOOST_TEST(d.warnings.empty());
}

BOOST_AUTO_TEST_CASE(student_with_only_non_audio_files_is_listed_without_path) {
  TempDir dir;
  touch(dir / "okafornkechi_10231_50011_mix.flac");
  touch(dir / "chenwei_10233_50013_project.zip");
  const Discovery d = discover_submissions(dir.path());
  const Submission& chen = find(d, "10233");
  BOOST_TEST(chen.path.empty());
  BOOST_REQUIRE_EQUAL(chen.warnings.size(), 1u);
  BOOST_TEST(chen.warnings[0] == "no audio file (found: chenwei_10233_50013_project.zip)");
}

BOOST_AUTO_TEST_CASE(moodle_folders_merge_plugins_by_participant) {
  TempDir dir;
  touch(dir / "Nkechi Okafor_123456_assignsubmission_file_" / "final mix.wav");
  touch(dir / "Nkechi Okafor_123456_assignsubmission_onlinetext_" / "onlinetext.html");
  touch(dir / "Wei Chen_123457_assignsubmission_file_" / "stems" / "mix.flac");
  touch(dir / "Wei Chen_123457_assignsubmission_file_" / "readme.txt");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(to_string(d.layout) == "moodle");
  BOOST_REQUIRE_EQUAL(d.submissions.size(), 2u);
  const Submission& okafor = find(d, "123456");
  BOOST_TEST(okafor.display_name == "Nkechi Okafor");
  BOOST_TEST(okafor.lms_user_id == "123456");
  BOOST_TEST(okafor.path.filename() == "final mix.wav");
  BOOST_TEST(okafor.warnings.empty());
  BOOST_TEST(find(d, "123457").path.filename() == "mix.flac");
}

BOOST_AUTO_TEST_CASE(folders_pick_newest_by_time_then_name) {
  TempDir dir;
  touch(dir / "alice" / "mix_v1.wav", 300);
  touch(dir / "alice" / "mix_v2.wav", 10);
  touch(dir / "bob" / "a.wav", 50);
  touch(dir / "bob" / "b.wav", 50);
  fs::last_write_time(dir / "bob" / "b.wav", fs::last_write_time(dir / "bob" / "a.wav"));
  touch(dir / "carol" / "notes.txt");
  touch(dir / "stray.wav");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(to_string(d.layout) == "folders");
  BOOST_TEST(find(d, "alice").path.filename() == "mix_v2.wav");
  BOOST_TEST(find(d, "bob").path.filename() == "b.wav");  // same time: last name wins
  BOOST_TEST(find(d, "bob").warnings.size() == 1u);
  BOOST_TEST(find(d, "carol").path.empty());
  BOOST_REQUIRE_EQUAL(d.warnings.size(), 1u);
  BOOST_TEST(d.warnings[0] == "stray.wav: skipped, a file outside the students' folders");
}

BOOST_AUTO_TEST_CASE(flat_layout_uses_file_stems) {
  TempDir dir;
  touch(dir / "alice.wav");
  touch(dir / "bob.FLAC");
  touch(dir / "grades.csv");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(to_string(d.layout) == "flat");
  BOOST_TEST(keys(d) == "alice bob");
  BOOST_TEST(find(d, "alice").lms_user_id.empty());
}

BOOST_AUTO_TEST_CASE(forced_layout_overrides_detection) {
  TempDir dir;
  touch(dir / "okafornkechi_10231_50011_mix.flac");
  touch(dir / "alice.wav");
  const Discovery flat = discover_submissions(dir.path(), {Layout::kFlat});
  BOOST_TEST(keys(flat) == "alice okafornkechi_10231_50011_mix");
  const Discovery canvas = discover_submissions(dir.path());
  BOOST_TEST(keys(canvas) == "10231");
  BOOST_REQUIRE_EQUAL(canvas.warnings.size(), 1u);
  BOOST_TEST(canvas.warnings[0] ==
             "alice.wav: skipped, not a Canvas name (name_userid_submissionid_file)");
}

BOOST_AUTO_TEST_CASE(the_sample_class_is_a_canvas_download) {
  const Discovery d = discover_submissions(fs::path(MIXGRADE_SOURCE_DIR) / "samples" / "class");
  BOOST_TEST(to_string(d.layout) == "canvas");
  BOOST_TEST(d.submissions.size() == 7u);
  int late = 0;
  for (const auto& s : d.submissions) late += s.late ? 1 : 0;
  BOOST_TEST(late == 1);
}

BOOST_AUTO_TEST_CASE(bad_roots_and_layout_names_are_clear_errors) {
  TempDir dir;
  touch(dir / "file.wav");
  BOOST_CHECK_EXCEPTION(
      discover_submissions(dir / "missing"), InputError, [&](const InputError& e) {
        return std::string(e.what()) == (dir / "missing").string() + ": no such folder";
      });
  BOOST_CHECK_EXCEPTION(discover_submissions(dir / "file.wav"), InputError,
                        [](const InputError& e) { return e.reason() == "not a folder"; });
  BOOST_CHECK_EXCEPTION(parse_layout("blackboard"), UsageError, [](const UsageError& e) {
    return std::string(e.what()) ==
           "unknown layout 'blackboard': use one of auto, canvas, moodle, folders, flat";
  });
  BOOST_TEST(to_string(parse_layout("moodle")) == "moodle");
}

BOOST_AUTO_TEST_CASE(natural_order_and_audio_extensions) {
  BOOST_TEST(natural_less("9", "10"));
  BOOST_TEST(!natural_less("10", "9"));
  BOOST_TEST(natural_less("a2", "a10"));
  BOOST_TEST(natural_less("007", "8"));
  BOOST_TEST(natural_less("7", "07") != natural_less("07", "7"));  // total order on ties
  BOOST_TEST(natural_less("123456789012345678901234567890", "123456789012345678901234567891"));
  BOOST_TEST(is_audio_file("x.WAV"));
  BOOST_TEST(is_audio_file("x.flac"));
  BOOST_TEST(is_audio_file("x.m4a"));
  BOOST_TEST(!is_audio_file("x.txt"));
  BOOST_TEST(!is_audio_file("wav"));
}

BOOST_AUTO_TEST_CASE(names_that_almost_fit_a_layout) {
  TempDir dir;
  touch(dir / "okafornkechi_10231_50011_mix.flac");
  touch(dir / "brennanliam_LATE_x_50012_mix.wav");  // user id not a number
  touch(dir / "chenwei_10233_mix.wav");             // no submission id
  touch(dir / "_10234_50014_mix.wav");              // no name part
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(keys(d) == "10231");
  BOOST_TEST(d.warnings.size() == 3u);

  TempDir moodle;
  touch(moodle / "Anne_Marie Smith_42_assignsubmission_file_" / "mix.wav");
  touch(moodle / "Bo Li_43_assignsubmission_file" / "mix.wav");  // Moodle's trailing '_' lost
  touch(moodle / "Cy Ng_x_assignsubmission_file_" / "mix.wav");  // no participant id
  const Discovery m = discover_submissions(moodle.path());
  BOOST_TEST(to_string(m.layout) == "moodle");
  BOOST_TEST(keys(m) == "42 43");
  BOOST_TEST(find(m, "42").display_name == "Anne_Marie Smith");
  BOOST_REQUIRE_EQUAL(m.warnings.size(), 1u);
  BOOST_TEST(m.warnings[0] ==
             "Cy Ng_x_assignsubmission_file_: skipped, not a Moodle folder "
             "(Full Name_id_assignsubmission_file_)");
}

// Teach it back in a class run: each student's explanation is one of their own text files (a
// Canvas file named for them, Moodle's online-text folder), one saying "explain" before the
// newest; never another student's, never a file outside the students' names.
BOOST_AUTO_TEST_CASE(each_student_gets_their_own_explanation) {
  TempDir canvas;
  touch(canvas / "okafornkechi_10231_50011_mix.flac");
  touch(canvas / "okafornkechi_10231_50011_notes.txt", 0);
  touch(canvas / "okafornkechi_10231_50011_explain.md", 100);  // older, but says "explain"
  touch(canvas / "chenwei_10233_50013_mix.flac");
  touch(canvas / "explain.md");  // not a Canvas name: skipped, nobody's
  const Discovery d = discover_submissions(canvas.path());
  BOOST_TEST(find(d, "10231").explanation.filename() == "okafornkechi_10231_50011_explain.md");
  BOOST_TEST(find(d, "10233").explanation.empty());

  TempDir moodle;
  touch(moodle / "Nkechi Okafor_501_assignsubmission_file_" / "mix.wav");
  touch(moodle / "Nkechi Okafor_501_assignsubmission_onlinetext_" / "onlinetext.html");
  touch(moodle / "Wei Chen_502_assignsubmission_file_" / "mix.wav");
  const Discovery m = discover_submissions(moodle.path());
  BOOST_TEST(find(m, "501").explanation.filename() == "onlinetext.html");
  BOOST_TEST(find(m, "502").explanation.empty());
}

// A name that is not UTF-8 (a Latin-1 zip) keeps its own key, in UTF-8 for grades.json and a
// merge, and never collides with the name its escape spells.
BOOST_AUTO_TEST_CASE(names_that_are_not_utf8_get_keys_that_tell_them_apart) {
  TempDir dir;
  touch(dir / "Jos\xE9" / "mix.wav");
  touch(dir / "Jos%E9" / "mix.wav");
  touch(dir / "Jos\xC3\xA9" / "mix.wav");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(d.submissions.size() == 3u);
  BOOST_TEST(find(d, "Jos%E9").display_name == "Jos\xEF\xBF\xBD");
  BOOST_TEST(find(d, "Jos%E9").path.parent_path().filename() == "Jos\xE9");
  BOOST_TEST(find(d, "Jos%25E9").path.parent_path().filename() == "Jos%E9");
  BOOST_TEST(find(d, "Jos\xC3\xA9").display_name == "Jos\xC3\xA9");
}

// Files under two names with one Canvas id are one student (the id decides), and the instructor
// is told.
BOOST_AUTO_TEST_CASE(two_names_with_one_lms_id_are_one_student_with_a_warning) {
  TempDir dir;
  touch(dir / "alicesmith_10231_50011_mix.wav", 60);
  touch(dir / "bobjones_10231_50099_mix.wav");
  const Discovery d = discover_submissions(dir.path());
  BOOST_TEST(keys(d) == "10231");
  BOOST_TEST_REQUIRE(d.warnings.size() == 1u);
  BOOST_TEST(d.warnings[0] ==
             "Canvas id 10231: two names, \"alicesmith\" and \"bobjones\": graded "
             "as one student (the id decides); check the download");
}
