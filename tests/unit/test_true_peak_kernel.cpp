// The true-peak kernel (analysis/true_peak_kernel.hpp) at every instruction set this machine and
// this build have (Highway's SupportedAndGeneratedTargets, forced one at a time), against the
// scalar reference, bit for bit: random signals and taps, and the worst cases for a peak meter
// (full-scale square waves, DC, alternating +-1, single impulses), at lengths around every
// vector width so that the vector body and the scalar tail are both exercised.
#define BOOST_TEST_MODULE true_peak_kernel
#include <hwy/targets.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "analysis/true_peak.hpp"
#include "analysis/true_peak_kernel.hpp"

using namespace mixgrade;

namespace {

constexpr std::size_t kTaps = kTruePeakKernelTaps;

// Runs f once per target, with the dispatch forced to it and checked to have moved there.
template <class F>
void at_every_target(F f) {
  const auto targets = hwy::SupportedAndGeneratedTargets();
  BOOST_TEST_REQUIRE(!targets.empty());
  for (const auto target : targets) {
    hwy::SetSupportedTargetsForTest(target);
    BOOST_TEST_CONTEXT("target " << hwy::TargetName(target)) {
      BOOST_TEST(std::string(true_peak_kernel_target()) == hwy::TargetName(target));
      f();
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  BOOST_TEST_MESSAGE("targets covered: " << [&] {
    std::string names;
    for (const auto t : targets) names += std::string(hwy::TargetName(t)) + " ";
    return names;
  }());
}

// x holds frames + kTaps - 1 samples.
void check(const std::vector<float>& x, const std::vector<float>& taps, const std::string& what) {
  const std::size_t phases = taps.size() / kTaps;
  const std::size_t frames = x.size() - (kTaps - 1);
  const float reference = true_peak_kernel_scalar(x.data(), frames, taps.data(), phases);
  const float vector = true_peak_kernel(x.data(), frames, taps.data(), phases);
  BOOST_TEST_CONTEXT(what << ", " << frames << " frames, " << phases << " phases") {
    // Bit for bit: the same float, not merely a close one.
    BOOST_TEST(std::memcmp(&reference, &vector, sizeof(float)) == 0,
               vector << " against the scalar " << reference);
  }
}

std::vector<float> random_values(std::size_t n, float amplitude, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-amplitude, amplitude);
  std::vector<float> v(n);
  for (auto& x : v) x = u(rng);
  return v;
}

// Lengths across every vector width (4, 8, 16 floats) and past them, and a long block.
const std::vector<std::size_t> kFrames = {1,  2,  3,  4,  5,  7,   8,   9,   15,
                                          16, 17, 31, 33, 64, 100, 480, 4097};

}  // namespace

BOOST_AUTO_TEST_CASE(random_signals_and_taps_match_the_scalar_reference) {
  at_every_target([] {
    std::mt19937 rng(17);
    for (const std::size_t phases : {1u, 2u, 4u})
      for (const std::size_t frames : kFrames)
        check(random_values(frames + kTaps - 1, 1.0f, rng),
              random_values(phases * kTaps, 1.0f, rng), "random");
    // Float files may hold samples far past full scale.
    check(random_values(999 + kTaps - 1, 1e4f, rng), random_values(4 * kTaps, 1.0f, rng),
          "random, +-10000");
  });
}

BOOST_AUTO_TEST_CASE(worst_cases_match_the_scalar_reference) {
  std::mt19937 rng(5);
  const auto taps = random_values(4 * kTaps, 1.0f, rng);
  at_every_target([&] {
    for (const std::size_t frames : kFrames) {
      const std::size_t n = frames + kTaps - 1;
      for (const std::size_t half_period : {1u, 2u, 3u, 24u}) {  // 1: alternating +-1
        std::vector<float> square(n);
        for (std::size_t i = 0; i < n; ++i) square[i] = (i / half_period) % 2 ? -1.0f : 1.0f;
        check(square, taps, "square, half period " + std::to_string(half_period));
      }
      check(std::vector<float>(n, 1.0f), taps, "DC +1");
      check(std::vector<float>(n, -1.0f), taps, "DC -1");
      check(std::vector<float>(n, 0.0f), taps, "silence");
      for (std::size_t at = 0; at < n; at += std::max<std::size_t>(1, n / 13)) {
        std::vector<float> impulse(n, 0.0f);
        impulse[at] = at % 2 ? -1.0f : 1.0f;
        check(impulse, taps, "impulse at " + std::to_string(at));
      }
    }
  });
}

// The whole meter with the BS.1770 taps reads the same at every target, to the bit.
BOOST_AUTO_TEST_CASE(the_meter_reads_the_same_at_every_target) {
  std::mt19937 rng(3);
  std::vector<float> signal = random_values(2 * 48000, 0.9f, rng);  // one second, stereo
  for (std::size_t i = 0; i < 4800; ++i) signal[2 * (20000 + i)] = (i / 12) % 2 ? -1.0f : 1.0f;
  for (const int rate : {48000, 96000}) {
    std::vector<std::vector<float>> peaks;
    at_every_target([&] {
      TruePeakMeter meter;
      meter.begin(rate, 2);
      for (std::size_t i = 0; i < signal.size(); i += 2 * 1000)
        meter.process(std::span<const float>(signal).subspan(
            i, std::min<std::size_t>(2000, signal.size() - i)));
      meter.finish();
      peaks.push_back(meter.true_peaks());
    });
    BOOST_TEST_CONTEXT(rate << " Hz") {
      for (const auto& p : peaks) BOOST_TEST(p == peaks.front(), boost::test_tools::per_element());
      BOOST_TEST(peaks.front()[0] > 1.0f);  // the square wave overshoots between samples
    }
  }
}
