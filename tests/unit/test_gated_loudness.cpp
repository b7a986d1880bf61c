// The fold-down meter (analysis/gated_loudness.hpp) against libebur128 run on the same signal,
// the meter of record: within 0.01 LU on noise, sines, gated programmes, silence and files
// shorter than one 400 ms block, at 44.1, 48 and 96 kHz, fed in blocks of 1, 7 and 4096 samples
// and whole. And against paper: a 997 Hz sine, where the K-weighting adds +0.69 dB, so a mono
// sine of peak A counted twice reads 20 log10(A) LUFS (BS.1770-4, Tech 3341 case 1).
#define BOOST_TEST_MODULE gated_loudness
#include <ebur128.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "analysis/gated_loudness.hpp"
#include "noise.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

const std::vector<std::size_t> kBlockSizes = {1, 7, 4096, 0};  // 0: the whole signal at once
const std::vector<int> kRates = {44100, 48000, 96000};

// Channel 0 of a signal: the mono signal both meters see.
std::vector<float> mono(const Signal& s) {
  std::vector<float> out(s.frames());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = s.samples[i * std::size_t(s.channels)];
  return out;
}

std::optional<double> libebur128_lufs(const std::vector<float>& x, int rate, bool dual_mono) {
  struct Free {
    void operator()(ebur128_state* st) const { ebur128_destroy(&st); }
  };
  std::unique_ptr<ebur128_state, Free> st(
      ebur128_init(1, static_cast<unsigned long>(rate), EBUR128_MODE_I));
  BOOST_TEST_REQUIRE(st != nullptr);
  ebur128_set_channel(st.get(), 0, dual_mono ? EBUR128_DUAL_MONO : EBUR128_LEFT);
  ebur128_add_frames_float(st.get(), x.data(), x.size());
  double lufs = 0.0;
  ebur128_loudness_global(st.get(), &lufs);
  if (!std::isfinite(lufs)) return std::nullopt;
  return lufs;
}

std::optional<double> ours(const std::vector<float>& x, int rate, double weight,
                           std::size_t block) {
  GatedLoudness meter(rate, weight);
  const std::size_t step = block == 0 ? x.size() : block;
  for (std::size_t i = 0; i < x.size(); i += step)
    meter.add(std::span<const float>(x).subspan(i, std::min(step, x.size() - i)));
  return meter.integrated_lufs();
}

// Both meters on x at every block size and both weights: both null, or both within 0.01 LU.
void check_against_libebur128(const std::vector<float>& x, int rate, const std::string& what) {
  for (const bool dual : {true, false}) {
    const auto reference = libebur128_lufs(x, rate, dual);
    for (const std::size_t block : kBlockSizes) {
      BOOST_TEST_CONTEXT(what << " at " << rate << " Hz, " << (dual ? "dual mono" : "weight 1")
                              << ", blocks of " << block) {
        const auto value = ours(x, rate, dual ? 2.0 : 1.0, block);
        BOOST_TEST(value.has_value() == reference.has_value());
        if (value && reference)
          BOOST_TEST(std::fabs(*value - *reference) <= 0.01,
                     *value << " against libebur128's " << *reference);
      }
    }
  }
}

std::vector<float> concat(std::initializer_list<std::vector<float>> parts) {
  std::vector<float> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sine_reads_its_level_on_paper) {
  for (const int rate : kRates) {
    for (const double db : {-20.0, -3.0}) {
      const auto x = mono(sine(997.0, db, 5.0, rate, 1));
      for (const std::size_t block : kBlockSizes) {
        BOOST_TEST_CONTEXT(db << " dBFS at " << rate << " Hz, blocks of " << block) {
          const auto value = ours(x, rate, 2.0, block);
          BOOST_TEST_REQUIRE(value.has_value());
          BOOST_TEST(std::fabs(*value - db) <= 0.1, *value);  // the standard's tolerance
          BOOST_TEST(std::fabs(*ours(x, rate, 1.0, block) - (db - 3.0103)) <= 0.1);
        }
      }
      check_against_libebur128(x, rate, "997 Hz sine");
    }
  }
}

BOOST_AUTO_TEST_CASE(sines_across_the_band_match_libebur128) {
  // Low (the RLB high-pass), mid, and the shelf's +4 dB region near the top.
  for (const int rate : kRates)
    for (const double f : {25.0, 60.0, 1000.0, 4000.0, 15000.0})
      check_against_libebur128(mono(sine(f, -12.0, 2.0, rate, 1)), rate,
                               std::to_string(f) + " Hz sine");
}

