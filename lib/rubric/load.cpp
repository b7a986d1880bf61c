#include "rubric/load.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include "analysis/target.hpp"
#include "core/error.hpp"
#include "core/read_file.hpp"
#include "core/text.hpp"
#include "core/toml_fields.hpp"
#include "rubric/concepts.hpp"
#include "rubric/late.hpp"
#include "rubric/text_template.hpp"

namespace mixgrade {

std::string Diagnostic::text() const {
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += (out.empty() ? "" : "\n") + d.text();
  return out;
}

std::string join_or_none(const std::vector<std::string>& names) {
  return names.empty() ? "(none)" : join(names);
}

// Metric suggestions: the few closest names, not the whole table (it grows with every analyser).
std::string closest_metrics(std::string_view wanted, const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 5;
  std::vector<std::string> closest = closest_first(wanted, names);
  if (closest.size() <= kShown) return join_or_none(closest);
  closest.resize(kShown);
  return join_or_none(closest) + " (mixgrade-score --list-metrics lists them all)";
}

constexpr std::array<std::string_view, 4> kDeliveryKeys = {"min_sample_rate_hz", "min_bit_depth",
                                                           "channels", "min_duration_s"};
constexpr std::array<std::string_view, 11> kTopKeys = {
    "id",     "title",    "version",        "pass_mark",
    "points", "criteria", "misconceptions", "not_applicable",
    "late",   "delivery", "target"};
constexpr std::array<std::string_view, 18> kCriterionKeys = {
    "id",      "title",    "metric",        "min",      "max",   "target",
    "falloff", "curve",    "points",        "concept",  "cap",   "visibility",
    "absent",  "decimals", "pass_fraction", "feedback", "hints", "manual"};
constexpr std::array<std::string_view, 4> kLateKeys = {"due", "per_day", "cap", "unit"};
constexpr std::array<std::string_view, 4> kFeedbackKeys = {"pass", "too_low", "too_high", "absent"};
constexpr std::array<std::string_view, 5> kHintKeys = {"direction", "rule", "apply", "too_low",
                                                       "too_high"};
constexpr std::array<std::string_view, 5> kMisconceptionKeys = {"id", "concept", "condition",
                                                                "message", "decimals"};
constexpr std::array<std::string_view, 7> kCriterionPlaceholders = {
    "value", "target", "min", "max", "unit", "delta", "metric"};

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

// Reads typed values out of toml++ tables, recording one diagnostic per problem and returning
// nullopt so that validation goes on and reports everything at once.
class Checker {
 public:
  Checker(std::string file, const RubricContext& context)
      : file_(std::move(file)), context_(context) {
    for (const auto& m : context_.metrics) metric_names_.push_back(m.path);
  }

  void error(toml::source_position at, std::string message) {
    diagnostics_.push_back({file_, std::max<std::uint32_t>(at.line, 1),
                            std::max<std::uint32_t>(at.column, 1), std::move(message)});
  }
  void error(const toml::node& node, std::string message) {
    error(node.source().begin, std::move(message));
  }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  // The TOML checker over `table`, worded for rubrics and recording every problem. `owner` names
  // the table in messages: "the rubric", "criterion \"peak\"".
  TomlFields fields(const toml::table& table, std::string_view owner) {
    TomlStyle style;
    style.word = [owner = std::string(owner)](const TomlProblem& p) {
      using Kind = TomlProblem::Kind;
      switch (p.kind) {
        case Kind::missing:
          return fmt::format("missing key \"{}\" ({}) in {}", p.key, p.want, owner);
        case Kind::not_finite:
          return fmt::format("\"{}\" must be a finite number, at most 1e9 in size; got {}", p.key,
                             toml_number(*p.node));
        case Kind::has_nul:
          return fmt::format("\"{}\" must not contain a NUL character", p.key);
        case Kind::unknown_key:
          return fmt::format("unknown key \"{}\" in {}; valid keys, closest first: {}", p.key,
                             owner,
                             join_or_none(closest_first(p.key, {p.known.begin(), p.known.end()})));
        default:
          return fmt::format("\"{}\" must be {}, not {}", p.key, p.want, toml_kind(*p.node));
      }
    };
    style.report = [this](const toml::source_region& at, std::string message) {
      error(at.begin, std::move(message));
    };
    return TomlFields(table, std::move(style));
  }

