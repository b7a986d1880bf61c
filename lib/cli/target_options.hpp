#pragma once
// --target and --reference, the same in every tool that measures a spectrum (mixgrade-analyze,
// -spectrum, -score, -batch): which curve the spectrum is compared with.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "analysis/target.hpp"

namespace mixgrade {

struct TargetOptions {
  std::string target;     // --target T.toml
  std::string reference;  // --reference REF.wav
  bool given() const { return !target.empty() || !reference.empty(); }
};

// Adds --target and --reference (each excludes the other); `over_rubric` says in --help that
// they take the place of the rubric's own `target`. Returns --target, for excludes().
CLI::Option* add_target_options(CLI::App& app, TargetOptions& options, bool over_rubric);

// The curve of a run: --target loads a curve; --reference measures a track and makes a
// one-reference curve from it; otherwise `rubric_curve` (the rubric's `target`), if any. The
// command line wins. Throws InputError naming the file.
std::optional<TargetCurve> resolve_target(const TargetOptions& options,
                                          const std::optional<TargetCurve>& rubric_curve = {});

}  // namespace mixgrade
