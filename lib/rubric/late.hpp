#pragma once
// The late policy's arithmetic: when a due date is, how many days late a hand-in is, and the
// penalty that costs (an Adjustment{late} on the score record).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rubric/rubric.hpp"

namespace mixgrade {

// ISO 8601 as instructors write due dates: "2026-11-20" (the end of that day, 23:59:59 UTC),
// "2026-11-20T17:00", "2026-11-20T17:00:00Z" or with an offset "+01:00"; no zone means UTC.
// nullopt for anything else.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Whole days late, a part day counting as one: 0 on time or without a due date. A hand-in the LMS
// flagged late (Canvas' LATE) is at least one day late, even when the file time says otherwise
// (downloads do not always keep the submission time).
int days_late(const LatePolicy& policy, std::optional<std::int64_t> submitted, bool lms_late);

// The penalty in points (<= 0) for `days` late on a rubric worth `total`, and its reason:
// "2 days late: -10 % (cap 30 %)".
struct LatePenalty {
  double points = 0.0;
  std::string reason;
};
LatePenalty late_penalty(const LatePolicy& policy, int days, double total);

}  // namespace mixgrade
