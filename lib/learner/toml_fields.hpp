#pragma once
// Typed field access for the learner's TOML files (concepts, assignment catalogue). Every error is
// one line naming FILE:LINE:COLUMN of the offending node, so an instructor can jump straight to it.
#include <toml++/toml.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade::learner {

// "FILE:LINE:COLUMN" of a node (or "FILE" when toml++ has no position for it).
std::string toml_where(const std::string& file, const toml::source_region& region);

// Parses a TOML file; a syntax error becomes InputError("FILE:LINE:COLUMN", description).
toml::table parse_toml_file(const std::string& file);

// Readers for one table's fields. `context` names the table in messages ("concept 'mix_balance'").
class TomlFields {
 public:
  TomlFields(const std::string& file, const toml::table& table, std::string context);

  std::string required_string(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::optional<double> optional_number(std::string_view key) const;
  std::optional<std::int64_t> optional_integer(std::string_view key) const;
  std::vector<std::string> string_array(std::string_view key) const;  // missing: empty

  // Throws InputError at the node's position (or the table's when the node is absent).
  [[noreturn]] void fail(std::string_view key, const std::string& reason) const;
  // Rejects keys outside `known` (a typo would otherwise be silently ignored).
  void reject_unknown(const std::vector<std::string_view>& known) const;
  std::string where(std::string_view key) const;

 private:
  const std::string& file_;
  const toml::table& table_;
  std::string context_;
};

}  // namespace mixgrade::learner
