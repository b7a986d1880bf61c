#pragma once
// Stereo width and mono compatibility: L/R correlation, side-to-mid energy (overall and in three
// bands), balance, and the loudness lost when the mix is folded down to mono.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analyser.hpp"

namespace mixgrade {

struct StereoBand {
  std::string name;  // "low", "mid", "high"
  std::optional<double> side_to_mid_db;
};

// Mono files: mono = true and every number null. Ratios are limited to +-100 dB, so a file with
// no side energy at all (L = R) reads -100 dB rather than minus infinity.
struct StereoResult {
  bool mono = false;
  std::optional<double> correlation;               // Pearson, L against R, whole file
  std::optional<double> negative_correlation_pct;  // share of 400 ms windows below 0
  std::optional<double> side_to_mid_db;            // S = (L-R)/2 over M = (L+R)/2
  std::optional<double> balance_db;                // L energy over R energy
  std::optional<double> mono_loss_lu;              // fold-down loudness minus stereo loudness
  bool wide_bass = false;                          // low band side-to-mid above the threshold
  std::optional<bool> polarity_inverted;           // one channel flipped; null for mono files
  std::vector<StereoBand> bands;                   // low < 150 Hz, mid, high > 5 kHz
  // Correlation of each 400 ms window in turn (NaN for one below the floor): the plot's trace.
  std::vector<double> correlation_series{};
  // Runs of consecutive negative windows: how many, and [start, end] in seconds of the first
  // kMaxEventTimes.
  std::int64_t negative_stretches = 0;
  std::vector<std::pair<double, double>> negative_stretch_times_s{};
};

class StereoAnalyser final : public Analyser {
 public:
  static constexpr double kWindowSeconds = 0.4;
  // A 400 ms window counts only when both channels are above this RMS level: below it the sign
  // of the correlation is decided by dither and noise, not by the mix.
  static constexpr double kWindowFloorDbfs = -70.0;
  static constexpr double kLowCrossoverHz = 150.0;
  static constexpr double kHighCrossoverHz = 5000.0;
  // Wide bass: side within 10 dB of mid below 150 Hz, i.e. an L/R correlation in that band below
  // (1 - 0.1) / (1 + 0.1) = 0.82. Bass that differs that much between the speakers thins out in
  // mono, smears on club systems that sum the low end, and cannot be cut to vinyl unmodified.
  // The flag is advice for produced mixes: spaced-microphone recordings are often wider (the
  // Wesnoth orchestral tracks behind rubrics/targets read -4 to -8 dB).
  static constexpr double kWideBassDb = -10.0;
  // ...judged only when the low band holds at least 0.1 % of the energy (-30 dB), so a track
  // with no bass is not flagged for the width of its noise floor.
  static constexpr double kWideBassMinShare = 1e-3;
  static constexpr double kRatioLimitDb = 100.0;
  // Polarity flip: one channel is (nearly) the other turned upside down. Two facts together, so
  // that a wide mix is not mistaken for one: a whole-file correlation of -0.9 or lower (a
  // widener or a Haas delay on some parts pulls it towards 0, rarely past -0.5), and a fold-down
  // that loses at least 10 LU (equal channels with correlation r fold to 10 log10((1 + r) / 2):
  // -3 LU for unrelated channels, -13 LU at r = -0.9), or cancels below the gate altogether.
  static constexpr double kPolarityCorrelation = -0.9;
  static constexpr double kPolarityMonoLossLu = -10.0;

  // Where the stereo integrated loudness for mono_loss_lu comes from. libebur128 costs about as
  // much per channel as everything else here, so a two-channel file is metered once: with
  // loudness_block the analyser reads result.loudness (the pipeline's loudness analyser measures
  // the same L/R pair and finishes first) and meters only the fold-down itself.
  enum class StereoLoudness { own_meter, loudness_block };

  explicit StereoAnalyser(StereoLoudness source = StereoLoudness::own_meter);
  ~StereoAnalyser() override;
  void begin(const AudioFormat& format) override;
  void process(std::span<const float> interleaved) override;
  void finish(Analysis& result) override;

 private:
  struct BandSplit;  // the crossovers (analysis/crossover.hpp) and their energies
  void end_window();

  struct Meters;  // the fold-down meter and libebur128's (its typedef cannot be forward-declared)
  StereoLoudness loudness_source_;
  std::unique_ptr<Meters> meters_;
  std::size_t channels_ = 0;
  std::vector<float> pair_;  // L/R of a file with more than two channels, for the meter
  double ll_ = 0.0, rr_ = 0.0, lr_ = 0.0;
  double w_ll_ = 0.0, w_rr_ = 0.0, w_lr_ = 0.0;  // the current 400 ms window
  std::int64_t window_length_ = 0;
  std::int64_t window_filled_ = 0;
  std::int64_t windows_ = 0;
  std::int64_t negative_windows_ = 0;
  std::int64_t all_windows_ = 0;  // full windows, counted or not
  bool in_negative_ = false;      // the last window was negative
  std::vector<double> correlation_series_;
  std::int64_t negative_stretches_ = 0;
  std::vector<std::pair<double, double>> negative_stretch_times_;
  double window_floor_ = 0.0;  // mean square
  std::unique_ptr<BandSplit> bands_;
};

}  // namespace mixgrade
