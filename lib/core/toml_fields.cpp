#include "core/toml_fields.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/enum_table.hpp"
#include "core/read_file.hpp"

namespace mixgrade {

TomlError::TomlError(std::string file, std::uint32_t line, std::uint32_t column, std::string reason)
    : InputError(file + ":" + std::to_string(line) + ":" + std::to_string(column),
                 std::move(reason)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

std::string toml_where(const std::string& file, const toml::source_region& region) {
  if (region.begin.line == 0) return file;
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

void throw_at(const std::string& file, const toml::source_region& region, std::string reason) {
  if (region.begin.line == 0) throw InputError(file, std::move(reason));
  throw TomlError(file, region.begin.line, region.begin.column, std::move(reason));
}

toml::table parse_toml_file(const std::string& file) {
  return parse_toml_text(read_input_file(file), file);
}

toml::table parse_toml_text(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw_at(file, e.source(), std::string(e.description()));
  }
}

std::vector<std::filesystem::path> toml_files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  if (ec) throw InputError(dir.string(), "cannot read directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::string_view toml_kind(const toml::node& node) {
  constexpr std::array kKinds = {EnumName{toml::node_type::string, "a string"},
                                 EnumName{toml::node_type::integer, "an integer"},
                                 EnumName{toml::node_type::floating_point, "a number"},
                                 EnumName{toml::node_type::boolean, "a boolean"},
                                 EnumName{toml::node_type::table, "a table"},
                                 EnumName{toml::node_type::array, "an array"}};
  return name_of(kKinds, node.type(), "a date or time");
}

TomlStyle stop_at_first(std::string file, std::string context) {
  using Kind = TomlProblem::Kind;
  TomlStyle style;
  style.word = [](const TomlProblem& p) {
    const std::string key = "'" + std::string(p.key) + "'";
    std::string what;
    switch (p.kind) {
      case Kind::missing:  // "a string" -> "missing required string 'title'"
        what = "missing required " + std::string(p.want.substr(p.want.find(' ') + 1)) + " " + key;
        break;
      case Kind::wrong_type:
        what = key + " must be " + std::string(p.want);
        break;
      case Kind::empty:
        what = key + " must not be empty";
        break;
      case Kind::not_finite:
        what = key + " must be a finite number, at most 1e9 in size";
        break;
      case Kind::bad_element:
        what = key + " must hold only strings";
        break;
      case Kind::has_nul:
        what = key + " must not contain a NUL character";
        break;
      case Kind::unknown_key: {
        std::string list;
        for (auto k : p.known) list += (list.empty() ? "" : ", ") + std::string(k);
        what = "unknown key " + key + " (known: " + list + ")";
        break;
      }
    }
    return what;
  };
  style.context = std::move(context);
  style.report = [file = std::move(file)](const toml::source_region& at, std::string message) {
    throw_at(file, at, std::move(message));
  };
  return style;
}

TomlFields::TomlFields(const toml::table& table, TomlStyle style)
    : table_(table), style_(std::move(style)) {}

std::string TomlFields::with_context(std::string message) const {
  return style_.context.empty() ? message : style_.context + ": " + message;
}

void TomlFields::report(const toml::source_region& at, const TomlProblem& p) const {
  style_.report(at, with_context(style_.word(p)));
}

const toml::source_region& TomlFields::where(std::string_view key) const {
  if (const toml::node* node = table_.get(key)) return node->source();
  return table_.source();
}

void TomlFields::problem(std::string_view key, std::string message) const {
  style_.report(where(key), with_context(std::move(message)));
}

void TomlFields::fail(std::string_view key, std::string message) const {
  problem(key, std::move(message));
  throw std::logic_error("TomlFields::fail needs a style that stops at the first problem");
}

const toml::node* TomlFields::get(std::string_view key, bool required,
                                  std::string_view want) const {
  const toml::node* node = table_.get(key);
  if (node == nullptr && required)
    report(table_.source(), {.kind = TomlProblem::Kind::missing, .key = key, .want = want});
  return node;
}

const toml::node* TomlFields::typed(std::string_view key, bool required, std::string_view want,
                                    bool (toml::node::*is)() const noexcept) const {
  const toml::node* node = get(key, required, want);
  if (node == nullptr || (node->*is)()) return node;
  report(node->source(),
         {.kind = TomlProblem::Kind::wrong_type, .key = key, .want = want, .node = node});
  return nullptr;
}

std::optional<std::string> TomlFields::string(std::string_view key, bool required) const {
  const toml::node* node = typed(key, required, "a string", &toml::node::is_string);
  if (!node) return std::nullopt;
  std::string value = *node->value<std::string>();
  // A NUL ("\u0000") would silently cut a condition or a message short wherever C strings
  // take over (muparser, file names).
  if (value.find('\0') != std::string::npos) {
    report(node->source(),
           {.kind = TomlProblem::Kind::has_nul, .key = key, .want = "a string", .node = node});
    return std::nullopt;
  }
  return value;
}

std::string TomlFields::required_string(std::string_view key) const {
  auto value = string(key, true);
  if (value && value->empty()) {
    report(where(key), {.kind = TomlProblem::Kind::empty, .key = key, .want = "a string"});
    return {};
  }
  return value.value_or("");
}

double toml_number(const toml::node& node) {
  // value<double>() is empty for an integer a double cannot hold exactly (above 2^53).
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) return f->get();
  return std::numeric_limits<double>::quiet_NaN();
}

std::optional<double> TomlFields::number(std::string_view key, bool required, bool finite) const {
  const toml::node* node = typed(key, required, "a number", &toml::node::is_number);
  if (node == nullptr) return std::nullopt;
  const double value = toml_number(*node);
  if (finite && !(std::abs(value) <= kMaxTomlNumber)) {  // NaN, inf or absurdly large
    report(node->source(),
           {.kind = TomlProblem::Kind::not_finite, .key = key, .want = "a number", .node = node});
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> TomlFields::integer(std::string_view key, bool required) const {
  const toml::node* node = typed(key, required, "an integer", &toml::node::is_integer);
  return node ? node->value<std::int64_t>() : std::nullopt;
}

std::optional<std::vector<std::string>> TomlFields::strings(std::string_view key,
                                                            bool required) const {
  constexpr std::string_view want = "an array of strings";
  const toml::node* node = typed(key, required, want, &toml::node::is_array);
  if (node == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_string()) {
      report(item.source(),
             {.kind = TomlProblem::Kind::bad_element, .key = key, .want = want, .node = &item});
      return std::nullopt;
    }
    out.push_back(*item.value<std::string>());
  }
  return out;
}

const toml::table* TomlFields::table(std::string_view key, bool required) const {
  const toml::node* node = typed(key, required, "a table", &toml::node::is_table);
  return node ? node->as_table() : nullptr;
}

void TomlFields::only_keys(std::span<const std::string_view> known) const {
  for (const auto& [key, node] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    report(
        style_.unknown_key_at_value ? node.source() : key.source(),
        {.kind = TomlProblem::Kind::unknown_key, .key = key.str(), .node = &node, .known = known});
  }
}

}  // namespace mixgrade
