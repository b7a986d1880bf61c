#pragma once
// Target curves: a target level and an allowed range per third-octave band, built from reference
// tracks and stored as TOML (rubrics/targets/*.toml), and the comparison of a file's spectrum
// with one.
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "analysis/spectrum.hpp"

namespace mixgrade {

struct TargetBand {
  double center_hz = 0.0;  // nominal ISO 266 centre
  double target_db = 0.0;  // level relative to the in-band energy, as in SpectrumResult
  double low_db = 0.0;     // allowed deviation below target_db (<= 0)
  double high_db = 0.0;    // allowed deviation above target_db (>= 0)
};

struct TargetCurve {
  std::string name;
  std::string description;
  std::string built_from;  // how it was made (tool, references, rule for the range)
  std::string licence;     // of the reference material
  std::vector<std::string> references;
  std::vector<TargetBand> bands;  // ascending centre
};

struct TargetBuildOptions {
  std::string name;
  std::string description;
  std::string licence;
  // The range is the spread of the references around their mean, widened to at least this
  // much either side: one or two references agree too well to make a fair tolerance.
  double min_half_width_db = 1.5;
};

// Measures a reference track's spectrum in a pass of its own (no other analyser runs); the
// result's spectrum block is always set. Throws InputError naming the file.
Analysis measure_reference(const std::filesystem::path& path);

// Reads and validates a target file. Throws InputError whose source is "file:line:column".
TargetCurve load_target(const std::filesystem::path& path);

// The TOML text of a curve (what `mixgrade-target build` writes).
std::string target_toml(const TargetCurve& curve);

// Centre = mean of the references' third-octave levels (each relative to its own in-band energy,
// so a reference's gain cancels: they are loudness-normalised by construction); range = the
// references' minimum and maximum around that mean, at least min_half_width_db either side.
// Bands no reference measured (above its Nyquist, or silent) are left out. `names` label the
// references in the file.
TargetCurve build_target(const std::vector<SpectrumResult>& references,
                         const std::vector<std::string>& names, const TargetBuildOptions& options);

// Deviation per band; RMS and worst band over 40 Hz .. 16 kHz; a named band is outside when the
// mean deviation of its third-octave bands leaves their mean range.
inline constexpr double kTargetRmsLowHz = 40.0;
inline constexpr double kTargetRmsHighHz = 16000.0;
TargetComparison compare_to_target(const SpectrumResult& spectrum, const TargetCurve& curve);

}  // namespace mixgrade
