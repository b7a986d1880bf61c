// Hostile input, one rule at a time: JSON nested to overflow the stack, wrong types where a
// number is graded, FIFOs and devices as input files, formula injection and control characters in
// gradebook cells, terminal escapes in printed names, student keys that collide with class files
// or leave the output folder.
#define BOOST_TEST_MODULE hardening
#include <boost/test/unit_test.hpp>

#include "analysis/pipeline.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "batch/student.hpp"
#include "core/atomic_file.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/read_file.hpp"
#include "core/text.hpp"
#include "rubric/metric_path.hpp"
#include "rubric/score_record.hpp"
#include "signals.hpp"

using namespace mixgrade;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(deep_json_is_refused_before_parsing) {
  BOOST_TEST(!json_too_deep("{\"a\": [1, {\"b\": 2}]}"));
  BOOST_TEST(json_too_deep(std::string(129, '[') + std::string(129, ']')));
  BOOST_TEST(!json_too_deep(std::string(128, '[') + std::string(128, ']')));
  // Brackets inside strings (and escaped quotes) do not count.
  BOOST_TEST(!json_too_deep("{\"s\": \"" + std::string(500, '[') + "\\\"\"}"));
  BOOST_TEST(json_too_deep(std::string(1000000, '{')));  // reads it once, stops early
}

BOOST_AUTO_TEST_CASE(text_or_never_throws_on_another_type) {
  const auto j = nlohmann::ordered_json::parse(R"({"file": 5, "name": "a.wav"})");
  BOOST_TEST(text_or(j, "file", "input") == "input");
  BOOST_TEST(text_or(j, "name", "input") == "a.wav");
  BOOST_TEST(text_or(nlohmann::ordered_json::array(), "file", "x") == "x");
}

BOOST_AUTO_TEST_CASE(analysis_lines_are_checked_by_type_before_scoring) {
  auto problem = [](const char* text, std::vector<std::string> graded = {}) {
    return analysis_problem(nlohmann::ordered_json::parse(text), graded);
  };
  BOOST_TEST(problem(R"({"file": "a.wav", "loudness": {"integrated_lufs": -14}})").empty());
  BOOST_TEST(problem("[]") == "not an analysis JSON object");
  BOOST_TEST(problem(R"({"file": 5, "loudness": {}})") == "\"file\" is not a string");
  BOOST_TEST(problem("{}").starts_with("not an analysis: it holds none"));
  BOOST_TEST(problem(R"({"loudness": {"integrated_lufs": "-14"}})") ==
             "metric loudness.integrated_lufs is string, not a number");
  BOOST_TEST(problem(R"({"dynamics": {"clip_events": -5}})") ==
             "metric dynamics.clip_events is negative, which no measurement gives");
  // A graded metric must be a number even where the table allows text.
  BOOST_TEST(problem(R"({"delivery": {"sample_format": "pcm"}})").empty());
  BOOST_TEST(problem(R"({"delivery": {"sample_format": "pcm"}})", {"delivery.sample_format"}) ==
             "metric delivery.sample_format is string, not a number");
  // Null is "not measurable" (mono, too short), never an error.
  BOOST_TEST(problem(R"({"stereo": {"correlation": null}})", {"stereo.correlation"}).empty());
}

BOOST_AUTO_TEST_CASE(only_regular_files_are_read_and_only_so_much) {
  test::TempDir dir;
  const fs::path fifo = dir / "rubric.toml";
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto reason = [](const fs::path& p, std::uintmax_t limit = kMaxInputFileBytes) {
    try {
      read_input_file(p, limit);
    } catch (const InputError& e) {
      return e.reason();
    }
    return std::string("read");
  };
  BOOST_TEST(reason(fifo) == "not a regular file (a FIFO, a socket or a device): not read");
  BOOST_TEST(reason("/dev/zero") == "not a regular file (a FIFO, a socket or a device): not read");
  BOOST_TEST(reason(dir.path()) == "is a folder, not a file");
  BOOST_TEST(reason(dir / "none.toml") == "cannot open the file (does it exist? readable?)");
  fs::create_symlink("loop-b", dir / "loop-a");
  fs::create_symlink("loop-a", dir / "loop-b");
  BOOST_TEST(reason(dir / "loop-a") == "a symbolic link to nothing (or a link loop)");
  std::ofstream(dir / "big.toml") << std::string((2u << 20) + 1, 'x');
  BOOST_TEST(reason(dir / "big.toml", 2u << 20) == "larger than 2 MiB: not read");
  BOOST_TEST(reason(dir / "big.toml") == "read");
}

