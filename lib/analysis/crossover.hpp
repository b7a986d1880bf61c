#pragma once
// 4th-order Linkwitz-Riley crossover filters: two identical 2nd-order Butterworth biquads in
// cascade (Linkwitz 1976), -6 dB at the crossover, 24 dB/octave skirts. Double precision, since
// a 150 Hz biquad at 48 kHz has poles too close to the unit circle for float.
//
// Each filter runs two signals at once (the stereo analyser's mid and side) as the two lanes of
// one SSE2 register: the recursion is serial in time, so lanes are the cheap parallelism.
#include <cmath>
#include <numbers>

namespace mixgrade {

using Lanes2 = double __attribute__((vector_size(16)));

class Biquad {
 public:
  enum class Kind { lowpass, highpass };
  // RBJ Audio EQ Cookbook, Q = 1/sqrt(2) (Butterworth).
  Biquad(Kind kind, double freq_hz, double rate_hz) {
    const double w = 2.0 * std::numbers::pi * freq_hz / rate_hz;
    constexpr double q = 1.0 / std::numbers::sqrt2;
    const double alpha = std::sin(w) / (2.0 * q);
    const double c = std::cos(w);
    const double a0 = 1.0 + alpha;
    const double g = kind == Kind::lowpass ? (1.0 - c) / 2.0 : (1.0 + c) / 2.0;
    b0_ = g / a0;
    b1_ = (kind == Kind::lowpass ? 2.0 * g : -2.0 * g) / a0;
    b2_ = g / a0;
    a1_ = -2.0 * c / a0;
    a2_ = (1.0 - alpha) / a0;
  }
  Lanes2 operator()(Lanes2 x) {  // transposed direct form II
    const Lanes2 y = b0_ * x + z1_;
    z1_ = b1_ * x - a1_ * y + z2_;
    z2_ = b2_ * x - a2_ * y;
    return y;
  }

 private:
  double b0_, b1_, b2_, a1_, a2_;
  Lanes2 z1_ = {0.0, 0.0}, z2_ = {0.0, 0.0};
};

class LinkwitzRiley4 {
 public:
  LinkwitzRiley4(Biquad::Kind kind, double freq_hz, double rate_hz)
      : first_(kind, freq_hz, rate_hz), second_(kind, freq_hz, rate_hz) {}
  Lanes2 operator()(Lanes2 x) { return second_(first_(x)); }

 private:
  Biquad first_, second_;
};

}  // namespace mixgrade
