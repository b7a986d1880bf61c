#include "analysis/crossover.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>

namespace mixgrade {
namespace {

using Lanes8 = double __attribute__((vector_size(64)));

// By reference: a 64-byte vector passed by value would change the ABI between the versions.
void load(Lanes8& v, const double (&a)[CrossoverBank::kLanes]) {
  __builtin_memcpy(&v, a, sizeof v);
}
void store(double (&a)[CrossoverBank::kLanes], const Lanes8& v) {
  __builtin_memcpy(a, &v, sizeof v);
}

struct State {
  double (&c)[2][5][CrossoverBank::kLanes];
  double (&z)[2][2][CrossoverBank::kLanes];
  double (&e)[CrossoverBank::kLanes];
  double (&pending)[4];
};

// The loop, compiled once per instruction set below; the file is built with -ffp-contract=off, so
// no version fuses a multiply into an add.
[[gnu::always_inline]] inline void run(State s, const float* data, std::size_t frames,
                                       std::size_t channels) {
  Lanes8 b0a, b1a, b2a, a1a, a2a, b0b, b1b, b2b, a1b, a2b, z1a, z2a, z1b, z2b, e;
  load(b0a, s.c[0][0]);
  load(b1a, s.c[0][1]);
  load(b2a, s.c[0][2]);
  load(a1a, s.c[0][3]);
  load(a2a, s.c[0][4]);
  load(b0b, s.c[1][0]);
  load(b1b, s.c[1][1]);
  load(b2b, s.c[1][2]);
  load(a1b, s.c[1][3]);
  load(a2b, s.c[1][4]);
  load(z1a, s.z[0][0]);
  load(z2a, s.z[0][1]);
  load(z1b, s.z[1][0]);
  load(z2b, s.z[1][1]);
  load(e, s.e);
  // The mid band's low-pass lanes take the high-pass output of two samples before: with one,
  // each sample's vector waited for the one before it to leave the second stage.
  double pm2 = s.pending[0], ps2 = s.pending[1], pm1 = s.pending[2], ps1 = s.pending[3];
  for (std::size_t i = 0; i < frames; ++i) {
    const double l = data[i * channels];
    const double r = data[i * channels + 1];
    const double m = 0.5 * (l + r);
    const double sd = 0.5 * (l - r);
    const Lanes8 x = {m, sd, m, sd, m, sd, pm2, ps2};
    const Lanes8 ya = b0a * x + z1a;
    z1a = b1a * x - a1a * ya + z2a;
    z2a = b2a * x - a2a * ya;
    const Lanes8 yb = b0b * ya + z1b;
    z1b = b1b * ya - a1b * yb + z2b;
    z2b = b2b * ya - a2b * yb;
    e += yb * yb;
    pm2 = pm1;
    ps2 = ps1;
    pm1 = yb[2];
    ps1 = yb[3];
  }
  store(s.z[0][0], z1a);
  store(s.z[0][1], z2a);
  store(s.z[1][0], z1b);
  store(s.z[1][1], z2b);
  store(s.e, e);
  s.pending[0] = pm2;
  s.pending[1] = ps2;
  s.pending[2] = pm1;
  s.pending[3] = ps1;
}

using Run = void (*)(State, const float*, std::size_t, std::size_t);

void run_baseline(State s, const float* data, std::size_t frames, std::size_t channels) {
  run(s, data, frames, channels);
}

struct Version {
  const char* name;
  Run run;
  bool supported;
};

#if defined(__x86_64__)
[[gnu::target("avx2")]] void run_avx2(State s, const float* data, std::size_t frames,
                                      std::size_t channels) {
  run(s, data, frames, channels);
}
[[gnu::target("avx512f")]] void run_avx512(State s, const float* data, std::size_t frames,
                                           std::size_t channels) {
  run(s, data, frames, channels);
}
const std::vector<Version>& versions() {
  static const std::vector<Version> all = {
      {"avx512f", run_avx512, __builtin_cpu_supports("avx512f") != 0},
      {"avx2", run_avx2, __builtin_cpu_supports("avx2") != 0},
      {"baseline", run_baseline, true}};
  return all;
}
#else
const std::vector<Version>& versions() {
  static const std::vector<Version> all = {{"baseline", run_baseline, true}};
  return all;
}
#endif

// The best version the CPU has, unless a test forced another.
std::atomic<const Version*> forced{nullptr};
const Version& chosen() {
  if (const Version* v = forced.load(std::memory_order_relaxed)) return *v;
  static const Version& best = *std::find_if(versions().begin(), versions().end(),
                                             [](const Version& v) { return v.supported; });
  return best;
}

}  // namespace

std::vector<std::string> CrossoverBank::targets() {
  std::vector<std::string> names;
  for (const Version& v : versions())
    if (v.supported) names.emplace_back(v.name);
  return names;
}

void CrossoverBank::force_target_for_test(const std::string& name) {
  const Version* pick = nullptr;
  for (const Version& v : versions())
    if (v.supported && v.name == name) pick = &v;
  forced.store(pick, std::memory_order_relaxed);
}

std::string CrossoverBank::target() {
  return chosen().name;
}

BiquadCoefficients BiquadCoefficients::butterworth(Kind kind, double freq_hz, double rate_hz) {
  const double w = 2.0 * std::numbers::pi * freq_hz / rate_hz;
  constexpr double q = 1.0 / std::numbers::sqrt2;
  const double alpha = std::sin(w) / (2.0 * q);
  const double c = std::cos(w);
  const double a0 = 1.0 + alpha;
  const double g = kind == Kind::lowpass ? (1.0 - c) / 2.0 : (1.0 + c) / 2.0;
  return {g / a0, (kind == Kind::lowpass ? 2.0 * g : -2.0 * g) / a0, g / a0, -2.0 * c / a0,
          (1.0 - alpha) / a0};
}

CrossoverBank::CrossoverBank(double low_hz, double high_hz, double rate_hz) {
  using Kind = BiquadCoefficients::Kind;
  // Lanes {mid, side} of: the low band, the mid band's high-pass, the high band, the mid band's
  // low-pass. Both stages of a Linkwitz-Riley filter are the same biquad.
  const BiquadCoefficients filters[4] = {
      BiquadCoefficients::butterworth(Kind::lowpass, low_hz, rate_hz),
      BiquadCoefficients::butterworth(Kind::highpass, low_hz, rate_hz),
      BiquadCoefficients::butterworth(Kind::highpass, high_hz, rate_hz),
      BiquadCoefficients::butterworth(Kind::lowpass, high_hz, rate_hz)};
  for (std::size_t lane = 0; lane < kLanes; ++lane) {
    const BiquadCoefficients& f = filters[lane / 2];
    for (auto& stage : c_) {
      stage[0][lane] = f.b0;
      stage[1][lane] = f.b1;
      stage[2][lane] = f.b2;
      stage[3][lane] = f.a1;
      stage[4][lane] = f.a2;
    }
  }
}

void CrossoverBank::add(const float* interleaved, std::size_t frames, std::size_t channels) {
  chosen().run({c_, z_, e_, pending_}, interleaved, frames, channels);
}

void CrossoverBank::finish() {
  // The last two high-pass outputs, older first, through the mid band's low-pass: lanes 6 and 7
  // alone, scalar.
  for (std::size_t k = 0; k < 2; ++k) {
    const std::size_t lane = 6 + k;
    for (const std::size_t pending : {k, k + 2}) {
      double y = pending_[pending];
      for (std::size_t stage = 0; stage < 2; ++stage) {
        const double(&c)[5][kLanes] = c_[stage];
        double& z1 = z_[stage][0][lane];
        double& z2 = z_[stage][1][lane];
        const double x = y;
        y = c[0][lane] * x + z1;
        z1 = c[1][lane] * x - c[3][lane] * y + z2;
        z2 = c[2][lane] * x - c[4][lane] * y;
      }
      e_[lane] += y * y;
      pending_[pending] = 0.0;
    }
  }
}

}  // namespace mixgrade
