#include "analysis/true_peak.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/true_peak_kernel.hpp"

namespace mixgrade {
namespace {

// ITU-R BS.1770-4 Annex 2, the example interpolating filter (order 48, 4 phases of 12 taps).
// Phase 2 is phase 1 reversed and phase 3 is phase 0 reversed.
constexpr float kPhase0[TruePeakMeter::kTaps] = {
    0.0017089843750f,  0.0109863281250f,  -0.0196533203125f, 0.0332031250000f,
    -0.0594482421875f, 0.1373291015625f,  0.9721679687500f,  -0.1022949218750f,
    0.0476074218750f,  -0.0266113281250f, 0.0148925781250f,  -0.0083007812500f};
constexpr float kPhase1[TruePeakMeter::kTaps] = {
    -0.0291748046875f, 0.0292968750000f,  -0.0517578125000f, 0.0891113281250f,
    -0.1665039062500f, 0.4650878906250f,  0.7797851562500f,  -0.2003173828125f,
    0.1015625000000f,  -0.0582275390625f, 0.0330810546875f,  -0.0189208984375f};

struct Reversed {
  float taps[TruePeakMeter::kTaps];
  constexpr explicit Reversed(const float (&h)[TruePeakMeter::kTaps]) : taps{} {
    for (std::size_t k = 0; k < TruePeakMeter::kTaps; ++k)
      taps[k] = h[TruePeakMeter::kTaps - 1 - k];
  }
};
constexpr Reversed kPhase2(kPhase1);
constexpr Reversed kPhase3(kPhase0);

constexpr std::size_t kHistory = TruePeakMeter::kTaps - 1;

}  // namespace

void TruePeakMeter::begin(int sample_rate, int channels) {
  channels_ = static_cast<std::size_t>(channels);
  // "Incoming signals at higher sampling rates require proportionately less over-sampling":
  // 2x uses phases 0 and 2 (the sample and the half-way point) of the same filter.
  if (sample_rate < 96000)
    phases_ = {kPhase0, kPhase1, kPhase2.taps, kPhase3.taps};
  else if (sample_rate < 192000)
    phases_ = {kPhase0, kPhase2.taps};
  else
    phases_.clear();
  taps_.clear();
  for (const float* h : phases_) taps_.insert(taps_.end(), h, h + kTaps);
  gain_bound_ = 1.0f;
  for (const float* h : phases_) {
    float sum = 0.0f;
    for (std::size_t k = 0; k < kTaps; ++k) sum += std::fabs(h[k]);
    gain_bound_ = std::max(gain_bound_, sum);
  }
  line_.assign(channels_, std::vector<float>(kHistory, 0.0f));
  sample_peak_.assign(channels_, 0.0f);
  true_peak_.assign(channels_, 0.0f);
}

void TruePeakMeter::process(std::span<const float> interleaved) {
  const std::size_t frames = interleaved.size() / channels_;
  over_ = false;
  for (std::size_t c = 0; c < channels_; ++c) {
    std::vector<float>& line = line_[c];
    line.resize(kHistory + frames);
    float block_max = 0.0f;
    for (std::size_t i = 0; i < frames; ++i) {
      const float x = interleaved[i * channels_ + c];
      line[kHistory + i] = x;
      block_max = std::max(block_max, std::fabs(x));
    }
    sample_peak_[c] = std::max(sample_peak_[c], block_max);
    over_ = over_ || block_max > over_threshold_;
    for (std::size_t k = 0; k < kHistory; ++k) block_max = std::max(block_max, std::fabs(line[k]));
    // The filter cannot output more than gain_bound_ times its largest input, so a block that
    // can neither beat the peak found so far nor reach the over threshold is skipped: exact, and
    // most of a programme is skipped.
    if (block_max * gain_bound_ > std::min(true_peak_[c], over_threshold_))
      over_ = filter_channel(c, frames) > over_threshold_ || over_;
    std::copy(line.end() - long(kHistory), line.end(), line.begin());
    line.resize(kHistory);
  }
}

float TruePeakMeter::filter_channel(std::size_t channel, std::size_t frames) {
  // Output n uses inputs n .. n + kTaps - 1 of the line (true_peak_kernel.hpp).
  const float peak = true_peak_kernel(line_[channel].data(), frames, taps_.data(), phases_.size());
  true_peak_[channel] = std::max(true_peak_[channel], peak);
  return peak;
}

void TruePeakMeter::finish() {
  if (!phases_.empty()) {
    const std::vector<float> zeros(kHistory * channels_, 0.0f);
    process(zeros);
  }
  for (std::size_t c = 0; c < channels_; ++c)
    true_peak_[c] = std::max(true_peak_[c], sample_peak_[c]);
}

}  // namespace mixgrade
