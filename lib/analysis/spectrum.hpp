#pragma once
// Spectral balance: the long-term average spectrum (Welch), third-octave and named band levels
// relative to the file's in-band energy, spectral tilt, centroid and roll-off.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyser.hpp"

namespace mixgrade {

// ISO 266 (= IEC 61260-1 base-10) third-octave bands: exact centre 1000 * 10^(n/10) Hz for
// n = -16..13, labelled with the nominal centre (25 Hz .. 20 kHz); edges at centre * 10^(+-1/20).
struct ThirdOctave {
  double nominal_hz;
  double center_hz;
  double low_hz;
  double high_hz;
};
inline constexpr std::size_t kThirdOctaveCount = 30;
const std::array<ThirdOctave, kThirdOctaveCount>& third_octaves();
// The band with this nominal centre, or nullptr.
const ThirdOctave* find_third_octave(double nominal_hz);

// The six named bands a mix teacher talks about.
struct NamedBand {
  std::string_view name;
  double low_hz;
  double high_hz;
};
inline constexpr std::array<NamedBand, 6> kNamedBands = {{{"sub", 20, 60},
                                                          {"bass", 60, 250},
                                                          {"low_mid", 250, 500},
                                                          {"mid", 500, 2000},
                                                          {"high_mid", 2000, 6000},
                                                          {"high", 6000, 20000}}};

struct BandLevel {
  std::string name;
  double low_hz = 0.0;
  double high_hz = 0.0;
  std::optional<double> level_db;  // null above Nyquist or for silence
};

struct ThirdOctaveLevel {
  double center_hz = 0.0;  // nominal label
  std::optional<double> level_db;
};

// How a file's third-octave levels compare with a target curve (see analysis/target.hpp).
struct TargetBandDeviation {
  double center_hz = 0.0;
  std::optional<double> deviation_db;  // level minus target; null when the file has no level
  double low_db = 0.0;                 // allowed deviation below the target (<= 0)
  double high_db = 0.0;                // allowed deviation above the target (>= 0)
};

struct TargetComparison {
  std::string name;
  std::optional<double> rms_deviation_db;  // over the bands 40 Hz .. 16 kHz
  std::optional<double> worst_band_hz;
  std::optional<double> worst_deviation_db;
  std::vector<std::string> bands_outside;  // named bands whose mean deviation leaves the range
  std::vector<TargetBandDeviation> third_octave;
};

struct SpectrumResult {
  std::vector<BandLevel> bands;                // the six named bands
  std::vector<ThirdOctaveLevel> third_octave;  // 25 Hz .. 20 kHz
  std::optional<double> tilt_db_per_oct;       // slope over 50 Hz .. 16 kHz
  std::optional<double> centroid_hz;
  std::optional<double> rolloff_hz;        // 85 % of the energy lies below
  std::optional<TargetComparison> target;  // when a target curve was given
};

class RealFft;
struct TargetCurve;

class SpectrumAnalyser final : public Analyser {
 public:
  // Welch window: the smallest power of two giving bins no wider than this (32768 points at
  // 44.1 and 48 kHz). The Hann main lobe is +-2 bins, so at 1.5 Hz a 25 Hz tone (band 5.8 Hz wide)
  // keeps more than 99 % of its energy in its own band; at 3 Hz it kept 93-98 %.
  static constexpr double kMaxBinWidthHz = 1.5;
  static constexpr double kRolloffShare = 0.85;
  static constexpr double kTiltLowHz = 50.0;
  static constexpr double kTiltHighHz = 16000.0;

  // With a target curve (kept by the caller for the pass), finish() adds spectrum.target.
  explicit SpectrumAnalyser(const TargetCurve* target = nullptr);
  ~SpectrumAnalyser() override;
  void begin(const AudioFormat& format) override;
  void process(std::span<const float> interleaved) override;
  void finish(Analysis& result) override;

 private:
  void add_segment(std::size_t valid_frames);
  double band_energy(double low_hz, double high_hz) const;

  std::size_t channels_ = 0;
  double rate_ = 0.0;
  std::size_t size_ = 0;          // FFT length
  std::size_t filled_ = 0;        // frames in buffer_ per channel
  std::unique_ptr<RealFft> fft_;  // planned once in begin(), reused for every segment
  std::vector<float> window_;     // Hann, periodic
  std::vector<float> buffer_;     // the current segment, channel after channel
  std::vector<double> power_;     // |X|^2 summed over channels and segments, size_/2 + 1 bins
  std::int64_t segments_ = 0;
  const TargetCurve* target_ = nullptr;
};

}  // namespace mixgrade
