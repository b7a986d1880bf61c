#pragma once
// The plots of one submission, as SVG (svg.hpp), drawn from its analysis JSON (its "series",
// "events" and blocks) and the rubric's ranges:
//   loudness.svg  short-term and momentary loudness at 10 Hz, the integrated level, the rubric's
//                 integrated-loudness range, the clip and true-peak-over markers;
//   spectrum.svg  third-octave levels against the target range (when the analysis has a target),
//                 with the tilt line;
//   stereo.svg    side/mid per band against the "centred bass" guide, and correlation over time
//                 with the negative stretches shaded.
// Every plot has axes with units, a <title> and a <desc> saying what it shows, Okabe-Ito colours,
// and is byte-identical for the same input. Each plot area is a <rect class="frame"> whose
// data-x and data-y attributes give the data range it spans (what a test reads the lines with).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rubric/rubric.hpp"

namespace mixgrade {

struct PlotGuides {
  // The rubric's full-marks range for loudness.integrated_lufs (either bound may be absent).
  std::optional<double> loudness_min{};
  std::optional<double> loudness_max{};
  // The low band's side/mid ceiling: the rubric's maximum for stereo.bands.low.side_to_mid_db,
  // else the analyser's wide-bass threshold (-10 dB).
  double centred_bass_db = -10.0;
  // The rubric's full-marks range for PLR (the class report's target box).
  std::optional<double> plr_min{};
  std::optional<double> plr_max{};
};

PlotGuides plot_guides(const Rubric& rubric);

struct Plots {
  std::string loudness;  // "" when the analysis has no loudness series (too short, or no series)
  std::string spectrum;  // "" without a spectrum block
  std::string stereo;    // "" for mono files
};

Plots draw_plots(const nlohmann::ordered_json& analysis, const PlotGuides& guides);

// The plot files written next to a student's page, in page order.
inline constexpr const char* kLoudnessPlot = "loudness.svg";
inline constexpr const char* kSpectrumPlot = "spectrum.svg";
inline constexpr const char* kStereoPlot = "stereo.svg";

}  // namespace mixgrade
