#include "rubric/score.hpp"

#include <cmath>

#include "core/format.hpp"
#include "rubric/condition.hpp"
#include "rubric/metric_path.hpp"
#include "rubric/points.hpp"
#include "rubric/text_template.hpp"

namespace mixgrade {

namespace {

// What {target} shows: the instructor's target, else the middle of a two-sided range, else the
// one bound there is.
double target_of(const Criterion& c) {
  if (c.target) return *c.target;
  if (c.full_marks.min && c.full_marks.max) return (*c.full_marks.min + *c.full_marks.max) / 2;
  return c.full_marks.min ? *c.full_marks.min : c.full_marks.max.value_or(0.0);
}

// One criterion while it is graded: the record plus where the value fell.
struct Graded {
  CriterionRecord record;
  Placement placement;
};

// The distance outside the range as the page shows it: between the value and the bound both
// rounded to the criterion's decimals, so the three numbers in "-0.8 dBTP, 0.2 dB above -1.0"
// always agree.
double shown_delta(const Criterion& c, const Graded& g) {
  if (!g.record.value || g.placement.side == Side::inside) return 0.0;
  const auto bound = g.placement.side == Side::too_low ? c.full_marks.min : c.full_marks.max;
  return std::fabs(round_to(*g.record.value, c.decimals) -
                   round_to(bound.value_or(0.0), c.decimals));
}

// Outside the range, but the rounded value is the bound: "at the limit", not "0.0 dB above".
bool at_limit(const Criterion& c, const Graded& g) {
  return g.record.value && g.placement.side != Side::inside &&
         format_fixed(shown_delta(c, g), c.decimals) == format_fixed(0.0, c.decimals);
}

// `hint`: a hint says how far to move; at the limit that is one step of the last digit shown.
std::string render(const Criterion& c, std::string_view text, const Graded& g, bool hint = false) {
  return render_template(text, [&](std::string_view name) -> std::string {
    const auto num = [&](std::optional<double> v) {
      return v ? format_fixed(*v, c.decimals) : std::string("n/a");
    };
    if (name == "value") return num(g.record.value);
    if (name == "target") return num(target_of(c));
    if (name == "min") return num(c.full_marks.min);
    if (name == "max") return num(c.full_marks.max);
    if (name == "delta")
      return num(hint && at_limit(c, g) ? std::pow(10.0, -c.decimals) : shown_delta(c, g));
    if (name == "unit") return c.unit;
    return c.metric;
  });
}

std::string_view chosen_feedback(const Criterion& c, const Graded& g) {
  if (!g.record.value) {
    if (!c.feedback.absent.empty()) return c.feedback.absent;
    return c.absent == AbsentPolicy::zero
               ? "{metric} could not be measured for this file, so this criterion earns no "
                 "points."
               : "{metric} could not be measured for this file (mono, silent or too short), so "
                 "this criterion does not count.";
  }
  if (at_limit(c, g))
    return g.placement.side == Side::too_low
               ? "Measured {value} {unit}: at the limit of {min} {unit}, only just outside the "
                 "range for full marks."
               : "Measured {value} {unit}: at the limit of {max} {unit}, only just outside the "
                 "range for full marks.";
  switch (g.placement.side) {
    case Side::too_low:
      return c.feedback.too_low;
    case Side::too_high:
      return c.feedback.too_high;
    case Side::inside:
      break;
  }
  return c.feedback.pass;
}

// As the JSON writes it (score_record.cpp), so that a record read back equals this one.
std::optional<double> rounded(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return round_to(*value, decimals);
}

CriterionRecord grade(const Criterion& c, const nlohmann::ordered_json& analysis) {
  Graded g;
  CriterionRecord& r = g.record;
  r.id = c.id;
  r.title = c.title;
  r.metric = c.metric;
  r.unit = c.unit;
  r.concept_id = c.concept_id;
  r.decimals = c.decimals;
  r.pass_fraction = c.pass_fraction;
  r.visibility = c.visibility;
  r.cap_percent = c.cap_percent;
  r.value = resolve_metric(analysis, c.metric);
  if (!r.value) {
    r.max_points = c.absent == AbsentPolicy::zero ? c.points : 0.0;
    r.status = c.absent == AbsentPolicy::zero ? Status::fail : Status::not_applicable;
  } else {
    r.max_points = c.points;
    g.placement = place(c.full_marks, *r.value);
    r.points = award(c.full_marks, c.falloff, c.points, *r.value);
    r.status = g.placement.side == Side::inside ? Status::pass
               : r.points > 0.0                 ? Status::partial
                                                : Status::fail;
  }
  r.feedback = render(c, chosen_feedback(c, g), g);
  r.hints = {render(c, c.hints.direction, g, true), render(c, c.hints.rule, g, true),
             render(c, c.hints.apply, g, true)};
  // A cap bites whenever the criterion misses full marks (partial or fail).
  r.capped = c.cap_percent && r.missed();
  return r;
}

}  // namespace

ScoreRecord score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis) {
  ScoreRecord s;
  s.file = analysis.value("file", std::string());
  s.rubric = rubric.identity;
  s.rubric_title = rubric.title;
  s.pass_mark = rubric.pass_mark;
  double score = 0.0;
  std::vector<double> caps;
  for (const Criterion& c : rubric.criteria) {
    CriterionRecord r = grade(c, analysis);
    score += r.points;
    s.max_score += r.max_points;
    if (r.capped) caps.push_back(*c.cap_percent);
    r.value = rounded(r.value, 3);
    r.points = round_to(r.points, 2);
    r.max_points = round_to(r.max_points, 2);
    s.criteria.push_back(std::move(r));
  }
  score = apply_caps(score, s.max_score, caps);
  s.score = round_to(score, 2);
  s.percent = s.max_score > 0.0 ? round_to(100.0 * score / s.max_score, 1) : 0.0;
  s.max_score = round_to(s.max_score, 2);
  // Judged on the percent every page shows: "60.0 %" is never "below the pass mark of 60".
  s.passed = s.max_score > 0.0 && s.percent >= rubric.pass_mark - 1e-9;

  for (const auto& m : rubric.misconceptions) {
    if (evaluate_condition(m.compiled, analysis).value_or(false))
      s.misconceptions.push_back(
          {m.id, m.concept_id, render_template(m.message, [&](std::string_view path) {
             const auto v = resolve_metric(analysis, path);
             if (!v) return std::string("n/a");
             // Counts and DR are whole numbers: "clips 4391 times", not "4391.0 times".
             return format_fixed(*v, *v == std::round(*v) ? 0 : m.decimals);
           })});
  }
  return s;
}

}  // namespace mixgrade
