#include "rubric/score_record.hpp"

#include "core/enum_table.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/json.hpp"
#include "core/utf8.hpp"

namespace mixgrade {

namespace {

constexpr std::array kStatusNames = {
    EnumName{Status::pass, "pass"}, EnumName{Status::partial, "partial"},
    EnumName{Status::fail, "fail"}, EnumName{Status::not_applicable, "not_applicable"}};
constexpr std::array kHintLevelNames = {EnumName{HintLevel::direction, "direction"},
                                        EnumName{HintLevel::rule, "rule"},
                                        EnumName{HintLevel::apply, "apply"}};
constexpr std::array kSuspectKindNames = {
    EnumName{SuspectKind::cut_off, "cut_off"}, EnumName{SuspectKind::silent, "silent"},
    EnumName{SuspectKind::too_short, "too_short"}, EnumName{SuspectKind::below_spec, "below_spec"},
    EnumName{SuspectKind::several_files, "several_files"}};
constexpr std::array kAdjustmentKindNames = {
    EnumName{AdjustmentKind::scaled, "scaled"}, EnumName{AdjustmentKind::cap, "cap"},
    EnumName{AdjustmentKind::late, "late"}, EnumName{AdjustmentKind::override_total, "override"}};

}  // namespace

std::string_view to_string(SuspectKind kind) {
  return name_of(kSuspectKindNames, kind);
}

std::optional<SuspectKind> parse_suspect_kind(std::string_view text) {
  return parse(kSuspectKindNames, text);
}

std::string_view to_string(AdjustmentKind kind) {
  return name_of(kAdjustmentKindNames, kind);
}

std::optional<AdjustmentKind> parse_adjustment_kind(std::string_view text) {
  return parse(kAdjustmentKindNames, text);
}

std::string_view to_string(Status status) {
  return name_of(kStatusNames, status);
}

std::optional<Status> parse_status(std::string_view text) {
  return parse(kStatusNames, text);
}

std::string_view to_string(HintLevel level) {
  return name_of(kHintLevelNames, level);
}

std::optional<HintLevel> parse_hint_level(std::string_view text) {
  return parse(kHintLevelNames, text);
}

HintLevel hint_level_for_miss(int misses) {
  if (misses <= 1) return HintLevel::direction;
  if (misses == 2) return HintLevel::rule;
  return HintLevel::apply;
}

bool CriterionRecord::correct() const {
  if (!applicable()) return false;
  // A criterion worth no points (a cap or a penalty rule) is judged by its status alone.
  if (!pass_fraction || max_points <= 0) return status == Status::pass;
  // A small tolerance: points are rounded in JSON, the pass fraction is exact.
  return points + 1e-9 >= *pass_fraction * max_points;
}

const std::string& CriterionRecord::hint() const {
  static const std::string kNone;
  if (!missed()) return kNone;
  switch (hint_level) {
    case HintLevel::direction:
      return hints.direction;
    case HintLevel::rule:
      return hints.rule;
    case HintLevel::apply:
      return hints.apply;
  }
  return hints.direction;
}

std::string CriterionRecord::value_text() const {
  if (!value) return "n/a";
  return format_fixed(*value, decimals) + (unit.empty() ? "" : " " + unit);
}

std::string CriterionRecord::points_text() const {
  return format_fixed(points, 1) + "/" + format_fixed(max_points, 1);
}

std::string ScoreRecord::identity() const {
  const std::string rubric_key = rubric.id + "\x1f" + rubric.version + "\x1f" + rubric.hash;
  if (!content_hash.empty()) return "content:" + content_hash + "\x1f" + rubric_key;
  // nlohmann::json (not ordered_json) sorts keys, so the payload is canonical.
  nlohmann::json graded = {{"score", json_number(score, 2)}};
  for (const auto& c : criteria)
    graded["criteria"].push_back({{"id", c.id},
                                  {"value", json_number(c.value, 3)},
                                  {"points", json_number(c.points, 2)},
                                  {"status", to_string(c.status)}});
  for (const auto& m : misconceptions) graded["misconceptions"].push_back(m.id);
  return "file:" + file + "\x1f" + rubric_key + "\x1f" + dump_json(graded);
}

Explanation Explanation::from_bytes(std::string file, std::string_view bytes) {
  std::string text = valid_utf8(bytes.substr(0, kMaxTextBytes + 4));
  if (text.size() > kMaxTextBytes) {
    std::size_t end = kMaxTextBytes;
    // Back to the first byte of the character that does not fit (never a continuation byte).
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
  }
  return {std::move(file), std::move(text)};
}

void ScoreRecord::set_hint_level(HintLevel level) {
  for (auto& c : criteria) c.hint_level = level;
}

nlohmann::ordered_json to_json(const ScoreRecord& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["file"] = r.file;
  if (!r.student.empty()) j["student"] = r.student;
  if (!r.assignment.empty()) j["assignment"] = r.assignment;
  j["score"] = json_number(r.score, 2);
  j["max_score"] = json_number(r.max_score, 2);
  j["percent"] = json_number(r.percent, 1);
  j["passed"] = r.passed;
  j["pass_mark"] = json_number(r.pass_mark, 1);
  j["rubric"] = {{"id", r.rubric.id},
                 {"version", r.rubric.version},
                 {"hash", r.rubric.hash},
                 {"title", r.rubric_title}};
  auto criteria = ordered_json::array();
  for (const auto& c : r.criteria) {
    ordered_json cj;
    cj["id"] = c.id;
    if (!c.title.empty()) cj["title"] = c.title;
    cj["metric"] = c.metric;
    cj["value"] = json_number(c.value, 3);
    cj["points"] = json_number(c.points, 2);
    cj["max_points"] = json_number(c.max_points, 2);
    cj["status"] = to_string(c.status);
    cj["feedback"] = c.feedback;
    cj["hint"] = c.missed() ? ordered_json(c.hint()) : ordered_json(nullptr);
    cj["hint_level"] = c.missed() ? ordered_json(to_string(c.hint_level)) : ordered_json(nullptr);
    cj["concept"] = c.concept_id;
    cj["pass_fraction"] = c.pass_fraction ? ordered_json(*c.pass_fraction) : nullptr;
    cj["hints"] = {
        {"direction", c.hints.direction}, {"rule", c.hints.rule}, {"apply", c.hints.apply}};
    cj["visibility"] = to_string(c.visibility);
    cj["unit"] = c.unit;
    cj["decimals"] = c.decimals;
    cj["cap_percent"] = json_number(c.cap_percent, 2);
    cj["capped"] = c.capped;
    if (c.manual) cj["manual"] = true;
    if (!c.comment.empty()) cj["comment"] = c.comment;
    if (!c.override_reason.empty()) cj["override_reason"] = c.override_reason;
    criteria.push_back(std::move(cj));
  }
  j["criteria"] = std::move(criteria);
  auto misconceptions = ordered_json::array();
  for (const auto& m : r.misconceptions)
    misconceptions.push_back({{"id", m.id}, {"concept", m.concept_id}, {"message", m.message}});
  j["misconceptions"] = std::move(misconceptions);
  if (!r.content_hash.empty()) j["content_hash"] = r.content_hash;
  // Written only when set, like content_hash: a clean record reads as it always did.
  for (const auto& w : r.warnings)
    j["warnings"].push_back({{"kind", to_string(w.kind)}, {"message", w.message}});
  if (r.withheld) j["withheld"] = true;
  for (const auto& a : r.adjustments) {
    ordered_json aj;
    aj["kind"] = to_string(a.kind);
    aj["points"] = json_number(a.points, 2);
    if (!a.criterion.empty()) aj["criterion"] = a.criterion;
    aj["reason"] = a.reason;
    j["adjustments"].push_back(std::move(aj));
  }
  if (r.explanation)
    j["explanation"] = {{"file", r.explanation->file}, {"text", r.explanation->text}};
  return j;
}

nlohmann::ordered_json to_json(const ScoreOutcome& outcome) {
  return outcome.record ? to_json(*outcome.record) : error_json(outcome.file, outcome.error);
}

namespace {

using nlohmann::json;

// Field readers that name the field when the contract is broken.
class Reader {
 public:
  Reader(const json& object, const std::string& source, std::string prefix)
      : object_(object), source_(source), prefix_(std::move(prefix)) {}

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
  bool boolean(const std::string& key, std::optional<bool> fallback) const {
    const json* v = get(key);
    if (!v && fallback) return *fallback;
    if (!v || !v->is_boolean()) fail(key, "must be true or false");
    return v->get<bool>();
  }
  // A version may be written as a number or a string; keep its text.
  std::string text(const std::string& key) const {
    const json* v = get(key);
    if (!v) fail(key, "is missing");
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return v->dump();
    fail(key, "must be a string or a number");
  }
  template <class Enum, std::size_t N>
  Enum name(const std::string& key, const std::array<EnumName<Enum>, N>& table,
            Enum fallback) const {
    const std::string t = string(key, false);
    if (t.empty()) return fallback;
    if (auto v = parse(table, t)) return *v;
    std::string expected;
    for (std::size_t i = 0; i < N; ++i)
      expected += std::string(i == 0       ? ""
                              : i + 1 == N ? " or "
                                           : ", ") +
                  std::string(table[i].name);
    fail(key, "is '" + t + "' (expected " + expected + ")");
  }
  const json& object(const std::string& key) const {
    const json* v = get(key);
    if (!v || !v->is_object()) fail(key, "must be an object");
    return *v;
  }
  const json* array(const std::string& key, bool required) const {
    const json* v = get(key);
    if (!v && !required) return nullptr;
    if (!v || !v->is_array()) fail(key, "must be an array");
    return v;
  }

