#include "cli/target_options.hpp"

#include <filesystem>

#include "analysis/analysis.hpp"

namespace mixgrade {

CLI::Option* add_target_options(CLI::App& app, TargetOptions& options, bool over_rubric) {
  const std::string instead = over_rubric ? "; instead of the rubric's own target" : "";
  auto* target = app.add_option("--target", options.target,
                                "Compare each spectrum with this target curve (TOML, see "
                                "rubrics/targets/ and mixgrade-target build)" +
                                    instead);
  app.add_option("--reference", options.reference,
                 "Compare each spectrum with this reference track (its third-octave levels, "
                 "+-1.5 dB)" +
                     instead)
      ->excludes(target);
  return target;
}

std::optional<TargetCurve> resolve_target(const TargetOptions& options,
                                          const std::optional<TargetCurve>& rubric_curve) {
  if (!options.target.empty()) return load_target(options.target);
  if (options.reference.empty()) return rubric_curve;
  const Analysis ref = measure_reference(options.reference);
  const std::string name = std::filesystem::path(options.reference).filename().string();
  TargetBuildOptions build;
  build.name = "reference " + name;
  return build_target({*ref.spectrum}, {name}, build);
}

}  // namespace mixgrade
