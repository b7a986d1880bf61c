#pragma once
// Diagnostics for people: one line per problem on stderr, "<tool>: <message>", the format every
// mixgrade tool has always printed (CLI tests match it). stdout is for data and never logged to.
//
// lib/ code may call spdlog::warn / spdlog::debug with messages that name their input; the tool
// configures once, in main, how much of it the user sees. Always pass user text as an argument
// ("{}"), never as the format string: file names may contain braces.
#include <string_view>

namespace mixgrade {

enum class Verbosity {
  quiet,    // --quiet: errors only
  normal,   // warnings and errors (info too: a tool's own notes)
  verbose,  // --verbose: also debug lines (what was loaded, how the run was set up)
};

// Makes spdlog's default logger write "<tool>: <message>\n" to stderr at the given verbosity.
// Safe to call again (a subcommand renames the tool, parsed options change the level).
void setup_logging(std::string_view tool, Verbosity verbosity = Verbosity::normal);

// Changes only the level of what setup_logging configured.
void set_verbosity(Verbosity verbosity);

// An error line that already begins with its place, such as a rubric's FILE:LINE:COLUMN: message:
// printed as it is, without the tool's name, at error level.
void log_error_as_is(std::string_view line);

}  // namespace mixgrade
