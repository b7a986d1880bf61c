#include "learner/toml_fields.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace mixgrade::learner {

std::string toml_where(const std::string& file, const toml::source_region& region) {
  if (region.begin.line == 0) return file;
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

toml::table parse_toml_file(const std::string& file) {
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    std::string reason(e.description());
    if (e.source().begin.line == 0) throw InputError(file, reason);
    throw InputError(toml_where(file, e.source()), reason);
  }
}

TomlFields::TomlFields(const std::string& file, const toml::table& table, std::string context)
    : file_(file), table_(table), context_(std::move(context)) {}

std::string TomlFields::where(std::string_view key) const {
  if (const toml::node* node = table_.get(key)) return toml_where(file_, node->source());
  return toml_where(file_, table_.source());
}

void TomlFields::fail(std::string_view key, const std::string& reason) const {
  throw InputError(where(key), context_ + ": " + reason);
}

std::string TomlFields::required_string(std::string_view key) const {
  auto value = optional_string(key);
  if (!value) fail(key, "missing required string '" + std::string(key) + "'");
  if (value->empty()) fail(key, "'" + std::string(key) + "' must not be empty");
  return *value;
}

std::optional<std::string> TomlFields::optional_string(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) fail(key, "'" + std::string(key) + "' must be a string");
  return node->value<std::string>();
}

std::optional<double> TomlFields::optional_number(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (!node->is_number()) fail(key, "'" + std::string(key) + "' must be a number");
  return node->value<double>();
}

std::optional<std::int64_t> TomlFields::optional_integer(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (!node->is_integer()) fail(key, "'" + std::string(key) + "' must be an integer");
  return node->value<std::int64_t>();
}

std::vector<std::string> TomlFields::string_array(std::string_view key) const {
  std::vector<std::string> out;
  const toml::node* node = table_.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) fail(key, "'" + std::string(key) + "' must be an array of strings");
  for (const toml::node& item : *array) {
    if (!item.is_string())
      throw InputError(toml_where(file_, item.source()),
                       context_ + ": '" + std::string(key) + "' must hold only strings");
    out.push_back(*item.value<std::string>());
  }
  return out;
}

void TomlFields::reject_unknown(const std::vector<std::string_view>& known) const {
  for (const auto& [key, node] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    throw InputError(
        toml_where(file_, key.source()),
        context_ + ": unknown key '" + std::string(key.str()) + "' (known: " + list + ")");
  }
}

}  // namespace mixgrade::learner
