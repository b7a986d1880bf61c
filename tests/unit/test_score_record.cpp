// The one score record: written by mixgrade-score --json, read back by the learner model and the
// class outputs. What "missed", "correct" and the hint shown mean is tested here once.
#define BOOST_TEST_MODULE score_record
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/format.hpp"
#include "rubric/explanation_file.hpp"
#include "rubric/score_record.hpp"

using namespace mixgrade;

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(std::filesystem::path(MIXGRADE_TEST_DATA) / file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string error_of(const std::string& line) {
  try {
    parse_score_line(line, "scores.jsonl:4");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

CriterionRecord criterion(Status status, double points, double max_points) {
  CriterionRecord c;
  c.id = "c";
  c.status = status;
  c.points = points;
  c.max_points = max_points;
  c.hints = {"lower it", "at most -1 dBTP", "set the ceiling to -1.0"};
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_golden_line_reads_back_and_writes_the_same) {
  const auto lines = lines_of("golden/score.jsonl");
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  std::size_t graded = 0;
  for (const auto& line : lines) {
    const ScoreOutcome parsed = parse_score_line(line, "score.jsonl");
    // One writer, one reader: what is read writes back byte for byte.
    BOOST_TEST(to_json(parsed).dump() == nlohmann::ordered_json::parse(line).dump());
    if (!parsed.record) {
      BOOST_TEST(parsed.error == "format not recognised");
      continue;
    }
    ++graded;
    const ScoreRecord& s = *parsed.record;
    BOOST_TEST(s.student == "s123");
    BOOST_TEST(s.rubric.id == "course-test");
    BOOST_TEST(s.rubric.hash.starts_with("fnv1a64:"));
    BOOST_TEST_REQUIRE(s.criteria.size() == 5u);
    BOOST_TEST(s.criteria[1].concept_id == "loudness_mastering");
    BOOST_TEST(*s.criteria[1].pass_fraction == 0.9);
    BOOST_TEST(s.criteria[1].hints.rule == "Keep true peak at or below -1.0 dBTP.");
    BOOST_TEST(s.criteria[1].unit == "dBTP");
    BOOST_TEST((s.criteria[4].visibility == Visibility::hidden));
    for (const auto& c : s.criteria)  // --hint-level 2 in the golden run
      if (c.missed()) BOOST_TEST((c.hint_level == HintLevel::rule));
  }
  BOOST_TEST(graded == 4u);
}

BOOST_AUTO_TEST_CASE(reads_a_line_of_an_older_scorer) {
  // The learner fixtures predate decimals, hint_level and the rubric title.
  const ScoreOutcome line = parse_score_line(lines_of("learner/ana-1.jsonl").at(0), "ana-1:1");
  BOOST_REQUIRE(line.record.has_value());
  const ScoreRecord& s = *line.record;
  BOOST_TEST(s.file == "week1/ana-mix-v1.wav");
  BOOST_TEST(s.student == "ana");
  BOOST_TEST(s.rubric.id == "first-mix");
  BOOST_TEST(s.rubric.version == "1");  // a JSON number keeps its text
  BOOST_TEST(s.criteria.size() == 6u);
  BOOST_TEST(s.misconceptions.size() == 2u);
  const CriterionRecord& tilt = s.criteria[2];
  BOOST_TEST(tilt.concept_id == "eq_tonal_balance");
  BOOST_TEST(*tilt.pass_fraction == 0.8);
  BOOST_TEST(tilt.hints.rule.find("-4.5 dB per octave") != std::string::npos);
  BOOST_TEST(tilt.decimals == 1);
  BOOST_TEST(!s.criteria[5].value.has_value());  // null value of a not_applicable criterion
  BOOST_TEST(!s.criteria[5].applicable());
  BOOST_TEST(s.identity().starts_with("content:sha256:1111"));
}

BOOST_AUTO_TEST_CASE(missed_means_points_were_lost) {
  BOOST_TEST(!criterion(Status::pass, 10, 10).missed());
  BOOST_TEST(criterion(Status::partial, 9, 10).missed());
  BOOST_TEST(criterion(Status::fail, 0, 10).missed());
  BOOST_TEST(!criterion(Status::not_applicable, 0, 0).missed());
}

BOOST_AUTO_TEST_CASE(the_hint_shown_is_the_one_at_its_level_and_only_when_missed) {
  CriterionRecord c = criterion(Status::partial, 5, 10);
  BOOST_TEST(c.hint() == "lower it");
  c.hint_level = HintLevel::rule;
  BOOST_TEST(c.hint() == "at most -1 dBTP");
  c.hint_level = HintLevel::apply;
  BOOST_TEST(c.hint() == "set the ceiling to -1.0");
  c.status = Status::pass;
  BOOST_TEST(c.hint().empty());
  BOOST_TEST((hint_level_for_miss(1) == HintLevel::direction));
  BOOST_TEST((hint_level_for_miss(2) == HintLevel::rule));
  BOOST_TEST((hint_level_for_miss(3) == HintLevel::apply));
  BOOST_TEST((hint_level_for_miss(7) == HintLevel::apply));
}

BOOST_AUTO_TEST_CASE(correct_means_at_least_the_pass_fraction) {
  CriterionRecord c = criterion(Status::partial, 16, 20);  // exactly 0.8 * 20
  c.pass_fraction = 0.8;
  BOOST_TEST(c.correct());
  BOOST_TEST(c.missed());  // a near miss: correct evidence for the learner, still a hint
  c.points = 15.99;
  BOOST_TEST(!c.correct());
  c.pass_fraction.reset();  // without a pass fraction, only "pass" counts
  c.points = 20;
  BOOST_TEST(!c.correct());
  c.status = Status::pass;
  BOOST_TEST(c.correct());
  // A zero-point criterion (a cap) that fails is not correct, although 0 >= 0.8 * 0.
  c.pass_fraction = 0.8;
  c.max_points = 0;
  c.points = 0;
  c.status = Status::fail;
  BOOST_TEST(!c.correct());
  c.status = Status::not_applicable;  // no evidence at all
  BOOST_TEST(!c.correct());
}

BOOST_AUTO_TEST_CASE(values_and_points_read_the_same_on_every_page) {
  CriterionRecord c = criterion(Status::partial, 12.5, 30);
  c.value = -14.25;
  c.unit = "LUFS";
  c.decimals = 1;
  BOOST_TEST(c.value_text() == "-14.2 LUFS");  // the nearest double to -14.25 is below it
  BOOST_TEST(c.points_text() == "12.5/30.0");
  c.value.reset();
  BOOST_TEST(c.value_text() == "n/a");
  BOOST_TEST(format_fixed(-0.04, 1) == "0.0");  // never "-0.0"
  BOOST_TEST(format_number(72.5) == "72.5");
  BOOST_TEST(format_number(80.0) == "80");
  BOOST_TEST(format_number(-0.001) == "0");
  BOOST_TEST(format_number(6.6) == "6.6");
}

BOOST_AUTO_TEST_CASE(failed_input_line) {
  const ScoreOutcome line =
      parse_score_line(R"({"file": "broken.wav", "error": "not an audio file"})", "x:1");
  BOOST_TEST(!line.record.has_value());
  BOOST_TEST(line.file == "broken.wav");
  BOOST_TEST(line.error == "not an audio file");
  BOOST_TEST(to_json(line).dump() == R"({"file":"broken.wav","error":"not an audio file"})");
}

BOOST_AUTO_TEST_CASE(identity_without_content_hash_uses_file_and_what_was_graded) {
  std::string text = lines_of("learner/ana-1.jsonl").at(0);
  const auto start = text.find("\"content_hash\"");
  text.erase(start, text.find(',', start) - start + 2);
  ScoreRecord s = *parse_score_line(text, "x:1").record;
  BOOST_TEST(s.content_hash.empty());
  BOOST_TEST(s.identity().starts_with("file:week1/ana-mix-v1.wav"));
  const std::string before = s.identity();
  s.set_hint_level(HintLevel::apply);  // presentation: the same submission
  s.criteria[0].feedback = "reworded";
  BOOST_TEST(s.identity() == before);
  s.criteria[0].points -= 1;  // a different grade: a different submission
  BOOST_TEST(s.identity() != before);
}

BOOST_AUTO_TEST_CASE(contract_violations_are_one_line_errors) {
  BOOST_TEST(error_of("{not json").starts_with("scores.jsonl:4: not valid JSON ("));
  BOOST_TEST(error_of("[1, 2]") == "scores.jsonl:4: expected one JSON object per line");
  BOOST_TEST(error_of(R"({"file": "a.wav", "score": 1})") ==
             "scores.jsonl:4: field 'max_score' is missing");
  const std::string head =
      R"({"file": "a.wav", "score": 1, "max_score": 2, "percent": 50, "passed": false,
          "rubric": {"id": "r", "version": 1, "hash": "h"}, )";
  BOOST_TEST(error_of(head + R"("criteria": 3})") ==
             "scores.jsonl:4: field 'criteria' must be an array");
  BOOST_TEST(error_of(head + R"("criteria": [{"id": "c", "points": 1, "max_points": 2,
                                              "status": "great"}]})") ==
             "scores.jsonl:4: field 'criteria[0].status' is 'great' "
             "(expected pass, partial, fail or not_applicable)");
  BOOST_TEST(error_of(head + R"("criteria": [{"id": "c", "points": 3, "max_points": 2,
                                              "status": "pass"}]})") ==
             "scores.jsonl:4: field 'criteria[0].points' must lie between 0 and max_points");
  BOOST_TEST(error_of(head + R"("criteria": [{"id": "c", "points": "ten", "max_points": 2,
                                              "status": "pass"}]})") ==
             "scores.jsonl:4: field 'criteria[0].points' must be a number");
  BOOST_TEST(error_of(head + R"("criteria": [{"id": "c", "points": 1, "max_points": 2,
                                              "status": "pass", "visibility": "secret"}]})") ==
             "scores.jsonl:4: field 'criteria[0].visibility' is 'secret' "
             "(expected visible, hidden or after_due_date)");
}

