// core's shared helpers for reading files: the enum tables and the one TOML field checker, whose
// style decides both the wording and whether reading stops at the first problem.
#define BOOST_TEST_MODULE core_tables
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/enum_table.hpp"
#include "core/toml_fields.hpp"

using namespace mixgrade;

namespace {

enum class Colour { red, green };
constexpr std::array kColourNames = {EnumName{Colour::red, "red"},
                                     EnumName{Colour::green, "green"}};
static_assert(name_of(kColourNames, Colour::green) == "green");
static_assert(parse(kColourNames, "red") == Colour::red);
static_assert(!parse(kColourNames, "blue").has_value());
static_assert(name_of(kColourNames, static_cast<Colour>(7)) == "red");
static_assert(name_of(kColourNames, static_cast<Colour>(7), "other") == "other");

std::string first_problem(const std::string& text) {
  const toml::table doc = parse_toml_text(text, "t.toml");
  try {
    const TomlFields fields(doc, stop_at_first("t.toml", "thing"));
    fields.only_keys({"name", "level", "tags"});
    fields.required_string("name");
    fields.number("level", true);
    fields.strings("tags");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(enum_names_are_listed_in_table_order) {
  BOOST_TEST(names_of(kColourNames) == "red, green");
}

BOOST_AUTO_TEST_CASE(stop_at_first_words_each_problem_at_its_node) {
  BOOST_TEST(first_problem("name = \"a\"\nlevel = 1\n") == "no error");
  // A missing key is reported at its table (the document: 1:1).
  BOOST_TEST(first_problem("level = 1\n") == "t.toml:1:1: thing: missing required string 'name'");
  BOOST_TEST(first_problem("name = \"\"\nlevel = 1\n") ==
             "t.toml:1:8: thing: 'name' must not be empty");
  BOOST_TEST(first_problem("name = \"a\"\nlevel = \"x\"\n") ==
             "t.toml:2:9: thing: 'level' must be a number");
  BOOST_TEST(first_problem("name = \"a\"\nlevel = nan\n") ==
             "t.toml:2:9: thing: 'level' must be a finite number, at most 1e9 in size");
  BOOST_TEST(first_problem("name = \"a\"\nlevel = 1\ntags = [\"x\", 2]\n") ==
             "t.toml:3:14: thing: 'tags' must hold only strings");
  BOOST_TEST(first_problem("name = \"a\"\nlevl = 1\n") ==
             "t.toml:2:1: thing: unknown key 'levl' (known: name, level, tags)");
}

BOOST_AUTO_TEST_CASE(a_style_that_returns_collects_every_problem) {
  const toml::table doc = parse_toml_text("a = 1\nb = \"x\"\n", "t.toml");
  std::vector<std::string> seen;
  TomlStyle style;
  style.word = [](const TomlProblem& p) {
    return std::string(p.key) + " is not " + std::string(p.want);
  };
  style.report = [&](const toml::source_region& at, std::string message) {
    seen.push_back(std::to_string(at.begin.line) + ": " + message);
  };
  const TomlFields fields(doc, style);
  BOOST_TEST(!fields.string("a").has_value());
  BOOST_TEST(!fields.integer("b").has_value());
  BOOST_TEST(!fields.table("c", true));
  BOOST_TEST(seen == (std::vector<std::string>{"1: a is not a string", "2: b is not an integer",
                                               "1: c is not a table"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(syntax_errors_and_missing_files_are_one_line) {
  BOOST_CHECK_EXCEPTION(parse_toml_text("a = = 1\n", "t.toml"), TomlError,
                        [](const TomlError& e) { return e.line() == 1 && e.file() == "t.toml"; });
  BOOST_CHECK_EXCEPTION(parse_toml_file("/no/such/file.toml"), InputError, [](const InputError& e) {
    return std::string(e.what()) ==
           "/no/such/file.toml: cannot open the file (does it exist? readable?)";
  });
}
