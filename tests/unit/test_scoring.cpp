// The scoring maths (points.hpp) and the grading of one analysis (score.hpp): every number here
// is worked out by hand from the rubric's range and falloff.
#define BOOST_TEST_MODULE scoring
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>

#include "rubric/metric_path.hpp"
#include "rubric/points.hpp"
#include "rubric/score.hpp"
#include "rubric/text_template.hpp"

using namespace mixgrade;
namespace tt = boost::test_tools;

namespace {

const FullMarks kTwoSided{-15.0, -13.0};
const FullMarks kAtMost{std::nullopt, -1.0};
const FullMarks kAtLeast{9.0, std::nullopt};

Criterion criterion(std::string id, std::string metric, FullMarks range, double falloff,
                    double points) {
  Criterion c;
  c.id = std::move(id);
  c.metric = std::move(metric);
  c.full_marks = range;
  c.falloff.distance = falloff;
  c.points = points;
  c.feedback = {"ok {value}", "low by {delta}", "high by {delta}", ""};
  c.hints = {"dir", "rule {min}", "apply {target}"};
  return c;
}

nlohmann::ordered_json analysis(double lufs, double tp, std::optional<double> lra) {
  nlohmann::ordered_json j;
  j["file"] = "x.wav";
  j["loudness"]["integrated_lufs"] = lufs;
  j["loudness"]["true_peak_dbtp"] = tp;
  j["loudness"]["range_lu"] = lra ? nlohmann::ordered_json(*lra) : nlohmann::ordered_json();
  return j;
}

// 40 points for loudness, 60 for a loudness range that a short file does not have.
Rubric loudness_and_range() {
  Rubric r;
  r.pass_mark = 60;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 40),
                criterion("lra", "loudness.range_lu", {4.0, 12.0}, 4, 60)};
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(maths)

BOOST_AUTO_TEST_CASE(inside_and_edges_earn_full_points) {
  const Falloff linear{4.0, Curve::linear};
  BOOST_TEST(award(kTwoSided, linear, 40, -14.0) == 40.0);
  BOOST_TEST(award(kTwoSided, linear, 40, -15.0) == 40.0);  // edges are inside
  BOOST_TEST(award(kTwoSided, linear, 40, -13.0) == 40.0);
  BOOST_TEST((place(kTwoSided, -13.0).side == Side::inside));
  BOOST_TEST(place(kTwoSided, -13.0).delta == 0.0);
}

