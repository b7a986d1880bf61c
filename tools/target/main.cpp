// mixgrade-target: build a target curve from reference tracks, or check a target file.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analysis/target.hpp"
#include "cli/analysis_tool.hpp"
#include "core/error.hpp"
#include "mixgrade/version.hpp"

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
  mixgrade-target build refs/*.flac -o rubrics/targets/rock.toml --name rock \
      --description "Five rock masters chosen by the course" --licence "CC BY 4.0"
  mixgrade-target check rubrics/targets/rock.toml
  mixgrade-spectrum --target rubrics/targets/rock.toml mix.wav
)";

int build(const std::vector<std::string>& refs, const std::string& output,
          const mixgrade::TargetBuildOptions& options) {
  std::vector<mixgrade::SpectrumResult> spectra;
  std::vector<std::string> names;
  for (const auto& ref : refs) {
    try {
      const auto a = mixgrade::measure_reference(ref);
      for (const auto& w : a.warnings)
        std::cerr << "mixgrade-target: " << ref << ": warning: " << w << "\n";
      spectra.push_back(*a.spectrum);
      names.push_back(std::filesystem::path(ref).filename().string());
    } catch (const std::exception& e) {
      std::cerr << "mixgrade-target: " << e.what() << "\n";
      return mixgrade::kExitPartialFailure;
    }
  }
  const std::string text = mixgrade::target_toml(mixgrade::build_target(spectra, names, options));
  if (output == "-") {
    std::cout << text;
    return mixgrade::kExitOk;
  }
  std::ofstream out(output);
  out << text;
  if (!out.flush()) {
    std::cerr << "mixgrade-target: " << output << ": cannot write\n";
    return mixgrade::kExitUsage;
  }
  return mixgrade::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Build a spectral target curve from reference tracks (build), or validate a "
      "target file (check).",
      "mixgrade-target"};
  app.footer(kFooter);
  app.set_version_flag("--version", std::string("mixgrade-target ") + mixgrade::kVersion);
  app.require_subcommand(1);

  auto* build_cmd = app.add_subcommand("build", "Measure reference tracks and write a target");
  std::vector<std::string> refs;
  std::string output;
  mixgrade::TargetBuildOptions options;
  build_cmd->add_option("references", refs, "Reference tracks (any format mixgrade reads)")
      ->required();
  build_cmd->add_option("-o,--output", output, "Target file to write ('-' for stdout)")->required();
  build_cmd->add_option("--name", options.name, "Name shown in reports (default: file stem)");
  build_cmd->add_option("--description", options.description, "What the references are");
  build_cmd->add_option("--licence", options.licence, "Licence of the reference material");
  build_cmd
      ->add_option("--min-half-width", options.min_half_width_db,
                   "Smallest allowed deviation either side of the target, dB")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 20.0));

  auto* check_cmd =
      app.add_subcommand("check", "Validate a target file (errors name file:line:column)");
  std::string check_path;
  check_cmd->add_option("target", check_path, "Target TOML file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? mixgrade::kExitOk : mixgrade::kExitUsage;
  }
  if (*build_cmd) {
    if (options.name.empty()) options.name = std::filesystem::path(output).stem().string();
    return build(refs, output, options);
  }
  try {
    const auto curve = mixgrade::load_target(check_path);
    std::cout << check_path << ": ok, " << curve.name << ", " << curve.bands.size() << " bands\n";
    return mixgrade::kExitOk;
  } catch (const mixgrade::InputError& e) {
    std::cerr << "mixgrade-target: " << e.what() << "\n";
    return mixgrade::kExitUsage;
  }
}
