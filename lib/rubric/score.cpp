#include "rubric/score.hpp"

#include "core/json.hpp"

#include <algorithm>
#include <cmath>

#include "core/format.hpp"
#include "rubric/condition.hpp"
#include "rubric/event_times.hpp"
#include "rubric/late.hpp"
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

Status status_of(double points, double max_points) {
  return points >= max_points ? Status::pass : points > 0.0 ? Status::partial : Status::fail;
}

// A manual criterion: the instructor's mark, or not applicable until there is one.
void grade_manual(const Criterion& c, const ManualMark* mark, Graded& g) {
  CriterionRecord& r = g.record;
  if (mark == nullptr) {
    r.status = Status::not_applicable;
    r.feedback = "Not marked yet";
    return;
  }
  r.max_points = c.points;
  r.points = mark->points;
  r.comment = mark->comment;
  r.status = status_of(r.points, r.max_points);
  r.feedback = r.status == Status::pass && !c.feedback.pass.empty()
                   ? render(c, c.feedback.pass, g)
                   : "Marked by the instructor: " + format_number(r.points) + "/" +
                         format_number(r.max_points) + " points.";
}

CriterionRecord grade(const Criterion& c, const nlohmann::ordered_json& analysis,
                      const GradeInputs& inputs) {
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
  r.manual = c.manual;
  if (c.manual) {
    const auto mark = inputs.marks.find(c.id);
    grade_manual(c, mark == inputs.marks.end() ? nullptr : &mark->second, g);
  } else if (r.value = resolve_metric(analysis, c.metric); !r.value) {
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
  if (!c.manual) r.feedback = render(c, chosen_feedback(c, g), g);
  // Where in the song, when the analysis placed the events behind a missed metric in time.
  if (!c.manual && r.missed())
    if (const std::string when = event_times_sentence(analysis, c.metric); !when.empty())
      r.feedback += (r.feedback.empty() ? "" : " ") + when;
  if (const auto o = inputs.criterion_overrides.find(c.id); o != inputs.criterion_overrides.end()) {
    // The instructor's word: the criterion counts, with these points, whatever was measured.
    r.max_points = c.points;
    r.points = o->second.points;
    r.status = status_of(r.points, r.max_points);
    r.override_reason = o->second.reason;
  }
  const std::string& side_direction = g.placement.side == Side::too_low    ? c.direction_too_low
                                      : g.placement.side == Side::too_high ? c.direction_too_high
                                                                           : c.hints.direction;
  const std::string& direction = side_direction.empty() ? c.hints.direction : side_direction;
  r.hints = {render(c, direction, g, true), render(c, c.hints.rule, g, true),
             render(c, c.hints.apply, g, true)};
  // A cap bites whenever the criterion misses full marks (partial or fail).
  r.capped = c.cap_percent && r.missed();
  return r;
}

// The not-applicable criteria as pages name them.
std::string not_applicable_names(const ScoreRecord& s) {
  std::string out;
  for (const auto& c : s.criteria)
    if (!c.applicable()) out += (out.empty() ? "" : ", ") + (c.title.empty() ? c.id : c.title);
  return out;
}

// Appends a nonzero adjustment (rounded as the JSON writes it) and returns the new total.
double adjust(ScoreRecord& s, double total, Adjustment a) {
  a.points = round_to(a.points, 2);
  if (a.points == 0.0) return total;
  total = round_to(total + a.points, 2);
  s.adjustments.push_back(std::move(a));
  return total;
}

}  // namespace

ScoreRecord score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis,
                           const GradeInputs& inputs) {
  ScoreRecord s;
  s.file = text_or(analysis, "file", "");
  s.rubric = rubric.identity;
  s.rubric_title = rubric.title;
  s.pass_mark = rubric.pass_mark;
  double raw = 0.0;
  double applicable = 0.0;
  double total = 0.0;
  for (const Criterion& c : rubric.criteria) {
    CriterionRecord r = grade(c, analysis, inputs);
    r.value = rounded(r.value, 3);
    r.points = round_to(r.points, 2);
    r.max_points = round_to(r.max_points, 2);
    raw += r.points;
    applicable += r.max_points;
    total += c.points;
    s.criteria.push_back(std::move(r));
  }
  double score = round_to(raw, 2);
  const bool scale = rubric.not_applicable == NotApplicablePolicy::scale;
  s.max_score = round_to(scale ? total : applicable, 2);
  if (scale && applicable > 0.0 && applicable < total) {
    const double scaled = round_to(raw * total / applicable, 2);
    score = adjust(s, score,
                   {AdjustmentKind::scaled, scaled - score, "",
                    "Did not apply: " + not_applicable_names(s) + ". " + format_number(score) +
                        " of " + format_number(applicable) + " applicable points scaled to " +
                        format_number(scaled) + " of " + format_number(total) + "."});
  }
  for (const auto& c : s.criteria) {
    if (!c.capped) continue;
    const double limit = round_to(s.max_score * *c.cap_percent / 100.0, 2);
    if (score > limit)
      score = adjust(s, score,
                     {AdjustmentKind::cap, limit - score, c.id,
                      "Capped at " + format_number(*c.cap_percent) + " % of the total (" +
                          format_number(limit) + " points): " + (c.title.empty() ? c.id : c.title) +
                          " missed full marks."});
  }
  if (const LatePenalty late = late_penalty(rubric.late, inputs.days_late, s.max_score);
      late.points < 0.0)
    score =
        adjust(s, score, {AdjustmentKind::late, std::max(late.points, -score), "", late.reason});
  if (inputs.total_override)
    score = adjust(s, score,
                   {AdjustmentKind::override_total, inputs.total_override->points - score, "",
                    "Total set to " + format_number(inputs.total_override->points) +
                        " by the instructor: " + inputs.total_override->reason});
  s.score = score;
  s.percent = s.max_score > 0.0 ? round_to(100.0 * score / s.max_score, 1) : 0.0;
  // Judged on the percent every page shows: "60.0 %" is never "below the pass mark of 60".
  // Nothing applicable is never a pass, whatever the policy.
  s.passed = applicable > 0.0 && s.max_score > 0.0 && s.percent >= rubric.pass_mark - 1e-9;

  for (const auto& m : rubric.misconceptions) {
    if (evaluate_condition(m.compiled, analysis).value_or(false)) {
      std::string message = render_template(m.message, [&](std::string_view path) {
        const auto v = resolve_metric(analysis, path);
        if (!v) return std::string("n/a");
        // Counts and DR are whole numbers: "clips 4391 times", not "4391.0 times".
        return format_fixed(*v, *v == std::round(*v) ? 0 : m.decimals);
      });
      // When, for the first metric of the condition the analysis placed in time.
      for (const auto& metric : m.compiled.metrics)
        if (const std::string when = event_times_sentence(analysis, metric); !when.empty()) {
          message += " " + when;
          break;
        }
      s.misconceptions.push_back({m.id, m.concept_id, std::move(message)});
    }
  }
  return s;
}

}  // namespace mixgrade
