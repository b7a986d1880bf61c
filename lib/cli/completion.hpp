#pragma once
// Shell completion scripts, generated from a tool's own CLI11 definitions (its options, which of
// them take a value, and its subcommands), so completion cannot drift from --help. Every tool
// prints them with the hidden option `--completion bash|zsh`; the build installs the output
// (bash: share/bash-completion/completions/<tool>, zsh: share/zsh/vendor-completions/_<tool>).
// An option that takes a value completes file and folder names; the others complete as words.
#include <CLI/CLI.hpp>
#include <string>

namespace mixgrade {

std::string bash_completion(const CLI::App& app);
std::string zsh_completion(const CLI::App& app);

}  // namespace mixgrade
