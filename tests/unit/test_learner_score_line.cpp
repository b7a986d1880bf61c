// Reading mixgrade-score --json lines: the contract fields, failed inputs, and one-line errors.
#define BOOST_TEST_MODULE learner_score_line
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "core/error.hpp"
#include "learner/score_line.hpp"

using namespace mixgrade::learner;

namespace {

std::string fixture_line(const std::string& name) {
  std::ifstream in(std::string(MIXGRADE_TEST_DATA) + "/learner/" + name);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string error_of(const std::string& line) {
  try {
    parse_score_line(line, "scores.jsonl:4");
  } catch (const mixgrade::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_every_contract_field) {
  const ScoreLine line = parse_score_line(fixture_line("ana-1.jsonl"), "ana-1.jsonl:1");
  BOOST_REQUIRE(line.submission.has_value());
  const ScoredSubmission& s = *line.submission;
  BOOST_TEST(s.file == "week1/ana-mix-v1.wav");
  BOOST_TEST(s.student == "ana");
  BOOST_TEST(s.rubric.id == "first-mix");
  BOOST_TEST(s.rubric.version == "1");  // a JSON number keeps its text
  BOOST_TEST(s.criteria.size() == 6u);
  BOOST_TEST(s.misconceptions.size() == 2u);
  const CriterionResult& tilt = s.criteria[2];
  BOOST_TEST(tilt.concept_id == "eq_tonal_balance");
  BOOST_TEST(*tilt.pass_fraction == 0.8);
  BOOST_TEST(tilt.hints.rule.find("-4.5 dB per octave") != std::string::npos);
  BOOST_TEST(!s.criteria[5].value.has_value());  // null value of a not_applicable criterion
  BOOST_TEST(!s.criteria[5].applicable());
  BOOST_TEST(s.identity().starts_with("content:sha256:1111"));
}

BOOST_AUTO_TEST_CASE(correct_means_at_least_the_pass_fraction) {
  CriterionResult c;
  c.max_points = 20;
  c.pass_fraction = 0.8;
  c.status = CriterionStatus::partial;
  c.points = 16;  // exactly 0.8 * 20
  BOOST_TEST(c.correct());
  c.points = 15.99;
  BOOST_TEST(!c.correct());
  c.pass_fraction.reset();  // without a pass fraction, only "pass" counts
  c.points = 20;
  BOOST_TEST(!c.correct());
  c.status = CriterionStatus::pass;
  BOOST_TEST(c.correct());
  // A zero-point criterion (a cap) that fails is a miss, although 0 >= 0.8 * 0.
  c.pass_fraction = 0.8;
  c.max_points = 0;
  c.points = 0;
  c.status = CriterionStatus::fail;
  BOOST_TEST(!c.correct());
}

BOOST_AUTO_TEST_CASE(failed_input_line) {
  const ScoreLine line =
      parse_score_line(R"({"file": "broken.wav", "error": "not an audio file"})", "x:1");
  BOOST_TEST(!line.submission.has_value());
  BOOST_TEST(line.file == "broken.wav");
  BOOST_TEST(line.error == "not an audio file");
}

BOOST_AUTO_TEST_CASE(identity_without_content_hash_uses_file_and_payload) {
  std::string text = fixture_line("ana-1.jsonl");
  const auto start = text.find("\"content_hash\"");
  text.erase(start, text.find(',', start) - start + 2);
  const ScoredSubmission s = *parse_score_line(text, "x:1").submission;
  BOOST_TEST(s.content_hash.empty());
  BOOST_TEST(s.identity().starts_with("file:week1/ana-mix-v1.wav"));
  BOOST_TEST(s.identity().find("\"criteria\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(contract_violations_are_one_line_errors) {
  BOOST_TEST(error_of("{not json").starts_with("scores.jsonl:4: not valid JSON ("));
  BOOST_TEST(error_of("[1, 2]") == "scores.jsonl:4: expected one JSON object per line");
  BOOST_TEST(error_of(R"({"file": "a.wav", "score": 1})") ==
             "scores.jsonl:4: field 'max_score' is missing");
  const std::string bad_status =
      R"({"file": "a.wav", "score": 1, "max_score": 2, "percent": 50, "passed": false,
          "rubric": {"id": "r", "version": 1, "hash": "h"},
          "criteria": [{"id": "c", "points": 1, "max_points": 2, "status": "great"}]})";
  BOOST_TEST(error_of(bad_status) ==
             "scores.jsonl:4: field 'criteria[0].status' is 'great' "
             "(expected pass, partial, fail or not_applicable)");
  const std::string bad_points =
      R"({"file": "a.wav", "score": 1, "max_score": 2, "percent": 50, "passed": false,
          "rubric": {"id": "r", "version": 1, "hash": "h"},
          "criteria": [{"id": "c", "points": 3, "max_points": 2, "status": "pass"}]})";
  BOOST_TEST(error_of(bad_points) ==
             "scores.jsonl:4: field 'criteria[0].points' must lie between 0 and max_points");
}
