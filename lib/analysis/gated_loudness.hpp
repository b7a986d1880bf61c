#pragma once
// Integrated loudness of one channel per ITU-R BS.1770-4, without libebur128: the K-weighting
// (the pre-filter shelf and the RLB high-pass as one 4th-order filter, coefficients recomputed
// for the sample rate as libebur128 recomputes them), K-weighted energy per 100 ms step, 400 ms
// blocks overlapping by 75 %, the absolute gate at -70 LUFS and the relative gate 10 LU below
// the mean of the blocks above it (BS.1770-4 Annex 1, eq. 4-7).
//
// The stereo analyser meters its mono fold-down with it: a second libebur128 meter cost as much
// as everything else in that analyser, mostly in summing every 400 ms block anew every 100 ms.
// libebur128 stays the meter of record for the programme loudness (loudness.cpp); the tests
// hold this meter to libebur128 on the same signal.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace mixgrade {

class GatedLoudness {
 public:
  // weight: the channel's BS.1770 weight G (2.0 for one channel meant for both ears).
  GatedLoudness(int sample_rate, double weight);

  void add(float sample) {
    // Direct form II, the recursion split so that only a1 waits for the previous output.
    const double x = sample;
    const double t = x - a_[2] * v_[1] - a_[3] * v_[2] - a_[4] * v_[3];
    const double v0 = t - a_[1] * v_[0];
    const double y = b_[0] * v0 + b_[1] * v_[0] + b_[2] * v_[1] + b_[3] * v_[2] + b_[4] * v_[3];
    v_[3] = v_[2];
    v_[2] = v_[1];
    v_[1] = v_[0];
    v_[0] = v0;
    step_energy_ += y * y;
    if (++step_filled_ == step_frames_) close_step();
  }
  void add(std::span<const float> samples) {
    for (float x : samples) add(x);
  }

  // Gated loudness in LUFS; null when no 400 ms block passes both gates (shorter than 400 ms,
  // silent, or everything below -70 LUFS).
  std::optional<double> integrated_lufs() const;
  std::size_t step_frames() const { return step_frames_; }

 private:
  void close_step();

  double b_[5]{};
  double a_[5]{};
  double v_[4]{};  // v[n-1] .. v[n-4]
  double weight_ = 1.0;
  std::size_t step_frames_ = 0;  // 100 ms, rounded to whole frames as libebur128 rounds them
  std::size_t step_filled_ = 0;
  double step_energy_ = 0.0;
  double step_energies_[4]{};  // the last four steps' energies
  std::size_t steps_ = 0;
  std::vector<double> blocks_;  // mean square of each 400 ms block above the absolute gate
};

}  // namespace mixgrade
