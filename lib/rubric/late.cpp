#include "rubric/late.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

#include "core/format.hpp"

namespace mixgrade {

namespace {

// Reads exactly `n` digits at `at`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t n) {
  if (at + n > text.size()) return std::nullopt;
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, v);
  if (ec != std::errc() || end != text.data() + at + n) return std::nullopt;
  at += n;
  return v;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  std::size_t at = 0;
  const auto y = digits(text, at, 4);
  if (!y || !expect(text, at, '-')) return std::nullopt;
  const auto mo = digits(text, at, 2);
  if (!mo || !expect(text, at, '-')) return std::nullopt;
  const auto d = digits(text, at, 2);
  if (!d) return std::nullopt;
  const year_month_day date{year(*y), month(static_cast<unsigned>(*mo)),
                            day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  const std::int64_t midnight = sys_days(date).time_since_epoch().count() * 86400LL;
  if (at == text.size()) return midnight + 86399;  // a date alone: due by the end of that day
  if (!expect(text, at, 'T') && !expect(text, at, ' ')) return std::nullopt;
  const auto h = digits(text, at, 2);
  if (!h || !expect(text, at, ':')) return std::nullopt;
  const auto mi = digits(text, at, 2);
  if (!mi) return std::nullopt;
  int s = 0;
  if (expect(text, at, ':')) {
    const auto sec = digits(text, at, 2);
    if (!sec) return std::nullopt;
    s = *sec;
  }
  if (*h > 23 || *mi > 59 || s > 60) return std::nullopt;
  std::int64_t offset = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at++] == '-' ? -1 : 1;
    const auto oh = digits(text, at, 2);
    if (!oh || !expect(text, at, ':')) return std::nullopt;
    const auto om = digits(text, at, 2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    offset = sign * (*oh * 3600LL + *om * 60LL);
  } else if (!expect(text, at, 'Z') && at != text.size()) {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return midnight + *h * 3600LL + *mi * 60LL + s - offset;
}

int days_late(const LatePolicy& policy, std::optional<std::int64_t> submitted, bool lms_late) {
  int days = 0;
  if (policy.due && submitted && *submitted > *policy.due)
    days = static_cast<int>((*submitted - *policy.due + 86399) / 86400);
  return lms_late ? std::max(days, 1) : days;
}

LatePenalty late_penalty(const LatePolicy& policy, int days, double total) {
  if (days <= 0 || policy.per_day <= 0.0) return {};
  const bool percent = policy.unit == LateUnit::percent;
  double amount = policy.per_day * days;
  if (policy.cap) amount = std::min(amount, *policy.cap);
  const auto shown = [&](double v) {
    return format_number(v) + (percent ? " %" : (v == 1.0 ? " point" : " points"));
  };
  std::string reason = std::to_string(days) + (days == 1 ? " day" : " days") + " late: -" +
                       shown(amount) + (policy.cap ? " (cap " + shown(*policy.cap) + ")" : "");
  return {-(percent ? total * amount / 100.0 : amount), std::move(reason)};
}

}  // namespace mixgrade