BOOST_AUTO_TEST_CASE(warnings_adjustments_and_manual_marks_read_back) {
  ScoreRecord s;
  s.file = "mix.wav";
  s.rubric = {"r", "2", "fnv1a64:0000000000000001"};
  CriterionRecord c = criterion(Status::partial, 3, 5);
  c.title = "Mix balance";
  c.manual = true;
  c.comment = "Vocal sits under the guitars.";
  c.override_reason = "Re-marked after office hours";
  s.criteria.push_back(c);
  s.warnings.push_back({SuspectKind::cut_off, "mix.wav ends before its header says it does."});
  s.withheld = true;
  s.adjustments.push_back({AdjustmentKind::late, -0.5, "", "1 day late: -10 %"});
  s.score = 2.5;
  s.max_score = 5;
  const auto j = to_json(s);
  BOOST_TEST(j["warnings"][0]["kind"] == "cut_off");
  BOOST_TEST(j["adjustments"][0]["kind"] == "late");
  const ScoreOutcome back = parse_score(nlohmann::json::parse(j.dump()), "mix.json");
  BOOST_TEST_REQUIRE(back.record.has_value());
  BOOST_TEST(to_json(*back.record).dump() == j.dump());
  BOOST_TEST(back.record->withheld);
  BOOST_TEST(back.record->criteria[0].comment == c.comment);
  BOOST_TEST(error_of(R"({"file":"a.wav","score":1,"max_score":1,"percent":100,"passed":true,)"
                      R"("rubric":{"id":"r","version":"1","hash":"h"},"criteria":[],)"
                      R"("warnings":[{"kind":"odd","message":"m"}]})") ==
             "scores.jsonl:4: field 'warnings[0].kind' is 'odd' (expected cut_off, silent, "
             "too_short, below_spec or several_files)");
}

