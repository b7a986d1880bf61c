#include "cli/shell.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "cli/completion.hpp"
#include "core/edit_distance.hpp"
#include "mixgrade/version.hpp"

namespace mixgrade {
namespace {

std::string_view without_dashes(std::string_view name) {
  while (name.starts_with('-')) name.remove_prefix(1);
  return name;
}

void collect_names(const CLI::App& app, std::vector<std::string>& out) {
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) out.push_back("--" + l);
    for (const auto& s : opt->get_snames()) out.push_back("-" + s);
  }
  // Option groups are nameless subcommands.
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name().empty()) collect_names(*sub, out);
}

bool is_option(const std::string& arg) {
  return arg.size() > 1 && arg.front() == '-';
}

// The app or subcommand on the command line that was given an option it does not know, and the
// option; its own names are the ones to suggest from.
std::optional<std::pair<const CLI::App*, std::string>> unknown_option(const CLI::App& app) {
  for (const auto& arg : app.remaining(false))
    if (is_option(arg)) return std::pair{&app, arg};
  for (const CLI::App* sub : app.get_subcommands())
    if (auto found = unknown_option(*sub)) return found;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> closest_name(std::string_view given,
                                        const std::vector<std::string>& candidates) {
  const std::string_view g = without_dashes(given);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::string_view c = without_dashes(candidate);
    const std::size_t allowed = std::min<std::size_t>(3, std::max(g.size(), c.size()) / 3);
    const std::size_t distance = edit_distance(g, c);
    if (distance > allowed || allowed == 0) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  collect_names(app, names);
  return names;
}

std::string usage_error_message(const CLI::ParseError& error, const CLI::App& app) {
  // What was not understood, on the app or any subcommand it reached. CLI11 checks required
  // options before it complains about unknown ones, but a misspelt option is the likelier cause:
  // `--rubirc x.toml` should say so, not that --rubric is missing.
  if (const auto unknown = unknown_option(app)) {
    const auto& [where, arg] = *unknown;
    const std::string name = arg.substr(0, arg.find('='));
    const auto suggestion = closest_name(name, option_names(*where));
    return "unknown option " + name +
           (suggestion ? " (did you mean " + *suggestion + "?)" : " (try --help)");
  }
  const std::vector<std::string> extras = app.remaining(true);
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr && !extras.empty())
    return "unexpected argument " + extras.front() + " (try --help)";
  const std::string what = error.what();
  return what + " (try --help)";
}

Shell::Shell(ToolInfo info) : info_(std::move(info)), app_(info_.summary, info_.name) {
  setup_logging(info_.name);
  app_.footer(info_.footer);
  app_.set_version_flag("--version", info_.name + " " + kVersion);
  add_common_options(app_);
  // Hidden (no group): the build runs it to install completions; printed like --version.
  app_.add_option_function<std::string>(
          "--completion",
          [this](const std::string& shell) {
            throw CLI::CallForVersion(shell == "zsh" ? zsh_completion(app_) : bash_completion(app_),
                                      0);
          },
          "Print a bash or zsh completion script for this tool")
      ->check(CLI::IsMember({"bash", "zsh"}))
      ->trigger_on_parse()
      ->group("");
}

void Shell::add_common_options(CLI::App& app) {
  app.add_flag("-q,--quiet", quiet_, "Only errors on stderr: no warnings");
  app.add_flag("-v,--verbose", verbose_,
               "Also debug lines on stderr: what was loaded, how the run is set up");
}

CLI::App* Shell::add_subcommand(std::string name, std::string description) {
  CLI::App* sub = app_.add_subcommand(std::move(name), std::move(description));
  add_common_options(*sub);
  return sub;
}

std::optional<int> Shell::parse(int argc, char** argv) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      app_.exit(e);  // --help or --version, on stdout
      return kExitOk;
    }
    spdlog::error("{}", usage_error_message(e, app_));
    return kExitUsage;
  }
  if (quiet_ && verbose_) {
    spdlog::error("--quiet and --verbose exclude each other (try --help)");
    return kExitUsage;
  }
  set_verbosity(verbosity());
  return std::nullopt;
}

Verbosity Shell::verbosity() const {
  if (quiet_) return Verbosity::quiet;
  return verbose_ ? Verbosity::verbose : Verbosity::normal;
}

}  // namespace mixgrade