BOOST_AUTO_TEST_CASE(gradebook_cells_cannot_become_formulas_or_escapes) {
  BOOST_TEST(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  BOOST_TEST(csv_field("+1 555") == "'+1 555");
  BOOST_TEST(csv_field("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(csv_field("-cmd") == "'-cmd");
  BOOST_TEST(csv_field("\tx") == "'\tx");
  BOOST_TEST(csv_field("-3.5") == "-3.5");  // a number stays a number
  BOOST_TEST(csv_field("87.5") == "87.5");
  BOOST_TEST(csv_field("Okafor, Nkechi") == "\"Okafor, Nkechi\"");
  BOOST_TEST(csv_field("evil\x1b[31m") == "evil\\x1b[31m");
}

BOOST_AUTO_TEST_CASE(printed_names_are_terminal_safe) {
  BOOST_TEST(terminal_safe("mix.wav") == "mix.wav");
  BOOST_TEST(terminal_safe("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07");
  BOOST_TEST(terminal_safe("line\nbreak") == "line\\x0abreak");
  BOOST_TEST(terminal_safe("line\nbreak", true) == "line\nbreak");
  BOOST_TEST(terminal_safe("c1 \xc2\x9b"
                           "31m") == "c1 \\x9b31m");          // CSI as a C1 control
  BOOST_TEST(terminal_safe("caf\xc3\xa9") == "caf\xc3\xa9");  // ordinary UTF-8 kept
}

BOOST_AUTO_TEST_CASE(student_folders_never_collide_or_escape) {
  const fs::path out = "/out";
  BOOST_TEST(student_folder(out, "10231") == "/out/10231");
  BOOST_TEST(student_folder(out, "alice") == "/out/alice");
  BOOST_TEST(student_folder(out, "gradebook.csv") == "/out/student-gradebook.csv");
  BOOST_TEST(student_folder(out, "Grades.JSON") == "/out/student-Grades.JSON");
  BOOST_TEST(student_folder(out, "summary.md") == "/out/student-summary.md");
  BOOST_TEST(student_folder(out, "..") == "/out/student-..");
  BOOST_TEST(student_folder(out, "../../etc") == "/out/student-.._.._etc");
  BOOST_TEST(student_folder(out, ".cache") == "/out/student-.cache");
  BOOST_TEST(student_folder(out, "a\x1b") == "/out/student-a_");
}

// Fuzzing found it (fuzz_score_record): a number JSON cannot hold aborted mixgrade-assign.
BOOST_AUTO_TEST_CASE(a_score_line_with_an_overflowing_number_is_an_error) {
  BOOST_CHECK_THROW(parse_score_line("111e10000.37569ore", "in:1"), InputError);
  BOOST_CHECK_THROW(parse_score_line(R"({"file": "a.wav", "score": 1e999})", "in:1"), InputError);
}

// Every input a fuzzer ever crashed on (tests/data/fuzz/<target>/) stays handled.
BOOST_AUTO_TEST_CASE(fuzz_findings_stay_fixed) {
  const fs::path dir = fs::path(MIXGRADE_TEST_DATA) / "fuzz" / "score_record";
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string line((std::istreambuf_iterator<char>(in)), {});
    try {
      parse_score_line(line, entry.path().string());
    } catch (const InputError&) {
    }
    ++replayed;
  }
  BOOST_TEST(replayed > 0u);
}

// fuzz_audio_reader found it: an MP3 whose stream libmpg123 cannot open leaked the decoder's
// handle (the constructor threw, so no destructor ran). The sanitizer build's leak check fails
// this test if it comes back.
BOOST_AUTO_TEST_CASE(fuzz_audio_findings_stay_fixed) {
  const fs::path dir = fs::path(MIXGRADE_TEST_DATA) / "fuzz" / "audio_reader";
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    try {
      analyse_file(entry.path(), {});
    } catch (const InputError& e) {
      BOOST_TEST(std::string(e.what()).find('\n') == std::string::npos);
    }
    ++replayed;
  }
  BOOST_TEST(replayed > 0u);
}

// A page a re-run writes unchanged is left alone (same inode: no temporary, no rename, no flush);
// a changed one is replaced; a link where the file should be is replaced by a file, never written
// through.
BOOST_AUTO_TEST_CASE(unchanged_files_are_not_rewritten) {
  mixgrade::test::TempDir dir;
  const fs::path page = dir / "feedback.md";
  write_file_atomically(page, "same\n");
  struct stat before {};
  ::stat(page.c_str(), &before);
  write_file_atomically(page, "same\n");
  struct stat after {};
  ::stat(page.c_str(), &after);
  BOOST_TEST(before.st_ino == after.st_ino);
  write_file_atomically(page, "changed\n");
  ::stat(page.c_str(), &after);
  BOOST_TEST(before.st_ino != after.st_ino);
  BOOST_TEST(read_input_file(page) == "changed\n");
  std::ofstream(dir / "elsewhere") << "link\n";
  fs::create_symlink(dir / "elsewhere", dir / "linked.md");
  write_file_atomically(dir / "linked.md", "link\n");
  BOOST_TEST(!fs::is_symlink(dir / "linked.md"));
}