 private:
  const json& object_;
  const std::string& source_;
  std::string prefix_;
};

CriterionRecord parse_criterion(const json& item, const std::string& source, std::size_t index) {
  const std::string prefix = "criteria[" + std::to_string(index) + "].";
  if (!item.is_object()) throw InputError(source, "field '" + prefix + "' must be an object");
  const Reader r(item, source, prefix);
  CriterionRecord c;
  c.id = r.string("id");
  c.title = r.string("title", false);
  c.metric = r.string("metric", false);
  c.unit = r.string("unit", false);
  c.concept_id = r.string("concept", false);
  c.value = r.number("value", false);
  if (auto d = r.number("decimals", false)) {
    if (*d < 0 || *d > 12 || *d != static_cast<int>(*d)) r.fail("decimals", "must be 0 to 12");
    c.decimals = static_cast<int>(*d);
  }
  c.points = *r.number("points", true);
  c.max_points = *r.number("max_points", true);
  if (c.max_points < 0 || c.points < 0 || c.points > c.max_points + 1e-9)
    r.fail("points", "must lie between 0 and max_points");
  (void)r.string("status");  // required
  c.status = r.name("status", kStatusNames, Status::fail);
  c.pass_fraction = r.number("pass_fraction", false);
  c.visibility = r.name("visibility", kVisibilityNames, Visibility::visible);
  c.cap_percent = r.number("cap_percent", false);
  c.capped = r.boolean("capped", false);
  c.feedback = r.string("feedback", false);
  c.hint_level = r.name("hint_level", kHintLevelNames, HintLevel::direction);
  c.manual = r.boolean("manual", false);
  c.comment = r.string("comment", false);
  c.override_reason = r.string("override_reason", false);
  if (const json* hints = r.get("hints")) {
    if (!hints->is_object()) r.fail("hints", "must be an object");
    const Reader h(*hints, source, prefix + "hints.");
    c.hints = {h.string("direction", false), h.string("rule", false), h.string("apply", false)};
  }
  // A scorer that wrote only the hint it chose: that text stands for its level.
  const std::string chosen = r.string("hint", false);
  if (!chosen.empty()) {
    std::string& slot = c.hint_level == HintLevel::direction ? c.hints.direction
                        : c.hint_level == HintLevel::rule    ? c.hints.rule
                                                             : c.hints.apply;
    if (slot.empty()) slot = chosen;
  }
  return c;
}

}  // namespace

ScoreOutcome parse_score(const json& j, const std::string& source) {
  if (!j.is_object()) throw InputError(source, "expected one JSON object per line");
  const Reader r(j, source, "");
  ScoreOutcome out;
  out.file = r.string("file");
  if (const json* error = r.get("error")) {
    out.error = error->is_string() ? error->get<std::string>() : error->dump();
    if (out.error.empty()) out.error = "unknown error";
    return out;
  }
  ScoreRecord s;
  s.file = out.file;
  s.student = r.string("student", false);
  s.assignment = r.string("assignment", false);
  s.content_hash = r.string("content_hash", false);
  s.score = *r.number("score", true);
  s.max_score = *r.number("max_score", true);
  s.percent = *r.number("percent", true);
  s.passed = r.boolean("passed", std::nullopt);
  s.pass_mark = r.number("pass_mark", false).value_or(60.0);
  const Reader rubric(r.object("rubric"), source, "rubric.");
  s.rubric = {rubric.string("id"), rubric.text("version"), rubric.string("hash")};
  s.rubric_title = rubric.string("title", false);
  const json& criteria = *r.array("criteria", true);
  for (std::size_t i = 0; i < criteria.size(); ++i)
    s.criteria.push_back(parse_criterion(criteria[i], source, i));
  if (const json* list = r.array("misconceptions", false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Reader m((*list)[i], source, "misconceptions[" + std::to_string(i) + "].");
      if (!(*list)[i].is_object()) m.fail("", "must be an object");
      s.misconceptions.push_back({m.string("id"), m.string("concept", false), m.string("message")});
    }
  }
  if (const json* list = r.array("warnings", false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Reader w((*list)[i], source, "warnings[" + std::to_string(i) + "].");
      if (!(*list)[i].is_object()) w.fail("", "must be an object");
      (void)w.string("kind");  // required
      s.warnings.push_back(
          {w.name("kind", kSuspectKindNames, SuspectKind::cut_off), w.string("message")});
    }
  }
  s.withheld = r.boolean("withheld", false);
  if (const json* list = r.array("adjustments", false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Reader a((*list)[i], source, "adjustments[" + std::to_string(i) + "].");
      if (!(*list)[i].is_object()) a.fail("", "must be an object");
      (void)a.string("kind");  // required
      s.adjustments.push_back({a.name("kind", kAdjustmentKindNames, AdjustmentKind::scaled),
                               *a.number("points", true), a.string("criterion", false),
                               a.string("reason", false)});
    }
  }
  if (const json* e = r.get("explanation")) {
    const Reader x(*e, source, "explanation.");
    if (!e->is_object()) x.fail("", "must be an object");
    s.explanation = Explanation::from_bytes(x.string("file"), x.string("text", false));
  }
  out.record = std::move(s);
  return out;
}

ScoreOutcome parse_score_line(const std::string& line, const std::string& source) {
  json j;
  if (json_too_deep(line)) throw InputError(source, kJsonTooDeep);
  try {
    j = json::parse(line);
  } catch (const json::exception& e) {  // a syntax error, or a number like 1e10000 (out of range)
    throw InputError(source, std::string("not valid JSON (") + e.what() + ")");
  }
  return parse_score(j, source);
}

}  // namespace mixgrade
