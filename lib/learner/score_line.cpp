#include "learner/score_line.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace mixgrade::learner {
namespace {

using nlohmann::json;

class Reader {
 public:
  Reader(const json& object, std::string source, std::string prefix)
      : object_(object), source_(std::move(source)), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& reason) const {
    throw InputError(source_, "field '" + prefix_ + key + "' " + reason);
  }
  const json* get(const std::string& key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string string(const std::string& key, bool required = true) const {
    const json* v = get(key);
    if (!v) {
      if (required) fail(key, "is missing");
      return "";
    }
    if (!v->is_string()) fail(key, "must be a string");
    return v->get<std::string>();
  }
  std::optional<double> number(const std::string& key, bool required) const {
    const json* v = get(key);
    if (!v) {
      if (required) fail(key, "is missing");
      return std::nullopt;
    }
    if (!v->is_number()) fail(key, "must be a number");
    return v->get<double>();
  }
  // A version may be written as a number or a string; keep its text.
  std::string text(const std::string& key) const {
    const json* v = get(key);
    if (!v) fail(key, "is missing");
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return v->dump();
    fail(key, "must be a string or a number");
  }

 private:
  const json& object_;
  std::string source_;
  std::string prefix_;
};

CriterionStatus parse_status(const Reader& r, const std::string& text) {
  if (text == "pass") return CriterionStatus::pass;
  if (text == "partial") return CriterionStatus::partial;
  if (text == "fail") return CriterionStatus::fail;
  if (text == "not_applicable") return CriterionStatus::not_applicable;
  r.fail("status", "is '" + text + "' (expected pass, partial, fail or not_applicable)");
}

CriterionResult parse_criterion(const json& item, const std::string& source, std::size_t index) {
  const std::string prefix = "criteria[" + std::to_string(index) + "].";
  if (!item.is_object()) throw InputError(source, "field '" + prefix + "' must be an object");
  const Reader r(item, source, prefix);
  CriterionResult c;
  c.id = r.string("id");
  c.metric = r.string("metric", false);
  c.value = r.number("value", false);
  c.points = *r.number("points", true);
  c.max_points = *r.number("max_points", true);
  c.status = parse_status(r, r.string("status"));
  c.feedback = r.string("feedback", false);
  c.hint = r.string("hint", false);
  c.concept_id = r.string("concept", false);
  c.pass_fraction = r.number("pass_fraction", false);
  c.unit = r.string("unit", false);
  if (const json* hints = r.get("hints")) {
    if (!hints->is_object()) r.fail("hints", "must be an object");
    const Reader h(*hints, source, prefix + "hints.");
    c.hints = {h.string("direction", false), h.string("rule", false), h.string("apply", false)};
  }
  if (c.max_points < 0 || c.points < 0 || c.points > c.max_points + 1e-9)
    r.fail("points", "must lie between 0 and max_points");
  return c;
}

}  // namespace

bool CriterionResult::correct() const {
  // A criterion worth no points (a cap or a penalty rule) is judged by its status alone.
  if (!pass_fraction || max_points <= 0) return status == CriterionStatus::pass;
  // A small tolerance: points are rounded in JSON, the pass fraction is exact.
  return points + 1e-9 >= *pass_fraction * max_points;
}

std::string ScoredSubmission::identity() const {
  const std::string rubric_key = rubric.id + "\x1f" + rubric.version + "\x1f" + rubric.hash;
  if (!content_hash.empty()) return "content:" + content_hash + "\x1f" + rubric_key;
  return "file:" + file + "\x1f" + rubric_key + "\x1f" + payload;
}

ScoreLine parse_score_line(const std::string& line, const std::string& source) {
  json j;
  try {
    j = json::parse(line);
  } catch (const json::parse_error& e) {
    throw InputError(source, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) throw InputError(source, "expected one JSON object per line");
  const Reader r(j, source, "");
  ScoreLine out;
  out.file = r.string("file");
  if (const json* error = r.get("error")) {
    out.error = error->is_string() ? error->get<std::string>() : error->dump();
    return out;
  }
  ScoredSubmission s;
  s.file = out.file;
  s.student = r.string("student", false);
  s.content_hash = r.string("content_hash", false);
  s.assignment = r.string("assignment", false);
  s.score = *r.number("score", true);
  s.max_score = *r.number("max_score", true);
  s.percent = *r.number("percent", true);
  const json* passed = r.get("passed");
  if (!passed || !passed->is_boolean()) r.fail("passed", "must be true or false");
  s.passed = passed->get<bool>();
  const json* rubric = r.get("rubric");
  if (!rubric || !rubric->is_object()) r.fail("rubric", "must be an object {id, version, hash}");
  const Reader rr(*rubric, source, "rubric.");
  s.rubric = {rr.string("id"), rr.text("version"), rr.string("hash")};
  const json* criteria = r.get("criteria");
  if (!criteria || !criteria->is_array()) r.fail("criteria", "must be an array");
  for (std::size_t i = 0; i < criteria->size(); ++i)
    s.criteria.push_back(parse_criterion((*criteria)[i], source, i));
  if (const json* list = r.get("misconceptions")) {
    if (!list->is_array()) r.fail("misconceptions", "must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Reader m((*list)[i], source, "misconceptions[" + std::to_string(i) + "].");
      if (!(*list)[i].is_object()) m.fail("", "must be an object");
      s.misconceptions.push_back({m.string("id"), m.string("concept", false), m.string("message")});
    }
  }
  // nlohmann::json (not ordered_json) sorts keys, so the payload is canonical.
  json graded = {{"score", j["score"]}, {"criteria", j["criteria"]}};
  if (j.contains("misconceptions")) graded["misconceptions"] = j["misconceptions"];
  s.payload = graded.dump();
  out.submission = std::move(s);
  return out;
}

}  // namespace mixgrade::learner
