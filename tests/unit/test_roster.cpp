#define BOOST_TEST_MODULE roster
#include <boost/test/unit_test.hpp>

#include "batch/roster.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"

using namespace mixgrade;

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_only_when_needed) {
  BOOST_TEST(csv_field("plain") == "plain");
  BOOST_TEST(csv_field("Okafor, Nkechi") == "\"Okafor, Nkechi\"");
  BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csv_row({"a", "b,c", ""}) == "a,\"b,c\",\n");
}

BOOST_AUTO_TEST_CASE(csv_parses_what_it_writes_and_what_excel_writes) {
  const CsvRow row = {"Okafor, Nkechi", "say \"hi\"", "", "two\nlines"};
  const auto parsed = parse_csv(csv_row(row) + csv_row({"x"}), "t.csv");
  BOOST_REQUIRE_EQUAL(parsed.size(), 2u);
  BOOST_TEST(parsed[0] == row, boost::test_tools::per_element());
  // Excel: a byte-order mark, CRLF, a blank line at the end.
  const auto excel = parse_csv("\xEF\xBB\xBFStudent,ID\r\n\"Chen, Wei\",10233\r\n\r\n", "t.csv");
  BOOST_REQUIRE_EQUAL(excel.size(), 2u);
  BOOST_TEST(excel[0][0] == "Student");
  BOOST_TEST(excel[1][0] == "Chen, Wei");
  BOOST_TEST(excel[1][1] == "10233");
  BOOST_CHECK_EXCEPTION(parse_csv("a,b\n\"open,c\n", "t.csv"), InputError, [](const InputError& e) {
    return std::string(e.what()) == "t.csv: line 2: unterminated quoted field";
  });
}

BOOST_AUTO_TEST_CASE(roster_reads_a_full_canvas_export) {
  // Columns in Canvas' order plus assignment and total columns, the Points Possible row and the
  // Test Student, as "Export Entire Gradebook" writes them.
  const Roster r = parse_roster(
      "Student,ID,SIS User ID,SIS Login ID,Section,Mix 1 (4417),Current Score\n"
      "    Points Possible,,,,,100,(read only)\n"
      "\"Okafor, Nkechi\",10231,S0231,nokafor,Mix Lab A,,\n"
      "\"Student, Test\",99999,,,Mix Lab A,,\n",
      "export.csv");
  BOOST_REQUIRE_EQUAL(r.entries.size(), 1u);
  BOOST_TEST(r.entries[0].student == "Okafor, Nkechi");
  BOOST_TEST(r.entries[0].id == "10231");
  BOOST_TEST(r.entries[0].sis_user_id == "S0231");
  BOOST_TEST(r.entries[0].sis_login_id == "nokafor");
  BOOST_TEST(r.entries[0].section == "Mix Lab A");
}

BOOST_AUTO_TEST_CASE(roster_columns_by_name_and_clear_errors) {
  const Roster r = parse_roster("Section,ID,Student\nB,7,\"Chen, Wei\"\n", "r.csv");
  BOOST_TEST(r.entries[0].student == "Chen, Wei");
  BOOST_TEST(r.entries[0].sis_login_id.empty());
  BOOST_CHECK_EXCEPTION(parse_roster("Name,ID\nx,1\n", "r.csv"), InputError,
                        [](const InputError& e) {
                          return std::string(e.what()) ==
                                 "r.csv: no 'Student' column (expected the columns of a Canvas "
                                 "gradebook export: Student, "
                                 "ID, SIS User ID, SIS Login ID, Section)";
                        });
  BOOST_CHECK_EXCEPTION(read_roster("/nonexistent/roster.csv"), InputError,
                        [](const InputError& e) {
                          return e.reason() == "cannot open the file (does it exist? readable?)";
                        });
}

BOOST_AUTO_TEST_CASE(submissions_match_by_id_login_or_name) {
  const Roster r = parse_roster(
      "Student,ID,SIS User ID,SIS Login ID,Section\n"
      "\"Okafor, Nkechi\",10231,S0231,nokafor,A\n"
      "\"Chen, Wei\",10233,S0233,wchen,A\n"
      "\"Chen, Wei\",10299,S0299,wchen2,B\n",
      "r.csv");
  auto match = [&](Submission s) {
    auto e = match_roster(r, s);
    return e ? e->id : std::string("none");
  };
  // Canvas: the user id in the file name.
  BOOST_TEST(match({"10233", "chenwei", "10233", false, {}, Layout::kCanvas, {}}) == "10233");
  // A folder named by login, in any case.
  BOOST_TEST(match({"NOKAFOR", "NOKAFOR", "", false, {}, Layout::kFolders, {}}) == "10231");
  // Moodle: "First Last"; the participant id is not a Canvas id and must not be used.
  BOOST_TEST(match({"10233", "Nkechi Okafor", "10233", false, {}, Layout::kMoodle, {}}) == "10231");
  // Canvas' file-name spelling of the sortable name.
  BOOST_TEST(match({"okafornkechi", "okafornkechi", "", false, {}, Layout::kFlat, {}}) == "10231");
  // Two students called Wei Chen: no guess.
  BOOST_TEST(match({"chenwei", "chenwei", "", false, {}, Layout::kFlat, {}}) == "none");
  BOOST_TEST(match({"zoe", "zoe", "", false, {}, Layout::kFlat, {}}) == "none");
}