BOOST_AUTO_TEST_CASE(linear_falloff_on_both_sides) {
  const Falloff linear{4.0, Curve::linear};
  // 1 LU out of 4: three quarters of the points; 3 LU out: one quarter.
  BOOST_TEST(award(kTwoSided, linear, 40, -12.0) == 30.0, tt::tolerance(1e-12));
  BOOST_TEST(award(kTwoSided, linear, 40, -18.0) == 10.0, tt::tolerance(1e-12));
  BOOST_TEST(award(kTwoSided, linear, 40, -9.0) == 0.0);   // exactly at the falloff distance
  BOOST_TEST(award(kTwoSided, linear, 40, -30.0) == 0.0);  // far beyond
  const Placement low = place(kTwoSided, -18.0);
  BOOST_TEST((low.side == Side::too_low));
  BOOST_TEST(low.delta == 3.0, tt::tolerance(1e-12));
  const Placement high = place(kTwoSided, -12.0);
  BOOST_TEST((high.side == Side::too_high));
  BOOST_TEST(high.delta == 1.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(cosine_falloff_is_gentle_near_the_edge) {
  const Falloff cosine{2.0, Curve::cosine};
  // x = 0.5: half the points, like linear; x = 0.25: 0.5 (1 + cos(pi/4)) = 0.8536.
  BOOST_TEST(award(kAtMost, cosine, 30, 0.0) == 15.0, tt::tolerance(1e-12));
  BOOST_TEST(award(kAtMost, cosine, 30, -0.5) == 30 * 0.5 * (1 + std::cos(std::numbers::pi / 4)),
             tt::tolerance(1e-12));
  BOOST_TEST(award(kAtMost, cosine, 30, -0.5) > award(kAtMost, {2.0, Curve::linear}, 30, -0.5));
  BOOST_TEST(award(kAtMost, cosine, 30, 1.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(one_sided_ranges_have_no_other_edge) {
  const Falloff linear{4.0, Curve::linear};
  BOOST_TEST(award(kAtMost, linear, 30, -60.0) == 30.0);  // as low as you like
  BOOST_TEST(award(kAtLeast, linear, 20, 40.0) == 20.0);  // as high as you like
  BOOST_TEST(award(kAtLeast, linear, 20, 7.0) == 10.0, tt::tolerance(1e-12));
  BOOST_TEST(award(kAtMost, linear, 30, 0.0) == 22.5, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(zero_falloff_is_all_or_nothing) {
  BOOST_TEST(award(kAtMost, {}, 10, -1.0) == 10.0);
  BOOST_TEST(award(kAtMost, {}, 10, -0.999) == 0.0);
}

BOOST_AUTO_TEST_CASE(caps_limit_the_total_to_the_lowest_cap) {
  const double caps[] = {60.0, 50.0};
  BOOST_TEST(apply_caps(90.0, 100.0, caps) == 50.0);
  BOOST_TEST(apply_caps(40.0, 100.0, caps) == 40.0);  // already below: unchanged
  BOOST_TEST(apply_caps(72.0, 80.0, std::span<const double>{}) == 72.0);
  BOOST_TEST(apply_caps(72.0, 80.0, std::span(caps, 1)) == 48.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(grading)

// The total, its maximum, the percent the pages show (0 when nothing applies) and the verdict.
void check_total(const ScoreRecord& s, double score, double max_score, bool passed) {
  BOOST_TEST(s.score == score, tt::tolerance(1e-12));
  BOOST_TEST(s.max_score == max_score);
  BOOST_TEST(s.percent == (max_score > 0 ? 100.0 * score / max_score : 0.0), tt::tolerance(1e-9));
  BOOST_TEST(s.passed == passed);
}

BOOST_AUTO_TEST_CASE(statuses_points_and_feedback) {
  Rubric r;
  r.pass_mark = 60;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 40),
                criterion("tp", "loudness.true_peak_dbtp", kAtMost, 2, 30),
                criterion("lra", "loudness.range_lu", {4.0, 12.0}, 0, 30)};
  const ScoreRecord s = score_analysis(r, analysis(-12.0, 2.0, 20.0));
  BOOST_TEST(s.file == "x.wav");
  BOOST_TEST((s.criteria[0].status == Status::partial));
  BOOST_TEST(s.criteria[0].points == 30.0, tt::tolerance(1e-12));
  BOOST_TEST(s.criteria[0].feedback == "high by 1.0");
  BOOST_TEST(s.criteria[0].hint() == "dir");  // missed: the first level by default
  BOOST_TEST(s.criteria[0].hints.rule == "rule -15.0");
  BOOST_TEST(s.criteria[0].hints.apply == "apply -14.0");  // the middle of a two-sided range
  BOOST_TEST((s.criteria[1].status == Status::fail));
  BOOST_TEST((s.criteria[2].status == Status::fail));
  check_total(s, 30.0, 100.0, false);
}

// A two-sided range may give each side its own first hint: "push up" and "pull down" are
// different advice. The rule and apply levels, and a side with no text, fall back to the shared
// one.
BOOST_AUTO_TEST_CASE(each_side_of_a_range_may_have_its_own_first_hint) {
  Rubric r;
  r.pass_mark = 60;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 40)};
  r.criteria[0].direction_too_low = "up by {delta}";
  BOOST_TEST(score_analysis(r, analysis(-17.0, 0, 5.0)).criteria[0].hints.direction == "up by 2.0");
  BOOST_TEST(score_analysis(r, analysis(-12.0, 0, 5.0)).criteria[0].hints.direction == "dir");
  r.criteria[0].direction_too_high = "down by {delta}";
  const ScoreRecord high = score_analysis(r, analysis(-12.0, 0, 5.0));
  BOOST_TEST(high.criteria[0].hints.direction == "down by 1.0");
  BOOST_TEST(high.criteria[0].hints.rule == "rule -15.0");
  BOOST_TEST(score_analysis(r, analysis(-14.0, 0, 5.0)).criteria[0].hints.direction == "dir");
}

BOOST_AUTO_TEST_CASE(pass_mark_is_inclusive) {
  Rubric r;
  r.pass_mark = 75;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 40)};
  BOOST_TEST(score_analysis(r, analysis(-12.0, 0, 5.0)).passed);   // exactly 75 %
  BOOST_TEST(!score_analysis(r, analysis(-11.9, 0, 5.0)).passed);  // 72.5 %
}

// score == criteria points + adjustment points, the invariant every page relies on.
double criteria_plus_adjustments(const ScoreRecord& s) {
  double sum = 0;
  for (const auto& c : s.criteria) sum += c.points;
  for (const auto& a : s.adjustments) sum += a.points;
  return sum;
}

BOOST_AUTO_TEST_CASE(absent_metric_is_scaled_to_the_rubric_total) {
  Rubric r = loudness_and_range();
  // 1 LU too loud: 30 of the 40 applicable points, scaled to 75 of the rubric's 100.
  const ScoreRecord s = score_analysis(r, analysis(-12.0, 0, std::nullopt));
  BOOST_TEST((s.criteria[1].status == Status::not_applicable));
  BOOST_TEST(s.criteria[1].max_points == 0.0);
  BOOST_TEST(s.criteria[1].feedback.find("loudness.range_lu could not be measured") == 0u);
  check_total(s, 75.0, 100.0, true);
  BOOST_TEST_REQUIRE(s.adjustments.size() == 1u);
  BOOST_TEST((s.adjustments[0].kind == AdjustmentKind::scaled));
  BOOST_TEST(s.adjustments[0].points == 45.0);
  BOOST_TEST(s.adjustments[0].reason ==
             "Did not apply: lra. 30 of 40 applicable points scaled to 75 of 100.");
  BOOST_TEST(criteria_plus_adjustments(s) == s.score, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(rubric_drop_leaves_not_applicable_points_out_of_the_maximum) {
  Rubric r = loudness_and_range();
  r.not_applicable = NotApplicablePolicy::drop;
  const ScoreRecord s = score_analysis(r, analysis(-14.0, 0, std::nullopt));
  check_total(s, 40.0, 40.0, true);
  BOOST_TEST(s.adjustments.empty());
}

BOOST_AUTO_TEST_CASE(scaling_rounds_once_and_still_adds_up) {
  Rubric r = loudness_and_range();
  r.criteria[0].points = 30;
  r.criteria[1].points = 40;
  // 1 LU over with a falloff of 4: 22.5 of 30, scaled by 70/30 to 52.5 of 70.
  const ScoreRecord s = score_analysis(r, analysis(-12.0, 0, std::nullopt));
  check_total(s, 52.5, 70.0, true);
  // 2.6 LU over: 35 % of 30 = 10.5, scaled by 7/3 to 24.5; a repeating ratio rounds once.
  r.criteria[0].points = 9;  // 3.15 of 9 -> 3.15 * 49/9 = 17.15
  const ScoreRecord t = score_analysis(r, analysis(-10.4, 0, std::nullopt));
  BOOST_TEST(t.criteria[0].points == 3.15, tt::tolerance(1e-9));
  BOOST_TEST(t.score == 17.15, tt::tolerance(1e-9));
  BOOST_TEST(criteria_plus_adjustments(t) == t.score, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(absent_metric_zero_counts_as_failed) {
  Rubric r = loudness_and_range();
  r.criteria[1].absent = AbsentPolicy::zero;
  r.criteria[1].feedback.absent = "no {metric} ({value})";
  const ScoreRecord s = score_analysis(r, analysis(-14.0, 0, std::nullopt));
  BOOST_TEST((s.criteria[1].status == Status::fail));
  BOOST_TEST(s.criteria[1].feedback == "no loudness.range_lu (n/a)");
  check_total(s, 40.0, 100.0, false);
}

BOOST_AUTO_TEST_CASE(a_missed_capped_criterion_caps_the_total) {
  Rubric r;
  r.pass_mark = 60;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 90),
                criterion("tp", "loudness.true_peak_dbtp", kAtMost, 10, 10)};
  r.criteria[1].cap_percent = 50.0;
  const ScoreRecord partial =
      score_analysis(r, analysis(-14.0, 0.0, 5.0));  // tp 1 dB over: 9 points
  BOOST_TEST(partial.criteria[1].capped);
  BOOST_TEST(partial.score == 50.0, tt::tolerance(1e-12));  // 99 capped to 50 % of 100
  BOOST_TEST(!partial.passed);
  // The cap is its own line: -49 from "tp", so the criteria and adjustments add up.
  BOOST_TEST_REQUIRE(partial.adjustments.size() == 1u);
  BOOST_TEST((partial.adjustments[0].kind == AdjustmentKind::cap));
  BOOST_TEST(partial.adjustments[0].criterion == "tp");
  BOOST_TEST(partial.adjustments[0].points == -49.0);
  BOOST_TEST(criteria_plus_adjustments(partial) == partial.score, tt::tolerance(1e-9));
  const ScoreRecord clean = score_analysis(r, analysis(-14.0, -1.0, 5.0));
  BOOST_TEST(!clean.criteria[1].capped);
  BOOST_TEST(clean.score == 100.0);
  BOOST_TEST(clean.adjustments.empty());
}

BOOST_AUTO_TEST_CASE(a_cap_above_the_score_adds_no_line) {
  Rubric r;
  r.criteria = {criterion("lufs", "loudness.integrated_lufs", kTwoSided, 4, 90),
                criterion("tp", "loudness.true_peak_dbtp", kAtMost, 10, 10)};
  r.criteria[1].cap_percent = 50.0;
  // lufs 3 LU out: 22.5; tp 1 dB over: 9. 31.5 is under the cap of 50.
  const ScoreRecord s = score_analysis(r, analysis(-18.0, 0.0, 5.0));
  BOOST_TEST(s.criteria[1].capped);
  BOOST_TEST(s.score == 31.5);
  BOOST_TEST(s.adjustments.empty());
}

BOOST_AUTO_TEST_CASE(nothing_applicable_is_not_a_pass) {
  Rubric r;
  r.pass_mark = 0;
  r.criteria = {criterion("lra", "loudness.range_lu", {4.0, 12.0}, 4, 60)};
  const ScoreRecord s = score_analysis(r, analysis(-14.0, 0, std::nullopt));
  check_total(s, 0.0, 60.0, false);  // 0 of the rubric's 60: nothing to scale, never a pass
  BOOST_TEST(s.adjustments.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(paths_and_templates)

BOOST_AUTO_TEST_CASE(paths_select_array_elements_by_name) {
  const auto j = nlohmann::ordered_json::parse(R"({
    "loudness": {"integrated_lufs": -14.2, "range_lu": null, "channel_mode": "stereo"},
    "spectrum": {"bands": [{"name": "sub", "level_db": -20}, {"name": "bass", "level_db": -6.5}]},
    "stereo": null})");
  BOOST_TEST(*resolve_metric(j, "loudness.integrated_lufs") == -14.2);
  BOOST_TEST(*resolve_metric(j, "spectrum.bands.bass.level_db") == -6.5);
  BOOST_TEST(!resolve_metric(j, "spectrum.bands.high.level_db"));  // no such element
  BOOST_TEST(!resolve_metric(j, "loudness.range_lu"));             // null: not measurable
  BOOST_TEST(!resolve_metric(j, "loudness.channel_mode"));         // not a number
  BOOST_TEST(!resolve_metric(j, "stereo.correlation"));            // mono: null block
  BOOST_TEST(!resolve_metric(j, "dynamics.dr"));                   // block missing
}

BOOST_AUTO_TEST_CASE(templates_replace_only_placeholders) {
  const auto out = render_template("{a} and {b}, {a}!", [](std::string_view name) {
    return name == "a" ? std::string("x") : std::string("yy");
  });
  BOOST_TEST(out == "x and yy, x!");
  BOOST_TEST(render_template("no braces {", [](std::string_view) { return std::string(); }) ==
             "no braces {");
}

BOOST_AUTO_TEST_SUITE_END()