BOOST_AUTO_TEST_CASE(explanation_round_trips_and_is_omitted_when_absent) {
  const std::string line = lines_of("golden/score.jsonl").at(0);
  ScoreRecord s = *parse_score_line(line, "score.jsonl").record;
  BOOST_TEST(!s.explanation.has_value());
  BOOST_TEST(!to_json(s).contains("explanation"));
  const std::string identity = s.identity();
  s.explanation = Explanation{"week1/mix.explain.md",
                              "Headroom: peak at \xE2\x88\x92"
                              "6.1 dBFS.\n"};
  const std::string written = to_json(s).dump();
  BOOST_TEST(written.ends_with(R"("explanation":{"file":"week1/mix.explain.md","text":"Headroom: )"
                               "peak at \xE2\x88\x92"
                               R"(6.1 dBFS.\n"}})"),
             written);
  const ScoreRecord back = *parse_score_line(written, "score.jsonl").record;
  BOOST_TEST_REQUIRE(back.explanation.has_value());
  BOOST_TEST(back.explanation->file == "week1/mix.explain.md");
  BOOST_TEST(back.explanation->text == s.explanation->text);
  BOOST_TEST(to_json(back).dump() == written);
  // Presentation only: the same submission with or without it.
  BOOST_TEST(back.identity() == identity);
  BOOST_TEST(error_of(R"({"file":"a.wav","score":1,"max_score":1,"percent":100,"passed":true,)"
                      R"("rubric":{"id":"r","version":1,"hash":"h"},"criteria":[],)"
                      R"("explanation":"text"})") ==
             "scores.jsonl:4: field 'explanation.' must be an object");
}