BOOST_AUTO_TEST_CASE(noise_matches_libebur128) {
  for (const int rate : kRates) {
    check_against_libebur128(mono(white_noise(0.5, 3.0, rate, 1, 7)), rate, "white noise");
    check_against_libebur128(mono(pink_noise(-18.0, 17, rate, 1, 3)), rate, "pink noise");
    // Full scale: the filter's gain above 1 kHz takes the weighted signal past 1.
    check_against_libebur128(mono(white_noise(1.0, 1.5, rate, 1, 11)), rate, "full-scale noise");
  }
}

// Loud, then 15 dB quieter (under the relative gate: dropped), then below -70 LUFS (under the
// absolute gate), then a short return: the gates decide the answer.
BOOST_AUTO_TEST_CASE(gates_match_libebur128) {
  for (const int rate : kRates) {
    const auto x = concat({mono(white_noise(0.4, 4.0, rate, 1, 2)),
                           mono(white_noise(0.4 * db_to_amplitude(-15.0), 6.0, rate, 1, 4)),
                           mono(white_noise(0.4 * db_to_amplitude(-75.0), 5.0, rate, 1, 5)),
                           mono(sine(440.0, -6.0, 1.3, rate, 1))});
    check_against_libebur128(x, rate, "gated programme");
    // 11.5 dB down: the mean of all blocks is 3.5 dB under the loud part, so the gate 10 LU
    // below it keeps this part (a gate of -7 LU would drop it) and the answer depends on it.
    const auto kept = concat({mono(white_noise(0.4, 4.0, rate, 1, 2)),
                              mono(white_noise(0.4 * db_to_amplitude(-11.5), 6.0, rate, 1, 4))});
    check_against_libebur128(kept, rate, "programme with a part just above the relative gate");
    // The relative gate drops the quiet part: the answer is near the loud part's alone.
    const auto loud = ours(mono(white_noise(0.4, 4.0, rate, 1, 2)), rate, 2.0, 0);
    const auto quiet =
        ours(mono(white_noise(0.4 * db_to_amplitude(-15.0), 6.0, rate, 1, 4)), rate, 2.0, 0);
    BOOST_TEST_REQUIRE(loud.has_value());
    BOOST_TEST_REQUIRE(quiet.has_value());
    BOOST_TEST(std::fabs(*quiet - (*loud - 15.0)) <= 0.1);
  }
}

BOOST_AUTO_TEST_CASE(silence_and_very_quiet_signals_have_no_loudness) {
  for (const int rate : kRates) {
    const auto zeros = mono(silence(2.0, rate, 1));
    for (const std::size_t block : kBlockSizes) {
      BOOST_TEST(!ours(zeros, rate, 2.0, block).has_value());
      BOOST_TEST(!ours(mono(sine(997.0, -80.0, 2.0, rate, 1)), rate, 2.0, block).has_value());
    }
    check_against_libebur128(zeros, rate, "silence");
    check_against_libebur128(mono(sine(997.0, -80.0, 2.0, rate, 1)), rate, "-80 dBFS sine");
    // Just above the absolute gate after weighting: -69 LUFS is measured.
    const auto faint = ours(mono(sine(997.0, -69.0, 2.0, rate, 1)), rate, 2.0, 0);
    BOOST_TEST_REQUIRE(faint.has_value());
    BOOST_TEST(std::fabs(*faint + 69.0) <= 0.1);
  }
}

// Under 400 ms there is no block at all; one frame more than four 100 ms steps gives one.
BOOST_AUTO_TEST_CASE(shorter_than_one_block_has_no_loudness) {
  for (const int rate : kRates) {
    const GatedLoudness probe(rate, 2.0);
    const std::size_t block_frames = 4 * probe.step_frames();
    const auto tone = mono(sine(997.0, -20.0, 1.0, rate, 1));
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, block_frames / 2, block_frames - 1,
                                block_frames, block_frames + 1}) {
      const std::vector<float> x(tone.begin(), tone.begin() + long(n));
      for (const std::size_t block : kBlockSizes) {
        BOOST_TEST_CONTEXT(n << " frames at " << rate << " Hz, blocks of " << block) {
          const auto value = ours(x, rate, 2.0, block);
          BOOST_TEST(value.has_value() == (n >= block_frames));
          if (value) BOOST_TEST(std::fabs(*value + 20.0) <= 0.2);  // the filter's start-up
        }
      }
      check_against_libebur128(x, rate, std::to_string(n) + " frames");
    }
  }
}
