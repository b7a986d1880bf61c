#pragma once
// True peak per ITU-R BS.1770-4 Annex 2: the signal is oversampled (4x below 96 kHz, 2x below
// 192 kHz, not at all above) with the Annex's example 48-tap polyphase FIR and the largest
// absolute value is taken. Part of the loudness analyser, not an Analyser of its own.
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "analysis/true_peak_kernel.hpp"

namespace mixgrade {

class TruePeakMeter {
 public:
  static constexpr std::size_t kTaps = kTruePeakKernelTaps;  // per phase

  void begin(int sample_rate, int channels);
  // Overs: after each process(), over() says whether that block took any channel's true peak
  // above `linear` (infinity, the default, looks for none). Blocks that cannot reach it are still
  // skipped exactly.
  void set_over_threshold(float linear) { over_threshold_ = linear; }
  bool over() const { return over_; }
  void process(std::span<const float> interleaved);
  // Flushes the filter with zeros (the signal ends in silence) and returns per channel peaks,
  // linear: max(|sample|) and max(|oversampled|).
  void finish();
  const std::vector<float>& sample_peaks() const { return sample_peak_; }
  const std::vector<float>& true_peaks() const { return true_peak_; }
  int oversampling() const { return static_cast<int>(phases_.size()); }

 private:
  float filter_channel(std::size_t channel, std::size_t frames);  // the block's largest |output|

  std::size_t channels_ = 0;
  std::vector<const float*> phases_;  // the Annex 2 phases in use
  std::vector<float> taps_;           // the same, one after another, for the kernel
  float gain_bound_ = 1.0f;           // max over phases of sum |h|: |output| <= bound * max |input|
  float over_threshold_ = HUGE_VALF;
  bool over_ = false;
  std::vector<std::vector<float>> line_;  // per channel: kTaps - 1 samples of history, then a block
  std::vector<float> sample_peak_;
  std::vector<float> true_peak_;
};

}  // namespace mixgrade