BOOST_AUTO_TEST_CASE(explanation_text_is_valid_utf8_and_capped) {
  // A Latin-1 byte becomes U+FFFD.
  BOOST_TEST(Explanation::from_bytes("a.txt", "caf\xE9").text == "caf\xEF\xBF\xBD");
  // 7999 ASCII bytes then a 2-byte character: it does not fit in 8000 and goes whole.
  const std::string text = std::string(7999, 'a') + "\xC3\xA9" + "tail";
  const Explanation e = Explanation::from_bytes("a.txt", text);
  BOOST_TEST(e.text == std::string(7999, 'a'));
  BOOST_TEST(Explanation::from_bytes("a.txt", std::string(9000, 'b')).text.size() ==
             Explanation::kMaxTextBytes);
}

BOOST_AUTO_TEST_CASE(explanation_candidates_stay_in_the_audio_folder) {
  std::vector<std::string> names;
  for (const auto& p : explanation_candidates("week1/mix.v2.wav")) names.push_back(p.string());
  const std::vector<std::string> expected = {"week1/mix.v2.explain.md", "week1/mix.v2.explain.txt",
                                             "week1/mix.v2.md",         "week1/mix.v2.txt",
                                             "week1/explain.md",        "week1/explain.txt"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(explanation_candidates("mix.wav").front().string() == "mix.explain.md");
}

// Moodle's online text (onlinetext.html) and other HTML hand-ins are read as their text.
BOOST_AUTO_TEST_CASE(html_explanations_are_read_as_text) {
  BOOST_TEST(html_to_text("<p>Peak at &minus;1 &amp; <b>-6.1</b>&nbsp;dBFS</p><p>ok&#33;</p>") ==
             "\nPeak at &minus;1 & -6.1 dBFS\n\nok!\n");  // block tags open and close lines
  BOOST_TEST(html_to_text("no tags") == "no tags");
  BOOST_TEST(html_to_text("a <unclosed") == "a ");
  BOOST_TEST(html_to_text("x &amp y") == "x &amp y");  // no ';': left as written
}
