#pragma once
// The stereo analyser's three width bands: 4th-order Linkwitz-Riley crossovers, each two
// identical 2nd-order Butterworth biquads in cascade (Linkwitz 1976), -6 dB at the crossover,
// 24 dB/octave skirts. Double precision, since a 150 Hz biquad at 48 kHz has poles too close to
// the unit circle for float.
//
// Mid and side each pass four crossovers: the low band's low-pass, the mid band's high-pass
// then low-pass, and the high band's high-pass. The recursion is serial in time, so the
// parallelism is across filters: the eight (filter, signal) pairs of one cascade stage are the
// eight lanes of one vector (one AVX-512 register, two AVX2 or four SSE2 ones: the loop is
// compiled for each and the best the CPU has is chosen at run time). The mid band's low-pass takes
// the high-pass's output, so it runs one sample behind, in the lanes the others leave free, and is
// flushed by finish(). Every lane computes what one scalar biquad would, in the same order and
// without fused multiply-adds, so the energies are those of the filters run one after another.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace mixgrade {

// RBJ Audio EQ Cookbook, Q = 1/sqrt(2) (Butterworth), transposed direct form II.
struct BiquadCoefficients {
  enum class Kind { lowpass, highpass };
  static BiquadCoefficients butterworth(Kind kind, double freq_hz, double rate_hz);
  double b0, b1, b2, a1, a2;
};

class CrossoverBank {
 public:
  // The mid band runs from low_hz to high_hz, the high band from high_hz up.
  CrossoverBank(double low_hz, double high_hz, double rate_hz);
  // Frames of interleaved audio: mid = (L + R) / 2 and side = (L - R) / 2 of channels 0 and 1.
  void add(const float* interleaved, std::size_t frames, std::size_t channels);
  void finish();  // the mid band's last sample

  using MidSide = std::array<double, 2>;  // sums of squares, {mid, side}
  MidSide low() const { return {e_[0], e_[1]}; }
  MidSide above_low() const { return {e_[2], e_[3]}; }  // the mid band's high-pass alone
  MidSide high() const { return {e_[4], e_[5]}; }
  MidSide mid() const { return {e_[6], e_[7]}; }

  static constexpr std::size_t kLanes = 8;

  // The instruction sets the loop can run on this machine ("avx512f", "avx2", "baseline"), the
  // one in use, and, for the tests, a way to force one ("" or an unknown name: the best again).
  static std::vector<std::string> targets();
  static std::string target();
  static void force_target_for_test(const std::string& name);

 private:
  // [stage][b0 b1 b2 a1 a2][lane]: stage 0 is each cascade's first biquad, stage 1 its second.
  alignas(64) double c_[2][5][kLanes]{};
  alignas(64) double z_[2][2][kLanes]{};  // [stage][z1 z2][lane]
  alignas(64) double e_[kLanes]{};
  // The mid band's high-pass output of the two samples before, waiting for its low-pass:
  // {mid, side} two back, then {mid, side} one back.
  double pending_[4]{};
};

}  // namespace mixgrade
