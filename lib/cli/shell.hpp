#pragma once
// One shell for every tool: the CLI11 app with its name, summary, footer and --version; the
// options every tool has (--quiet, --verbose); parsing, with CLI11's errors turned into the
// tools' own one-line style; and the stderr logger. A tool adds its options to app(), calls
// parse(), and then runs.
//
//   Shell shell({.name = "mixgrade-x", .summary = "...", .footer = kFooter});
//   shell.app().add_flag("--json", json, "...");
//   if (const auto code = shell.parse(argc, argv)) return *code;
//
// Errors on stderr, exit 2:
//   mixgrade-x: unknown option --jsn (did you mean --json?)
//   mixgrade-x: --hint-level: Value 4 not in range 1 to 3 (try --help)
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_codes.hpp"
#include "core/log.hpp"

namespace mixgrade {

struct ToolInfo {
  std::string name;     // "mixgrade-analyze": the program name in --help, --version and on stderr
  std::string summary;  // first paragraph of --help
  std::string footer;   // after the options: formats, exit codes, examples
};

class Shell {
 public:
  explicit Shell(ToolInfo info);
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  CLI::App& app() { return app_; }

  // A subcommand (mixgrade-target build, mixgrade-batch merge) that takes --quiet and --verbose
  // too. Its options are its own: what it does not know is an unknown option, named as such.
  CLI::App* add_subcommand(std::string name, std::string description);
  const std::string& name() const { return info_.name; }

  // Parses the command line. Returns the exit code when the tool should stop now: 0 after --help
  // or --version (printed on stdout), 2 after a usage error (one line on stderr). Returns nothing
  // when the tool should run; logging is then set to --quiet / --verbose.
  std::optional<int> parse(int argc, char** argv);

  Verbosity verbosity() const;

 private:
  ToolInfo info_;
  CLI::App app_;
  bool quiet_ = false;
  bool verbose_ = false;

  void add_common_options(CLI::App& app);
};

// The candidate closest to `given` by edit distance (Levenshtein, case-sensitive), if it is close
// enough to be a likely typo: at most a third of the longer name's characters differ (at least
// one, at most three). Ties go to the earlier candidate.
std::optional<std::string> closest_name(std::string_view given,
                                        const std::vector<std::string>& candidates);

// Every option spelling the app accepts ("--json", "-j"), in the order they were added, with
// those of its option groups; not those of its subcommands.
std::vector<std::string> option_names(const CLI::App& app);

// The one line a parse error becomes (without the tool's name and ": ").
std::string usage_error_message(const CLI::ParseError& error, const CLI::App& app);

}  // namespace mixgrade
