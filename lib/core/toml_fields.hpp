#pragma once
// The one checker of TOML fields, for every TOML file mixgrade reads (rubrics, the concept graph,
// the assignment catalogue, target curves). It finds a field, checks its type and reports each
// problem as one line at the offending node ("FILE:LINE:COLUMN: message") so an instructor can jump
// straight to it. What a problem is called and whether reading stops at the first one are the
// caller's (a TomlStyle): the messages of each file kind are tested byte for byte.
#include <toml++/toml.h>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mixgrade {

// An InputError at a position in a TOML file: source() is "FILE:LINE:COLUMN".
class TomlError : public InputError {
 public:
  TomlError(std::string file, std::uint32_t line, std::uint32_t column, std::string reason);
  const std::string& file() const { return file_; }
  std::uint32_t line() const { return line_; }
  std::uint32_t column() const { return column_; }

 private:
  std::string file_;
  std::uint32_t line_;
  std::uint32_t column_;
};

// "FILE:LINE:COLUMN" of a node (or "FILE" when toml++ has no position for it).
std::string toml_where(const std::string& file, const toml::source_region& region);
// Throws TomlError at `region`, or InputError(file, reason) when toml++ has no position.
[[noreturn]] void throw_at(const std::string& file, const toml::source_region& region,
                           std::string reason);

// Parses TOML; a syntax error is thrown as by throw_at, with toml++'s description as the reason.
toml::table parse_toml_file(const std::string& file);
toml::table parse_toml_text(std::string_view text, const std::string& file);

// The *.toml files of a directory, sorted by name (directory order differs between file systems).
// Throws InputError(dir, reason) when it cannot be read.
std::vector<std::filesystem::path> toml_files_in(const std::filesystem::path& dir);

// "a string", "an integer", "a number", "a boolean", "a table", "an array", "a date or time".
std::string_view toml_kind(const toml::node& node);

// One problem with one field, for the caller's style to word.
struct TomlProblem {
  enum class Kind {
    missing,      // a required key is absent (reported at the table)
    wrong_type,   // the value is not `want`
    empty,        // a required string is ""
    not_finite,   // nan or inf where a number must be finite
    has_nul,      // a string with a NUL character in it
    bad_element,  // an element of a string array is not a string (reported at the element)
    unknown_key,  // a key outside `known`
  };
  Kind kind = Kind::missing;
  std::string_view key{};
  std::string_view want{};                    // "a string", "a number", "an array of strings", ...
  const toml::node* node = nullptr;           // the offending value, when there is one
  std::span<const std::string_view> known{};  // unknown_key: the keys there are
};

struct TomlStyle {
  std::function<std::string(const TomlProblem&)> word;
  // Receives where and the message; throws to stop at the first problem, or records and returns
  // so that validation goes on and reports everything at once.
  std::function<void(const toml::source_region&, std::string)> report;
  bool unknown_key_at_value = false;  // else at the key itself
  // When not empty, every message of the table starts "CONTEXT: " ("concept 'mix_balance': ").
  std::string context;
};

// Stops at the first problem (throw_at), worded "CONTEXT: 'key' must be a string" (concepts and
// the assignment catalogue).
TomlStyle stop_at_first(std::string file, std::string context);

// Typed readers for one table's fields. Every reader returns nullopt (or nullptr) for an absent
// optional field and after reporting a problem (when the style's report returns).
// Rubric, target and concept numbers beyond this size are refused: nothing a course measures
// comes near it, and points of 1e308 would overflow a total into infinity.
inline constexpr double kMaxTomlNumber = 1e9;
// A TOML integer or float as a double (NaN for anything else), safe for integers above 2^53.
double toml_number(const toml::node& node);

class TomlFields {
 public:
  TomlFields(const toml::table& table, TomlStyle style);

  // The node, or nullptr (reporting `missing` with `want` when required).
  const toml::node* get(std::string_view key, bool required, std::string_view want) const;
  std::optional<std::string> string(std::string_view key, bool required = false) const;
  std::string required_string(std::string_view key) const;  // present and not empty; else ""
  // `finite`: reject nan and inf (TOML allows both; NaN slips past every bound).
  std::optional<double> number(std::string_view key, bool required = false,
                               bool finite = true) const;
  std::optional<std::int64_t> integer(std::string_view key, bool required = false) const;
  std::optional<std::vector<std::string>> strings(std::string_view key,
                                                  bool required = false) const;
  const toml::table* table(std::string_view key, bool required = false) const;
  // Reports every key outside `known` (a typo would otherwise be silently ignored).
  void only_keys(std::span<const std::string_view> known) const;
  void only_keys(std::initializer_list<std::string_view> known) const {
    only_keys(std::span(known.begin(), known.size()));
  }

  // Reports `message` at the key's node (or the table when it is absent) and returns.
  void problem(std::string_view key, std::string message) const;
  // The same, for a style that stops at the first problem (a logic_error otherwise).
  [[noreturn]] void fail(std::string_view key, std::string message) const;
  const toml::source_region& where(std::string_view key) const;

 private:
  // The node when present and of the type `is` tests; nullptr when absent or after reporting.
  const toml::node* typed(std::string_view key, bool required, std::string_view want,
                          bool (toml::node::*is)() const noexcept) const;
  void report(const toml::source_region& at, const TomlProblem& p) const;
  std::string with_context(std::string message) const;
  const toml::table& table_;
  TomlStyle style_;
};

}  // namespace mixgrade
