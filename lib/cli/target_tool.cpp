#include "cli/target_tool.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analysis/target.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "core/error.hpp"

namespace mixgrade {
namespace {

constexpr const char* kFooter = R"(
A target holds, per third-octave band (25 Hz-20 kHz), a level relative to the track's total
in-band energy and an allowed deviation below and above it. `build` measures each reference's
long-term spectrum (the same measurement as mixgrade-spectrum), takes the mean level per band as
the target and the references' spread around it as the range, widened to at least
--min-half-width dB either side. Levels are relative, so the references' loudness does not matter.

Exit codes: 0 written (or valid), 2 usage error or invalid target file, 3 a reference could not be
read (nothing is written).

Examples:
  mixgrade-target build refs/*.flac --out rubrics/targets/rock.toml --name rock \
      --description "Five rock masters chosen by the course" --licence "CC BY 4.0"
  mixgrade-target check rubrics/targets/rock.toml
  mixgrade-spectrum --target rubrics/targets/rock.toml mix.wav
)";

struct BuildOptions {
  std::vector<std::string> references;
  std::string out;  // "-" for stdout
  TargetBuildOptions target;
};

int build(const BuildOptions& o) {
  std::vector<SpectrumResult> spectra;
  std::vector<std::string> names;
  for (const auto& ref : o.references) {
    try {
      const auto a = measure_reference(ref);
      for (const auto& w : a.warnings) spdlog::warn("{}: warning: {}", ref, w);
      spectra.push_back(*a.spectrum);
      names.push_back(std::filesystem::path(ref).filename().string());
      spdlog::debug("{}: measured", ref);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      return kExitPartialFailure;
    }
  }
  const std::string text = target_toml(build_target(spectra, names, o.target));
  if (o.out == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(o.out);
  out << text;
  if (!out.flush()) {
    spdlog::error("{}: cannot write", o.out);
    return kExitUsage;
  }
  spdlog::debug("{}: written", o.out);
  return kExitOk;
}

int check(const std::string& path) {
  try {
    const auto curve = load_target(path);
    std::cout << path << ": ok, " << curve.name << ", " << curve.bands.size() << " bands\n";
    return kExitOk;
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  }
}

}  // namespace

int run_target_tool(int argc, char** argv) {
  Shell shell({"mixgrade-target",
               "Build a spectral target curve from reference tracks (build), or validate a "
               "target file (check).",
               kFooter});
  CLI::App& app = shell.app();
  app.require_subcommand(1);

  auto* build_cmd = shell.add_subcommand("build", "Measure reference tracks and write a target");
  BuildOptions b;
  build_cmd->add_option("references", b.references, "Reference tracks (any format mixgrade reads)")
      ->required();
  // --out as in every tool; --output is the name it had first.
  build_cmd
      ->add_option("-o,--out,--output", b.out,
                   "Target file to write ('-' for stdout). --output is an older name for it")
      ->required();
  build_cmd->add_option("--name", b.target.name, "Name shown in reports (default: file stem)");
  build_cmd->add_option("--description", b.target.description, "What the references are");
  build_cmd->add_option("--licence", b.target.licence, "Licence of the reference material");
  build_cmd
      ->add_option("--min-half-width", b.target.min_half_width_db,
                   "Smallest allowed deviation either side of the target, dB")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 20.0));

  auto* check_cmd =
      shell.add_subcommand("check", "Validate a target file (errors name file:line:column)");
  std::string check_path;
  check_cmd->add_option("target", check_path, "Target TOML file")->required();

  if (const auto code = shell.parse(argc, argv)) return *code;
  if (*build_cmd) {
    if (b.target.name.empty()) b.target.name = std::filesystem::path(b.out).stem().string();
    return build(b);
  }
  return check(check_path);
}

}  // namespace mixgrade
