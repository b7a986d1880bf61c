#include "rubric/score.hpp"

#include <fmt/format.h>

#include <cmath>

#include "rubric/condition.hpp"
#include "rubric/metric_path.hpp"
#include "rubric/text_template.hpp"

namespace mixgrade {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass:
      return "pass";
    case Status::partial:
      return "partial";
    case Status::fail:
      return "fail";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "?";
}

std::string format_fixed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

const std::string& CriterionResult::hint(int level) const {
  return level <= 1 ? hints.direction : level == 2 ? hints.rule : hints.apply;
}

namespace {

// What {target} shows: the instructor's target, else the middle of a two-sided range, else the
// one bound there is.
double target_of(const Criterion& c) {
  if (c.target) return *c.target;
  if (c.full_marks.min && c.full_marks.max) return (*c.full_marks.min + *c.full_marks.max) / 2;
  return c.full_marks.min ? *c.full_marks.min : c.full_marks.max.value_or(0.0);
}

std::string render(const Criterion& c, std::string_view text, const CriterionResult& r) {
  return render_template(text, [&](std::string_view name) -> std::string {
    const auto num = [&](std::optional<double> v) {
      return v ? format_fixed(*v, c.decimals) : std::string("n/a");
    };
    if (name == "value") return num(r.value);
    if (name == "target") return num(target_of(c));
    if (name == "min") return num(c.full_marks.min);
    if (name == "max") return num(c.full_marks.max);
    if (name == "delta") return num(r.placement.delta);
    if (name == "unit") return c.unit;
    return c.metric;
  });
}

std::string_view chosen_feedback(const Criterion& c, const CriterionResult& r) {
  if (!r.value) {
    if (!c.feedback.absent.empty()) return c.feedback.absent;
    return c.absent == AbsentPolicy::zero
               ? "{metric} could not be measured for this file, so this criterion earns no "
                 "points."
               : "{metric} could not be measured for this file (mono, silent or too short), so "
                 "this criterion does not count.";
  }
  switch (r.placement.side) {
    case Side::too_low:
      return c.feedback.too_low;
    case Side::too_high:
      return c.feedback.too_high;
    case Side::inside:
      break;
  }
  return c.feedback.pass;
}

CriterionResult grade(const Criterion& c, std::size_t index,
                      const nlohmann::ordered_json& analysis) {
  CriterionResult r;
  r.index = index;
  r.value = resolve_metric(analysis, c.metric);
  if (!r.value) {
    r.max_points = c.absent == AbsentPolicy::zero ? c.points : 0.0;
    r.status = c.absent == AbsentPolicy::zero ? Status::fail : Status::not_applicable;
  } else {
    r.max_points = c.points;
    r.placement = place(c.full_marks, *r.value);
    r.points = award(c.full_marks, c.falloff, c.points, *r.value);
    r.status = r.placement.side == Side::inside ? Status::pass
               : r.points > 0.0                 ? Status::partial
                                                : Status::fail;
  }
  r.feedback = render(c, chosen_feedback(c, r), r);
  r.hints = {render(c, c.hints.direction, r), render(c, c.hints.rule, r),
             render(c, c.hints.apply, r)};
  return r;
}

}  // namespace

Score score_analysis(const Rubric& rubric, const nlohmann::ordered_json& analysis) {
  Score s;
  s.file = analysis.value("file", std::string());
  std::vector<double> caps;
  for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
    const Criterion& c = rubric.criteria[i];
    CriterionResult r = grade(c, i, analysis);
    s.score += r.points;
    s.max_score += r.max_points;
    // A cap bites whenever the criterion misses full marks (Status::partial or fail).
    r.capped = c.cap_percent && (r.status == Status::partial || r.status == Status::fail);
    if (r.capped) caps.push_back(*c.cap_percent);
    s.criteria.push_back(std::move(r));
  }
  s.score = apply_caps(s.score, s.max_score, caps);
  s.percent = s.max_score > 0.0 ? 100.0 * s.score / s.max_score : 0.0;
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
