#include "report/score_record.hpp"

#include <cmath>
#include <cstdio>

#include "core/error.hpp"

namespace mixgrade {

CriterionOutcome CriterionScore::outcome() const {
  if (status == "pass" || status == "passed") return CriterionOutcome::kPassed;
  if (status == "not_applicable" || status == "n/a" || status == "na" || status == "skipped")
    return CriterionOutcome::kNotApplicable;
  return CriterionOutcome::kFailed;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

namespace {

// Field readers that name the field when the contract is broken.
class Reader {
 public:
  Reader(const nlohmann::ordered_json& j, std::string file, std::string where)
      : j_(j), file_(std::move(file)), where_(std::move(where)) {}

  const nlohmann::ordered_json& at(const char* key) const {
    if (!j_.is_object() || !j_.contains(key)) fail(std::string("missing '") + key + "'");
    return j_.at(key);
  }
  double number(const char* key) const {
    const auto& v = at(key);
    if (!v.is_number()) fail(std::string("'") + key + "' is not a number");
    return v.get<double>();
  }
  std::optional<double> optional_number(const char* key) const {
    if (!j_.contains(key) || j_.at(key).is_null()) return std::nullopt;
    return number(key);
  }
  bool boolean(const char* key) const {
    const auto& v = at(key);
    if (!v.is_boolean()) fail(std::string("'") + key + "' is not true or false");
    return v.get<bool>();
  }
  // Strings, and numbers where a rubric author may have written one (version = 2).
  std::string text(const char* key, bool required = true) const {
    if (!required && (!j_.contains(key) || j_.at(key).is_null())) return {};
    const auto& v = at(key);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    fail(std::string("'") + key + "' is not text");
  }
  const nlohmann::ordered_json& array(const char* key) const {
    const auto& v = at(key);
    if (!v.is_array()) fail(std::string("'") + key + "' is not a list");
    return v;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(file_, "score JSON: " + (where_.empty() ? what : where_ + ": " + what));
  }

 private:
  const nlohmann::ordered_json& j_;
  std::string file_;
  std::string where_;
};

}  // namespace

ScoreOutcome parse_score(const nlohmann::ordered_json& j) {
  const std::string file = j.is_object() && j.contains("file") && j["file"].is_string()
                               ? j["file"].get<std::string>()
                               : "<unknown file>";
  Reader top(j, file, "");
  ScoreOutcome out;
  out.file = top.text("file");
  if (j.contains("error")) {
    out.error = top.text("error");
    if (out.error.empty()) out.error = "unknown error";
    return out;
  }
  ScoreRecord s;
  s.file = out.file;
  s.score = top.number("score");
  s.max_score = top.number("max_score");
  s.percent = top.number("percent");
  s.passed = top.boolean("passed");
  Reader rubric(top.at("rubric"), file, "rubric");
  s.rubric = {rubric.text("id"), rubric.text("version"), rubric.text("hash")};
  for (const auto& c : top.array("criteria")) {
    Reader r(c, file, "criterion " + (c.contains("id") ? c["id"].dump() : std::string("?")));
    s.criteria.push_back({r.text("id"), r.text("metric"), r.optional_number("value"),
                          r.number("points"), r.number("max_points"), r.text("status"),
                          r.text("feedback", false), r.text("hint", false),
                          r.text("concept", false), r.text("visibility", false)});
  }
  if (j.contains("misconceptions")) {
    for (const auto& m : top.array("misconceptions")) {
      Reader r(m, file, "misconception");
      s.misconceptions.push_back({r.text("id"), r.text("concept", false), r.text("message")});
    }
  }
  out.score = std::move(s);
  return out;
}

}  // namespace mixgrade
