// The shell's parse-error lines: which option a typo most likely meant, and what a user sees.
#define BOOST_TEST_MODULE shell
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "cli/shell.hpp"

using namespace mixgrade;

namespace {

const std::vector<std::string> kNames = {"--help", "--json", "--jobs", "-j", "--verbose", "--out"};

// Parses argv with a fresh app and returns the one line a parse error becomes.
std::string error_line(CLI::App& app, std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return usage_error_message(e, app);
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_wrong_letter_is_found) {
  BOOST_TEST(closest_name("--jsn", kNames).value_or("") == "--json");
  BOOST_TEST(closest_name("--verbos", kNames).value_or("") == "--verbose");
  BOOST_TEST(closest_name("--jason", kNames).value_or("") == "--json");
}

BOOST_AUTO_TEST_CASE(two_swapped_letters_count_as_one_edit) {
  // Plain Levenshtein makes --jbos two edits from --jobs, too many for a four-letter name.
  BOOST_TEST(closest_name("--jbos", kNames).value_or("") == "--jobs");
}

BOOST_AUTO_TEST_CASE(dashes_do_not_count) {
  BOOST_TEST(closest_name("-json", kNames).value_or("") == "--json");
  BOOST_TEST(closest_name("---out", kNames).value_or("") == "--out");
}

BOOST_AUTO_TEST_CASE(far_or_short_names_get_no_suggestion) {
  BOOST_TEST(!closest_name("--frobnicate", kNames));
  BOOST_TEST(!closest_name("-x", kNames));  // one letter: any other letter is as close
  BOOST_TEST(!closest_name("--xyz", kNames));
  BOOST_TEST(!closest_name("--jsn", {}));
}

BOOST_AUTO_TEST_CASE(ties_go_to_the_earlier_name) {
  BOOST_TEST(closest_name("--jobn", {"--jobs", "--join"}).value_or("") == "--jobs");
  BOOST_TEST(closest_name("--jobn", {"--join", "--jobs"}).value_or("") == "--join");
}

BOOST_AUTO_TEST_CASE(names_come_from_the_app_itself) {
  CLI::App app{"test", "mixgrade-test"};
  bool json = false;
  unsigned jobs = 1;
  app.add_flag("--json", json, "");
  app.add_option("-j,--jobs,--threads", jobs, "");
  const auto names = option_names(app);
  const std::vector<std::string> expected = {"--help", "-h", "--json", "--jobs", "--threads", "-j"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unknown_option_line) {
  CLI::App app{"test", "mixgrade-test"};
  bool json = false;
  std::vector<std::string> files;
  app.add_flag("--json", json, "");
  app.add_option("files", files, "");
  BOOST_TEST(error_line(app, {"mixgrade-test", "--jsn", "a.wav"}) ==
             "unknown option --jsn (did you mean --json?)");
}

BOOST_AUTO_TEST_CASE(unknown_option_with_a_value_is_named_without_it) {
  CLI::App app{"test", "mixgrade-test"};
  bool json = false;
  app.add_flag("--json", json, "");
  BOOST_TEST(error_line(app, {"mixgrade-test", "--jsno=1"}) ==
             "unknown option --jsno (did you mean --json?)");
}

BOOST_AUTO_TEST_CASE(a_subcommand_suggests_its_own_names) {
  CLI::App app{"test", "mixgrade-test"};
  std::string out, history;
  app.add_option("--history", history, "");
  auto* merge = app.add_subcommand("merge", "");
  merge->add_option("--out", out, "")->required();
  BOOST_TEST(error_line(app, {"mixgrade-test", "merge", "--ot", "x"}) ==
             "unknown option --ot (did you mean --out?)");
  CLI::App top{"test", "mixgrade-test"};
  top.add_option("--history", history, "");
  auto* sub = top.add_subcommand("merge", "");
  sub->add_option("--out", out, "");
  // --history belongs to the tool, not to merge: nothing close in merge's own names.
  BOOST_TEST(error_line(top, {"mixgrade-test", "merge", "--histroy"}) ==
             "unknown option --histroy (try --help)");
}

BOOST_AUTO_TEST_CASE(other_errors_keep_cli11s_reason) {
  CLI::App app{"test", "mixgrade-test"};
  int level = 1;
  app.add_option("--hint-level", level, "")->check(CLI::Range(1, 3));
  BOOST_TEST(error_line(app, {"mixgrade-test", "--hint-level", "4"}) ==
             "--hint-level: Value 4 not in range 1 to 3 (try --help)");
  CLI::App positional{"test", "mixgrade-test"};
  std::string one;
  positional.add_option("one", one, "");
  BOOST_TEST(error_line(positional, {"mixgrade-test", "a", "b"}) ==
             "unexpected argument b (try --help)");
}

BOOST_AUTO_TEST_CASE(shell_parse_says_whether_to_run) {
  std::vector<std::string> args = {"mixgrade-test", "--verbose"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  Shell shell({"mixgrade-test", "A test tool.", ""});
  BOOST_TEST(!shell.parse(static_cast<int>(argv.size()), argv.data()).has_value());
  BOOST_TEST((shell.verbosity() == Verbosity::verbose));

  std::vector<std::string> bad = {"mixgrade-test", "--quite"};
  std::vector<char*> bad_argv;
  for (auto& a : bad) bad_argv.push_back(a.data());
  Shell bad_shell({"mixgrade-test", "A test tool.", ""});
  BOOST_TEST(bad_shell.parse(static_cast<int>(bad_argv.size()), bad_argv.data()).value_or(-1) ==
             kExitUsage);
}
