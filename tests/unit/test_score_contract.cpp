// The lines mixgrade-score --json writes are read by the learner model (learner/score_line.hpp)
// and the class outputs (report/score_record.hpp): every golden line must parse in both, with
// the fields they rely on carried through.
#define BOOST_TEST_MODULE score_contract
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "learner/score_line.hpp"
#include "report/score_record.hpp"

using namespace mixgrade;

namespace {

std::vector<std::string> golden_lines() {
  std::ifstream in(std::filesystem::path(MIXGRADE_TEST_DATA) / "golden/score.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_learner_model_reads_every_line) {
  const auto lines = golden_lines();
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  std::size_t graded = 0;
  for (const auto& line : lines) {
    const learner::ScoreLine parsed = learner::parse_score_line(line, "score.jsonl");
    if (!parsed.submission) {
      BOOST_TEST(parsed.error == "format not recognised");
      continue;
    }
    ++graded;
    const auto& s = *parsed.submission;
    BOOST_TEST(s.student == "s123");
    BOOST_TEST(s.rubric.id == "course-test");
    BOOST_TEST(s.rubric.hash.starts_with("fnv1a64:"));
    BOOST_TEST_REQUIRE(s.criteria.size() == 5u);
    BOOST_TEST(s.criteria[1].concept_id == "loudness_mastering");
    BOOST_TEST(*s.criteria[1].pass_fraction == 0.9);
    BOOST_TEST(s.criteria[1].hints.rule == "Keep true peak at or below -1.0 dBTP.");
    BOOST_TEST(s.criteria[1].unit == "dBTP");
  }
  BOOST_TEST(graded == 4u);
}

BOOST_AUTO_TEST_CASE(the_class_outputs_read_every_line) {
  std::size_t failed = 0;
  for (const auto& line : golden_lines()) {
    const ScoreOutcome outcome = parse_score(nlohmann::ordered_json::parse(line));
    if (!outcome.score) {
      ++failed;
      continue;
    }
    BOOST_TEST(outcome.score->criteria.size() == 5u);
    BOOST_TEST(outcome.score->criteria[4].visibility == "hidden");
  }
  BOOST_TEST(failed == 1u);
}