  const toml::node* get(const toml::table& table, std::string_view key, bool required,
                        std::string_view what, std::string_view owner) {
    return fields(table, owner).get(key, required, what);
  }
  std::optional<std::string> text(const toml::table& table, std::string_view key, bool required,
                                  std::string_view owner) {
    return fields(table, owner).string(key, required);
  }
  std::optional<double> number(const toml::table& table, std::string_view key, bool required,
                               std::string_view owner) {
    return fields(table, owner).number(key, required);
  }

  // A number that must lie in [lo, hi] (open at lo when lo_open).
  std::optional<double> bounded(const toml::table& table, std::string_view key, bool required,
                                std::string_view owner, double lo, double hi, bool lo_open,
                                std::string_view meaning) {
    auto v = number(table, key, required, owner);
    if (v && (*v > hi || *v < lo || (lo_open && *v == lo))) {
      const bool open_top = std::isinf(hi);
      std::string allowed = lo_open ? fmt::format("above {}", lo) : fmt::format("{} or more", lo);
      if (!open_top)
        allowed = lo_open ? fmt::format("above {} and at most {}", lo, hi)
                          : fmt::format("between {} and {}", lo, hi);
      error(*table.get(key),
            fmt::format("\"{}\" must be {} ({}), got {}", key, allowed, meaning, *v));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::int64_t> integer(const toml::table& table, std::string_view key,
                                      std::int64_t lo, std::int64_t hi, std::string_view meaning) {
    const auto v = fields(table, "").integer(key);
    if (v && (*v < lo || *v > hi)) {
      error(*table.get(key),
            fmt::format("\"{}\" must be between {} and {} ({}), got {}", key, lo, hi, meaning, *v));
      return std::nullopt;
    }
    return v;
  }

  template <typename Enum, std::size_t N>
  std::optional<Enum> choice(const toml::table& table, std::string_view key,
                             const std::array<EnumName<Enum>, N>& names, std::string_view owner) {
    const auto name = text(table, key, false, owner);
    if (!name) return std::nullopt;
    if (const auto value = parse(names, *name)) return value;
    error(*table.get(key),
          fmt::format("\"{}\" must be one of {}; got \"{}\"", key, names_of(names), *name));
    return std::nullopt;
  }

  const toml::table* subtable(const toml::table& table, std::string_view key, bool required,
                              std::string_view owner) {
    return fields(table, owner).table(key, required);
  }

  template <std::size_t N>
  void only_keys(const toml::table& table, const std::array<std::string_view, N>& allowed,
                 std::string_view owner) {
    fields(table, owner).only_keys(allowed);
  }

  // The unit of a known metric, or nullopt after a diagnostic listing the valid names.
  std::optional<std::string> metric(toml::source_position at, std::string_view path) {
    for (const auto& m : context_.metrics) {
      if (m.path != path) continue;
      if (!m.list) return m.unit;
      error(at, fmt::format("metric \"{}\" holds one value per channel or band, not one number: "
                            "a criterion cannot compare it",
                            path));
      return std::nullopt;
    }
    error(at, fmt::format("unknown metric \"{}\"; valid metrics, closest first: {}", path,
                          closest_metrics(path, metric_names_)));
    return std::nullopt;
  }
  const std::vector<std::string>& metric_names() const { return metric_names_; }
  // A metric holding one number (a list metric cannot go into a condition or a message).
  bool is_metric(std::string_view path) const {
    for (const auto& m : context_.metrics)
      if (m.path == path) return !m.list;
    return false;
  }
  bool is_list_metric(std::string_view path) const {
    for (const auto& m : context_.metrics)
      if (m.path == path) return m.list;
    return false;
  }

  std::optional<std::string> concept_id(const toml::table& table, std::string_view owner) {
    auto id = text(table, "concept", true, owner);
    if (!id || context_.concepts.contains(*id)) return id;
    error(*table.get("concept"),
          fmt::format("unknown concept \"{}\"; valid concepts (rubrics/concepts.toml), closest "
                      "first: {}",
                      *id,
                      join_or_none(closest_first(
                          *id, {context_.concepts.begin(), context_.concepts.end()}))));
    return std::nullopt;
  }

  std::optional<std::string> identifier(const toml::table& table, std::string_view owner) {
    auto id = text(table, "id", true, owner);
    if (!id || valid_id(*id)) return id;
    error(*table.get("id"), fmt::format("\"id\" must use lowercase letters, digits, \"_\" and "
                                        "\"-\" only, got \"{}\"",
                                        *id));
    return std::nullopt;
  }

  // The id of the n-th criterion or misconception, and how messages name it: by its id when it
  // has a valid one, else by position ("criterion #2").
  std::pair<std::string, std::string> named(const toml::table& table, std::string_view kind,
                                            std::size_t number) {
    const std::string by_number = fmt::format("{} #{}", kind, number);
    const auto id = identifier(table, by_number);
    if (!id) return {"", by_number};
    return {*id, fmt::format("{} \"{}\"", kind, *id)};
  }

  // Checks the placeholders of a template string against `allowed(name)`.
  void placeholders(const toml::table& table, std::string_view key, std::string_view where,
                    const std::function<std::optional<std::string>(std::string_view)>& problem) {
    const toml::node* node = table.get(key);
    if (node == nullptr || !node->is_string()) return;
    const std::string value = *node->value<std::string>();
    for (const auto& p : find_placeholders(value)) {
      const auto message = problem(p.name);
      if (!message) continue;
      toml::source_position at = node->source().begin;
      // Single-line strings: point at the "{" itself (after the opening quote).
      if (node->source().end.line == at.line) at.column += static_cast<std::uint32_t>(p.offset) + 1;
      error(at, fmt::format("{} in {}: {}", "{" + p.name + "}", where, *message));
    }
  }

 private:
  std::string file_;
  const RubricContext& context_;
  std::vector<std::string> metric_names_;
  std::vector<Diagnostic> diagnostics_;
};

std::string read_bytes(const std::filesystem::path& file) {
  try {
    return read_input_file(file);
  } catch (const InputError& e) {
    throw RubricError({{file.string(), 1, 1, e.reason()}});
  }
}

// The one-line RubricError of an InputError from a lower layer, at its position when it has one.
RubricError as_rubric_error(const InputError& e, std::string_view prefix = "") {
  const std::string message = std::string(prefix) + e.reason();
  if (const auto* at = dynamic_cast<const TomlError*>(&e))
    return RubricError({{at->file(), at->line(), at->column(), message}});
  return RubricError({{e.source(), 1, 1, message}});
}

toml::table parse_toml(std::string_view text, const std::string& file) {
  try {
    return parse_toml_text(text, file);
  } catch (const InputError& e) {
    throw as_rubric_error(e, "TOML syntax: ");
  }
}

void read_feedback(Checker& check, const toml::table& table, Criterion& c,
                   const std::string& owner) {
  // A manual criterion's feedback is the instructor's comment: its own texts are optional.
  const toml::table* fb = check.subtable(table, "feedback", !c.manual, owner);
  if (fb != nullptr) {
    check.only_keys(*fb, kFeedbackKeys, owner + " feedback");
    c.feedback.pass = check.text(*fb, "pass", !c.manual, owner + " feedback").value_or("");
    c.feedback.too_low =
        check.text(*fb, "too_low", c.full_marks.min.has_value(), owner + " feedback").value_or("");
    c.feedback.too_high =
        check.text(*fb, "too_high", c.full_marks.max.has_value(), owner + " feedback").value_or("");
    c.feedback.absent = check.text(*fb, "absent", false, owner + " feedback").value_or("");
  }
  const toml::table* hints = check.subtable(table, "hints", !c.manual, owner);
  if (hints != nullptr) {
    check.only_keys(*hints, kHintKeys, owner + " hints");
    c.hints.direction = check.text(*hints, "direction", true, owner + " hints").value_or("");
    c.hints.rule = check.text(*hints, "rule", true, owner + " hints").value_or("");
    c.hints.apply = check.text(*hints, "apply", true, owner + " hints").value_or("");
    c.direction_too_low = check.text(*hints, "too_low", false, owner + " hints").value_or("");
    c.direction_too_high = check.text(*hints, "too_high", false, owner + " hints").value_or("");
  }
  const auto problem = [&](std::string_view name) -> std::optional<std::string> {
    bool known = false;
    for (auto p : kCriterionPlaceholders) known = known || p == name;
    if (!known) {
      std::vector<std::string> names;
      for (auto p : kCriterionPlaceholders) names.push_back("{" + std::string(p) + "}");
      return "unknown placeholder; use " +
             join_or_none(closest_first("{" + std::string(name) + "}", names));
    }
    if (name == "min" && !c.full_marks.min) return std::string("the criterion has no \"min\"");
    if (name == "max" && !c.full_marks.max) return std::string("the criterion has no \"max\"");
    return std::nullopt;
  };
  if (fb != nullptr)
    for (auto key : kFeedbackKeys)
      check.placeholders(*fb, key, owner + " feedback." + std::string(key), problem);
  if (hints != nullptr)
    for (auto key : kHintKeys)
      check.placeholders(*hints, key, owner + " hints." + std::string(key), problem);
}

std::optional<Criterion> read_criterion(Checker& check, const toml::table& table,
                                        std::size_t number) {
  Criterion c;
  const std::size_t errors_before = check.diagnostics().size();
  const auto [id, owner] = check.named(table, "criterion", number);
  check.only_keys(table, kCriterionKeys, owner);
  c.id = id;
  c.title = check.text(table, "title", false, owner).value_or("");
  if (const toml::node* manual = check.get(table, "manual", false, "a boolean", owner)) {
    if (manual->is_boolean())
      c.manual = *manual->value<bool>();
    else
      check.error(*manual,
                  fmt::format("\"manual\" must be true or false, not {}", toml_kind(*manual)));
  }
  if (c.manual) {
    // Judged by the instructor: nothing to measure, so no metric and no range.
    for (std::string_view key : {"metric", "min", "max", "target", "falloff", "curve", "absent"})
      if (const toml::node* node = table.get(key))
        check.error(*node, fmt::format("\"{}\" does not apply to a manual criterion ({} is "
                                       "marked by the instructor, --marks)",
                                       key, owner));
  } else if (const auto metric = check.text(table, "metric", true, owner)) {
    c.metric = *metric;
    c.unit = check.metric(table.get("metric")->source().begin, *metric).value_or("");
  }
  c.full_marks.min = check.number(table, "min", false, owner);
  c.full_marks.max = check.number(table, "max", false, owner);
  if (!c.manual && !table.contains("min") && !table.contains("max"))
    check.error(table,
                fmt::format("{} needs \"min\", \"max\" or both (where full marks lie)", owner));
  if (c.full_marks.min && c.full_marks.max && *c.full_marks.min > *c.full_marks.max)
    check.error(*table.get("max"),
                fmt::format("full-marks range is empty: \"max\" ({}) is below \"min\" ({})",
                            *c.full_marks.max, *c.full_marks.min));
  c.target = check.number(table, "target", false, owner);
  c.falloff.distance = check
                           .bounded(table, "falloff", false, owner, 0.0, kNoLimit, false,
                                    "distance in the metric's unit")
                           .value_or(0.0);
  c.falloff.curve = check.choice(table, "curve", kCurveNames, owner).value_or(Curve::linear);
  c.points =
      check
          .bounded(table, "points", true, owner, 0.0, kNoLimit, true, "what the criterion is worth")
          .value_or(0.0);
  c.concept_id = check.concept_id(table, owner).value_or("");
  c.pass_fraction = check
                        .bounded(table, "pass_fraction", false, owner, 0.0, 1.0, true,
                                 "share of the points that counts as correct")
                        .value_or(0.75);
  c.decimals = static_cast<int>(check.integer(table, "decimals", 0, 6, "digits shown").value_or(1));
  c.cap_percent =
      check.bounded(table, "cap", false, owner, 0.0, 100.0, false, "percent of the total");
  c.visibility =
      check.choice(table, "visibility", kVisibilityNames, owner).value_or(Visibility::visible);
  c.absent = check.choice(table, "absent", kAbsentPolicyNames, owner)
                 .value_or(AbsentPolicy::not_applicable);
  read_feedback(check, table, c, owner);
  if (check.diagnostics().size() != errors_before) return std::nullopt;
  return c;
}

std::optional<Misconception> read_misconception(Checker& check, const toml::table& table,
                                                std::size_t number) {
  const auto& metric_names = check.metric_names();
  Misconception m;
  const std::size_t errors_before = check.diagnostics().size();
  const auto [id, owner] = check.named(table, "misconception", number);
  check.only_keys(table, kMisconceptionKeys, owner);
  m.id = id;
  m.concept_id = check.concept_id(table, owner).value_or("");
  m.message = check.text(table, "message", true, owner).value_or("");
  m.decimals = static_cast<int>(check.integer(table, "decimals", 0, 6, "digits shown").value_or(1));
  check.placeholders(table, "message", owner + " message",
                     [&](std::string_view name) -> std::optional<std::string> {
                       if (check.is_metric(name)) return std::nullopt;
                       if (check.is_list_metric(name))
                         return std::string("holds one value per channel or band, not one number");
                       return "not a metric; valid metrics, closest first: " +
                              closest_metrics(name, metric_names);
                     });
  if (const auto condition = check.text(table, "condition", true, owner)) {
    m.condition = *condition;
    const toml::node& node = *table.get("condition");
    auto compiled =
        compile_condition(*condition, [&](std::string_view p) { return check.is_metric(p); });
    if (compiled.problem) {
      toml::source_position at = node.source().begin;
      if (node.source().end.line == at.line)
        at.column += static_cast<std::uint32_t>(compiled.problem->offset) + 1;
      std::string message = compiled.problem->message;
      // muparser appends " at position N"; the column already says where.
      if (const auto at_pos = message.find(" at position "); at_pos != std::string::npos)
        message.erase(at_pos);
      if (check.is_list_metric(compiled.problem->unknown_metric))
        message = fmt::format("metric \"{}\" holds one value per channel or band, not one number",
                              compiled.problem->unknown_metric);
      else if (!compiled.problem->unknown_metric.empty())
        message += "; valid metrics, closest first: " +
                   closest_metrics(compiled.problem->unknown_metric, metric_names);
      check.error(at, fmt::format("condition of {}: {}", owner, message));
    } else {
      m.compiled = std::move(*compiled.condition);
    }
  }
  if (check.diagnostics().size() != errors_before) return std::nullopt;
  return m;
}

// [late]: due (a TOML date-time or an ISO 8601 string, late.hpp), per_day, cap, unit.
LatePolicy read_late(Checker& check, const toml::table& table) {
  const std::string owner = "[late]";
  check.only_keys(table, kLateKeys, owner);
  LatePolicy p;
  p.unit = check.choice(table, "unit", kLateUnitNames, owner).value_or(LateUnit::percent);
  p.per_day =
      check.bounded(table, "per_day", true, owner, 0.0, kNoLimit, false, "penalty per day late")
          .value_or(0.0);
  p.cap = check.bounded(table, "cap", false, owner, 0.0, kNoLimit, false, "most a penalty takes");
  if (const toml::node* due = table.get("due")) {
    std::ostringstream text;
    if (const auto* dt = due->as_date_time())
      text << *dt;
    else if (const auto* d = due->as_date())
      text << *d;
    else if (const auto* s = due->as_string())
      text << s->get();
    p.due = parse_iso8601(text.str());
    if (!p.due)
      check.error(*due,
                  "\"due\" must be an ISO 8601 date or date-time (2026-11-20 or "
                  "2026-11-20T23:59:00Z)");
  }
  return p;
}

// Reports the second use of an id, pointing back at the first.
void unique_ids(Checker& check, const toml::array& tables, std::string_view kind) {
  std::map<std::string, std::uint32_t> first_line;
  std::size_t i = 0;
  for (const auto& node : tables) {
    const toml::table* t = node.as_table();
    const auto* id = t ? t->get("id") : nullptr;
    ++i;
    if (id == nullptr || !id->is_string()) continue;
    const std::string value = *id->value<std::string>();
    const auto [it, added] = first_line.try_emplace(value, id->source().begin.line);
    if (!added)
      check.error(*id, fmt::format("duplicate {} id \"{}\" (first used on line {})", kind, value,
                                   it->second));
  }
}

// `target = "targets/x.toml"`: the curve the spectrum is compared with, relative to the rubric,
// else to the course folder (a rubric copied out of the course keeps its curve). Loaded here, so
// that --check finds a missing or broken curve before a class run does.
void read_target(Checker& check, const toml::table& doc, const std::string& file,
                 const std::filesystem::path& course, Rubric& r) {
  const auto name = check.text(doc, "target", false, "the rubric");
  if (!name) return;
  namespace fs = std::filesystem;
  fs::path path = (fs::path(file).parent_path() / *name).lexically_normal();
  std::error_code ec;
  if (!fs::exists(path, ec) && !course.empty() && fs::exists(course / *name, ec))
    path = (course / *name).lexically_normal();
  r.target_file = path.string();
  try {
    r.target = load_target(path);
  } catch (const InputError& e) {
    check.error(
        *doc.get("target"),
        fmt::format("target \"{}\": {} (relative to the rubric's folder{})", *name, e.what(),
                    course.empty() ? "" : ", or the course's " + course.string()));
  }
}

}  // namespace

RubricError::RubricError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis and prime
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("fnv1a64:{:016x}", h);
}

std::set<std::string, std::less<>> load_concept_ids(const std::filesystem::path& file) {
  std::set<std::string, std::less<>> ids;
  try {
    const ConceptGraph graph = load_concept_graph(file);
    for (const auto& c : graph.concepts()) ids.insert(c.id);
  } catch (const InputError& e) {
    throw as_rubric_error(e);
  }
  return ids;
}

std::optional<std::string> read_rubric_id(const std::filesystem::path& file) {
  try {
    return parse_toml(read_bytes(file), file.string())["id"].value<std::string>();
  } catch (const RubricError&) {
    return std::nullopt;
  }
}

std::vector<std::string> find_rubric_ids(const std::filesystem::path& dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return ids;
  for (const auto& path : toml_files_in(dir))
    if (path.filename() != "concepts.toml")
      if (auto id = read_rubric_id(path)) ids.push_back(std::move(*id));
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<Rubric> load_course_rubrics(const std::filesystem::path& dir,
                                        const RubricContext& context) {
  std::vector<Rubric> out;
  for (const auto& path : toml_files_in(dir))
    if (path.filename() != "concepts.toml") out.push_back(load_rubric(path, context));
  std::sort(out.begin(), out.end(),
            [](const Rubric& a, const Rubric& b) { return a.identity.id < b.identity.id; });
  return out;
}

RubricContext context_with_concepts(const std::filesystem::path& concepts_file,
                                    const std::filesystem::path& course) {
  RubricContext context;
  context.concepts = load_concept_ids(concepts_file);
  context.course = course;
  return context;
}

Rubric load_rubric(const std::filesystem::path& file, const RubricContext& context) {
  return parse_rubric(read_bytes(file), file.string(), context);
}

Rubric parse_rubric(std::string_view text, const std::string& file, const RubricContext& context) {
  const toml::table doc = parse_toml(text, file);
  Checker check(file, context);
  const std::string owner = "the rubric";
  Rubric r;
  r.file = file;
  r.identity.hash = content_hash(text);
  check.only_keys(doc, kTopKeys, owner);
  r.identity.id = check.identifier(doc, owner).value_or("");
  r.identity.version = check.text(doc, "version", true, owner).value_or("");
  r.title = check.text(doc, "title", true, owner).value_or("");
  r.pass_mark =
      check.bounded(doc, "pass_mark", true, owner, 0.0, 100.0, false, "percent of the points")
          .value_or(0.0);
  const auto declared_total = check.number(doc, "points", false, owner);
  r.not_applicable = check.choice(doc, "not_applicable", kNotApplicableNames, owner)
                         .value_or(NotApplicablePolicy::scale);
  if (const toml::table* late = check.subtable(doc, "late", false, owner))
    r.late = read_late(check, *late);
  read_target(check, doc, file, context.course, r);

  const toml::node* criteria = check.get(doc, "criteria", true, "[[criteria]] tables", owner);
  if (criteria != nullptr && criteria->is_array() && criteria->as_array()->empty()) {
    check.error(*criteria, "a rubric needs at least one [[criteria]] table");
  } else if (criteria != nullptr && !criteria->is_array_of_tables()) {
    check.error(*criteria, "\"criteria\" must be an array of tables: write each as [[criteria]]");
  } else if (criteria != nullptr) {
    std::size_t n = 0;
    for (const auto& node : *criteria->as_array())
      if (auto c = read_criterion(check, *node.as_table(), ++n)) {
        r.total_points += c->points;
        r.criteria.push_back(std::move(*c));
      }
    unique_ids(check, *criteria->as_array(), "criterion");
    if (declared_total && n == r.criteria.size() &&
        std::abs(*declared_total - r.total_points) > 1e-9)
      check.error(*doc.get("points"),
                  fmt::format("\"points\" is {} but the criteria add up to {} (drop \"points\" "
                              "to use the sum)",
                              *declared_total, r.total_points));
  }

  if (const toml::node* rules = doc.get("misconceptions")) {
    if (!rules->is_array_of_tables()) {
      check.error(*rules,
                  "\"misconceptions\" must be an array of tables: write each as "
                  "[[misconceptions]]");
    } else {
      std::size_t n = 0;
      for (const auto& node : *rules->as_array())
        if (auto m = read_misconception(check, *node.as_table(), ++n))
          r.misconceptions.push_back(std::move(*m));
      unique_ids(check, *rules->as_array(), "misconception");
    }
  }
  if (const toml::table* d = check.subtable(doc, "delivery", false, owner)) {
    const std::string where = "[delivery]";
    check.only_keys(*d, kDeliveryKeys, where);
    r.delivery.min_sample_rate_hz = check.bounded(*d, "min_sample_rate_hz", false, where, 0.0,
                                                  kNoLimit, true, "samples per second");
    r.delivery.min_duration_s =
        check.bounded(*d, "min_duration_s", false, where, 0.0, kNoLimit, true, "seconds");
    if (auto bits = check.integer(*d, "min_bit_depth", 1, 64, "bits per sample"))
      r.delivery.min_bit_depth = static_cast<int>(*bits);
    if (auto channels = check.integer(*d, "channels", 1, 8, "channels"))
      r.delivery.channels = static_cast<int>(*channels);
  }
  auto& found = check.diagnostics();
  if (found.empty()) return r;
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  throw RubricError(std::move(found));
}

std::filesystem::path concepts_file_for(const std::filesystem::path& rubric,
                                        const std::filesystem::path& chosen) {
  if (!chosen.empty()) return chosen;
  auto next_to_it = rubric.parent_path() / "concepts.toml";
  if (!std::filesystem::exists(next_to_it))
    throw RubricError({{rubric.string(), 1, 1,
                        "no concepts.toml next to the rubric (it lists the concept ids criteria "
                        "point into); pass --concepts FILE"}});
  return next_to_it;
}

}  // namespace mixgrade
