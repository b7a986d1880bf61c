// What the instructor adds to the measurements: manual criteria and their marks CSV, overrides,
// the late policy. Every number is worked out by hand from rubrics/first-mix.toml (four measured
// criteria worth 100, a manual "mix_balance" worth 20).
#define BOOST_TEST_MODULE marks
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "learner/bkt.hpp"
#include "learner/history.hpp"
#include "learner/tracker.hpp"
#include "rubric/late.hpp"
#include "rubric/marks.hpp"
#include "rubric/score.hpp"
#include "shipped.hpp"
#include "signals.hpp"

using namespace mixgrade;
namespace tt = boost::test_tools;

namespace {

const Rubric& first_mix() {
  static const Rubric r = test::shipped_rubric("first-mix.toml");
  return r;
}

// A clean mix: every measured criterion of first-mix at full marks.
nlohmann::ordered_json clean_mix() {
  nlohmann::ordered_json j;
  j["file"] = "mix.wav";
  j["dynamics"]["clip_events"] = 0;
  j["dynamics"]["plr_db"] = 12.0;
  j["loudness"]["sample_peak_dbfs"] = -3.0;
  j["loudness"]["integrated_lufs"] = -15.0;
  return j;
}

std::string marks_error(const std::string& csv) {
  InstructorInputs in;
  try {
    parse_marks(csv, "marks.csv", first_mix(), in);
    in.check_students({"ana", "ben"});
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string overrides_error(const std::string& csv) {
  InstructorInputs in;
  try {
    parse_overrides(csv, "overrides.csv", first_mix(), in);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

double adds_up(const ScoreRecord& s) {
  double sum = 0;
  for (const auto& c : s.criteria) sum += c.points;
  for (const auto& a : s.adjustments) sum += a.points;
  return sum;
}

const CriterionRecord& balance(const ScoreRecord& s) {
  return s.criteria.back();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(marks_csv)

BOOST_AUTO_TEST_CASE(rows_become_marks_with_comments) {
  InstructorInputs in;
  parse_marks(
      "student,criterion,points,comment\nana,mix_balance,15,\"Vocal a bit low, nice drums\"\n"
      "\nben,mix_balance, 20 \n",
      "marks.csv", first_mix(), in);
  const GradeInputs ana = in.for_student("ana");
  BOOST_TEST(ana.marks.at("mix_balance").points == 15.0);
  BOOST_TEST(ana.marks.at("mix_balance").comment == "Vocal a bit low, nice drums");
  BOOST_TEST(in.for_student("ben").marks.at("mix_balance").points == 20.0);
  BOOST_TEST(in.for_student("cy").marks.empty());
}

// Each bad file (after the header unless it replaces it) and the one-line error it must give.
struct BadRows {
  std::string rows;
  std::string message;
};

void check_errors(bool marks, const std::vector<BadRows>& cases) {
  const std::string header =
      marks ? "student,criterion,points,comment\n" : "student,criterion,points,reason\n";
  for (const auto& c : cases) {
    const std::string text = c.rows.starts_with("!") ? c.rows.substr(1) : header + c.rows;
    BOOST_TEST((marks ? marks_error(text) : overrides_error(text)) == c.message, c.rows);
  }
}

BOOST_AUTO_TEST_CASE(every_bad_row_names_its_file_and_line) {
  check_errors(
      true,
      {{"ana,balance,5\n",
        "marks.csv:2: unknown criterion \"balance\"; manual criteria: mix_balance"},
       {"ana,loudness,5\n",
        "marks.csv:2: criterion \"loudness\" is measured, not manual (change its points with "
        "--overrides)"},
       {"ana,mix_balance,25\n",
        "marks.csv:2: points 25 for \"mix_balance\" must be between 0 and 20"},
       {"ana,mix_balance,-1\n",
        "marks.csv:2: points -1 for \"mix_balance\" must be between 0 and 20"},
       // The blank line still counts: the line number is the one an editor shows.
       {"\nana,mix_balance,ten\n", "marks.csv:3: points \"ten\" is not a number"},
       {"ana,mix_balance,nan\n", "marks.csv:2: points \"nan\" is not a number"},
       {"ana,mix_balance,5\nana,mix_balance,6\n",
        "marks.csv:3: a second mark for ana on \"mix_balance\""},
       {"ana,mix_balance,5\nzed,mix_balance,6\n",
        "marks.csv:3: unknown student \"zed\" (use the student key: the folder name under --out)"},
       {"!name,points\n",
        "marks.csv:1: the header must be student,criterion,points,comment (columns in this "
        "order)"},
       {"!", "marks.csv:1: empty file; the header is student,criterion,points,comment"},
       {"ana,mix_balance,5,ok,extra\n", "marks.csv:2: 5 fields, the header has 4"}});
}

BOOST_AUTO_TEST_CASE(override_rows_need_a_reason_and_a_known_criterion) {
  check_errors(false,
               {{"ana,,80,\n", "overrides.csv:2: an override needs a reason"},
                {"ana,lufs,10,typo\n",
                 "overrides.csv:2: unknown criterion \"lufs\" (leave it empty to set the total); "
                 "criteria: no_clipping, peak_level, loudness, dynamics_kept, mix_balance"},
                {"ana,,121,too much\n",
                 "overrides.csv:2: points 121 for the total must be between 0 and 120"},
                {"ana,,80,a\nana,,90,b\n", "overrides.csv:3: a second total override for ana"}});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(manual_criteria)

BOOST_AUTO_TEST_CASE(a_mark_counts_in_the_score_and_keeps_its_comment) {
  GradeInputs in;
  in.marks["mix_balance"] = {15.0, "Vocal a bit low"};
  const ScoreRecord s = score_analysis(first_mix(), clean_mix(), in);
  BOOST_TEST(balance(s).manual);
  BOOST_TEST((balance(s).status == Status::partial));
  BOOST_TEST(balance(s).points == 15.0);
  BOOST_TEST(balance(s).max_points == 20.0);
  BOOST_TEST(balance(s).comment == "Vocal a bit low");
  BOOST_TEST(balance(s).concept_id == "mix_balance");
  BOOST_TEST(s.score == 115.0);
  BOOST_TEST(s.max_score == 120.0);
  BOOST_TEST(s.percent == 95.8);  // 115/120
  BOOST_TEST(s.adjustments.empty());
}

BOOST_AUTO_TEST_CASE(not_marked_yet_does_not_count_and_the_rest_is_scaled) {
  const ScoreRecord s = score_analysis(first_mix(), clean_mix());
  BOOST_TEST((balance(s).status == Status::not_applicable));
  BOOST_TEST(balance(s).feedback == "Not marked yet");
  BOOST_TEST(balance(s).max_points == 0.0);
  // 100 of 100 measured points, scaled to the rubric's 120.
  BOOST_TEST(s.score == 120.0);
  BOOST_TEST(s.max_score == 120.0);
  BOOST_TEST_REQUIRE(s.adjustments.size() == 1u);
  BOOST_TEST(s.adjustments[0].reason ==
             "Did not apply: Mix balance. 100 of 100 applicable points scaled to 120 of 120.");
}

BOOST_AUTO_TEST_CASE(a_marked_mix_balance_moves_its_mastery) {
  using namespace learner;
  const ConceptGraph graph = load_concept_graph(test::kShippedRubrics / "concepts.toml");
  const Catalogue catalogue = load_catalogue(test::kShippedRubrics / "assignments", graph, {});
  test::TempDir dir;
  History h = History::open((dir / "h.db").string(), fixed_clock(1764000000));
  const double prior = graph.at("mix_balance").bkt.prior;
  // Not marked: no evidence for mix balance.
  ScoreRecord unmarked = score_analysis(first_mix(), clean_mix());
  unmarked.content_hash = "sha256:1";
  const Outcome first = record_submission(h, unmarked, "ana", graph, catalogue);
  BOOST_TEST(first.state.find("mix_balance")->p_known == prior, tt::tolerance(1e-12));
  // Marked 20/20: one correct opportunity, mastery moves as BKT says.
  GradeInputs in;
  in.marks["mix_balance"] = {20.0, ""};
  ScoreRecord marked = score_analysis(first_mix(), clean_mix(), in);
  marked.content_hash = "sha256:2";
  BOOST_TEST(balance(marked).correct());
  const Outcome second = record_submission(h, marked, "ana", graph, catalogue);
  const auto* mb = second.state.find("mix_balance");
  BOOST_TEST(mb->opportunities == 1);
  BOOST_TEST(mb->p_known == bkt_update(prior, true, graph.at("mix_balance").bkt),
             tt::tolerance(1e-12));
  BOOST_TEST(mb->p_known > prior);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(overrides)

BOOST_AUTO_TEST_CASE(a_criterion_override_changes_its_points_and_says_why) {
  GradeInputs in;
  in.marks["mix_balance"] = {20.0, ""};
  in.criterion_overrides["loudness"] = {10.0, "Quiet on purpose: a film cue"};
  const ScoreRecord s = score_analysis(first_mix(), clean_mix(), in);
  BOOST_TEST(s.criteria[2].points == 10.0);
  BOOST_TEST((s.criteria[2].status == Status::partial));
  BOOST_TEST(s.criteria[2].override_reason == "Quiet on purpose: a film cue");
  BOOST_TEST(s.score == 105.0);  // 120 - 15
}

BOOST_AUTO_TEST_CASE(a_total_override_is_the_last_adjustment) {
  GradeInputs in;
  in.total_override = PointsOverride{90.0, "Agreed after the review meeting"};
  in.days_late = 1;
  Rubric r = first_mix();
  r.late.per_day = 10;
  const ScoreRecord s = score_analysis(r, clean_mix(), in);
  BOOST_TEST(s.score == 90.0);
  BOOST_TEST_REQUIRE(s.adjustments.size() == 3u);  // scaled, late, override
  BOOST_TEST((s.adjustments[2].kind == AdjustmentKind::override_total));
  BOOST_TEST(s.adjustments[2].reason ==
             "Total set to 90 by the instructor: Agreed after the "
             "review meeting");
  BOOST_TEST(adds_up(s) == s.score, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(late_policy)

BOOST_AUTO_TEST_CASE(due_dates_in_iso_8601) {
  const std::int64_t day = 20777LL * 86400;                 // 2026-11-20T00:00:00Z
  BOOST_TEST(*parse_iso8601("2026-11-20") == day + 86399);  // the end of the day
  BOOST_TEST(*parse_iso8601("2026-11-20T17:00") == day + 17 * 3600);
  BOOST_TEST(*parse_iso8601("2026-11-20T17:00:30Z") == day + 17 * 3600 + 30);
  BOOST_TEST(*parse_iso8601("2026-11-20 17:00-05:00") == day + 22 * 3600);
  BOOST_TEST(!parse_iso8601("2026-02-30"));
  BOOST_TEST(!parse_iso8601("20/11/2026"));
  BOOST_TEST(!parse_iso8601("2026-11-20T25:00"));
  BOOST_TEST(!parse_iso8601("2026-11-20T17:00Zjunk"));
}

BOOST_AUTO_TEST_CASE(days_late_count_part_days_and_the_lms_flag) {
  LatePolicy p;
  p.due = 1000000;
  BOOST_TEST(days_late(p, 1000000, false) == 0);          // on the dot
  BOOST_TEST(days_late(p, 1000001, false) == 1);          // a second late is a day
  BOOST_TEST(days_late(p, 1000000 + 86400, false) == 1);  // exactly one day
  BOOST_TEST(days_late(p, 1000000 + 86401, false) == 2);
  BOOST_TEST(days_late(p, 999000, true) == 1);  // flagged late by Canvas, file time earlier
  BOOST_TEST(days_late(LatePolicy{}, 5000000, false) == 0);  // no due date
  BOOST_TEST(days_late(LatePolicy{}, std::nullopt, true) == 1);
}

BOOST_AUTO_TEST_CASE(the_penalty_is_an_adjustment_up_to_its_cap) {
  Rubric r = first_mix();
  r.late.per_day = 5;
  r.late.cap = 12;
  GradeInputs in;
  in.marks["mix_balance"] = {20.0, ""};
  in.days_late = 2;
  const ScoreRecord two = score_analysis(r, clean_mix(), in);
  BOOST_TEST_REQUIRE(two.adjustments.size() == 1u);
  BOOST_TEST((two.adjustments[0].kind == AdjustmentKind::late));
  BOOST_TEST(two.adjustments[0].points == -12.0);  // 10 % of 120
  BOOST_TEST(two.adjustments[0].reason == "2 days late: -10 % (cap 12 %)");
  BOOST_TEST(two.score == 108.0);
  in.days_late = 4;  // 20 %, capped at 12 %: 14.4 points
  const ScoreRecord four = score_analysis(r, clean_mix(), in);
  BOOST_TEST(four.adjustments[0].points == -14.4);
  BOOST_TEST(four.adjustments[0].reason == "4 days late: -12 % (cap 12 %)");
  BOOST_TEST(adds_up(four) == four.score, tt::tolerance(1e-9));
  // In points, and never below zero.
  r.late = {std::nullopt, 200.0, std::nullopt, LateUnit::points};
  in.days_late = 1;
  const ScoreRecord zero = score_analysis(r, clean_mix(), in);
  BOOST_TEST(zero.score == 0.0);
  BOOST_TEST(zero.adjustments[0].reason == "1 day late: -200 points");
  BOOST_TEST(zero.adjustments[0].points == -120.0);
}

BOOST_AUTO_TEST_SUITE_END()
