#pragma once
// A rubric as the instructor wrote it (rubrics/README.md documents the TOML form): what each
// criterion measures, where full marks lie, how fast points fall off outside, what the student
// reads, and the misconception rules. Plain typed data: loading and validation live in load.hpp,
// the maths in points.hpp, the grading of one analysis in score.hpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/target.hpp"
#include "core/enum_table.hpp"
#include "rubric/condition.hpp"

namespace mixgrade {

enum class Visibility { visible, hidden, after_due_date };  // for LMS exports and student pages
enum class AbsentPolicy { not_applicable, zero };           // metric null or missing (mono, short)
enum class Curve { linear, cosine };                        // shape of the falloff
// What not-applicable criteria do to the total: scale the applicable points up to the rubric's
// total (the default), or drop them from the maximum.
enum class NotApplicablePolicy { scale, drop };
enum class LateUnit { percent, points };  // a late penalty in percent of the total, or points

// The names rubrics spell them with (rubrics/README.md), for loading and for every output.
inline constexpr std::array kVisibilityNames = {
    EnumName{Visibility::visible, "visible"}, EnumName{Visibility::hidden, "hidden"},
    EnumName{Visibility::after_due_date, "after_due_date"}};
inline constexpr std::array kAbsentPolicyNames = {
    EnumName{AbsentPolicy::not_applicable, "not_applicable"}, EnumName{AbsentPolicy::zero, "zero"}};
inline constexpr std::array kCurveNames = {EnumName{Curve::linear, "linear"},
                                           EnumName{Curve::cosine, "cosine"}};
inline constexpr std::array kNotApplicableNames = {EnumName{NotApplicablePolicy::scale, "scale"},
                                                   EnumName{NotApplicablePolicy::drop, "drop"}};
inline constexpr std::array kLateUnitNames = {EnumName{LateUnit::percent, "percent"},
                                              EnumName{LateUnit::points, "points"}};

// Where full marks lie: one-sided (only min or only max) or two-sided.
struct FullMarks {
  std::optional<double> min;
  std::optional<double> max;
};

// Outside the full-marks range points fall to zero at `distance` (in the metric's unit);
// distance 0 means all or nothing.
struct Falloff {
  double distance = 0.0;
  Curve curve = Curve::linear;
};

// Templates with {value}, {target}, {min}, {max}, {unit}, {delta} and {metric} filled in.
struct FeedbackTemplates {
  std::string pass;
  std::string too_low;   // required when min is set
  std::string too_high;  // required when max is set
  std::string absent;    // optional; a default sentence names the metric
};

// Escalating hints: first the direction, then the rule, then how to apply it.
struct Hints {
  std::string direction;
  std::string rule;
  std::string apply;
};

struct Criterion {
  std::string id;
  bool manual = false;     // judged by the instructor (a marks CSV): no metric, no range
  std::string title;       // what pages call it; "" falls back to the id
  std::string metric;      // JSON path into the analysis, e.g. "loudness.integrated_lufs"
  std::string unit;        // from the metric table
  std::string concept_id;  // an id from rubrics/concepts.toml
  FullMarks full_marks;
  std::optional<double> target;  // shown as {target}; default: middle of the range or its bound
  Falloff falloff;
  double points = 0.0;
  double pass_fraction = 0.75;        // share of points the learner model counts as "correct"
  int decimals = 1;                   // digits of {value}, {delta}, ... in the text
  std::optional<double> cap_percent;  // missing full marks caps the total at this percent
  Visibility visibility = Visibility::visible;
  AbsentPolicy absent = AbsentPolicy::not_applicable;
  FeedbackTemplates feedback;
  Hints hints;
  // The first-miss (direction) hint for one side of a two-sided range, when the rubric gives it
  // ([criteria.hints] too_low / too_high): "push the fader up" and "pull it down" are different
  // advice. Empty: `hints.direction` for both sides.
  std::string direction_too_low;
  std::string direction_too_high;
};

// A condition over metrics that, when true, earns the student a targeted message.
struct Misconception {
  std::string id;
  std::string concept_id;
  std::string condition;       // as the instructor wrote it
  CompiledCondition compiled;  // what muparser evaluates (condition.hpp)
  std::string message;         // template: {<metric path>} is replaced by its value
  int decimals = 1;            // digits of the values in the message
};

// What every score records, so a grade can be traced to the exact rubric text.
struct RubricIdentity {
  std::string id;
  std::string version;
  std::string hash;  // "fnv1a64:<16 hex digits>" of the file's bytes
};

// The rubric's [delivery] table (rubrics/README.md): what a hand-in must at least be. A file
// below it is a suspect upload (suspect.hpp); unset keys check nothing.
struct DeliverySpec {
  std::optional<double> min_sample_rate_hz;
  std::optional<int> min_bit_depth;  // PCM/FLAC bits; float counts as its width, lossy as 0
  std::optional<int> channels;       // exactly this many
  std::optional<double> min_duration_s;
};

// The late penalty: per_day for each day (or part of one) after the due date, at most cap, both in
// `unit`. No due date, or per_day 0: no penalty.
struct LatePolicy {
  std::optional<std::int64_t> due;  // Unix seconds, UTC
  double per_day = 0.0;
  std::optional<double> cap;
  LateUnit unit = LateUnit::percent;
};

struct Rubric {
  std::string file;
  RubricIdentity identity;
  std::string title;
  double pass_mark = 60.0;  // percent of max_score
  double total_points = 0.0;
  NotApplicablePolicy not_applicable = NotApplicablePolicy::scale;
  LatePolicy late;
  std::vector<Criterion> criteria;
  std::vector<Misconception> misconceptions;
  DeliverySpec delivery;
  // `target = "..."`: the spectrum's target curve, loaded; target_file is its path. A --target or
  // --reference on the command line takes its place.
  std::string target_file;
  std::optional<TargetCurve> target;
};

std::string_view to_string(Visibility v);
std::string_view to_string(AbsentPolicy a);
std::string_view to_string(Curve c);

}  // namespace mixgrade
