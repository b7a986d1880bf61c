// Dynamics on signals whose answers are derived on paper: a steady sine has DR 0 and a crest
// factor of 3.01 dB; a hard-clipped sine reports clipping and a clean one does not.
#define BOOST_TEST_MODULE dynamics
#include <boost/test/unit_test.hpp>

#include <sndfile.h>

#include <cmath>
#include <numbers>

#include "io/audio_reader.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

const std::vector<std::size_t> kBlockSizes = {1, 7, 4096, 0};

template <typename Check>
void for_each_block_size(const Signal& s, Check check) {
  for (std::size_t block : kBlockSizes) {
    BOOST_TEST_CONTEXT("block size " << block) {
      check(*analyse_signal(s, block).dynamics);
    }
  }
}

// A 1 kHz sine at 48 kHz (48 samples a cycle) of the given peak, hard-clipped at +-1.0.
Signal clipped_sine(double peak, double seconds) {
  Signal s = sine(1000.0, 20.0 * std::log10(peak), seconds);
  for (float& x : s.samples) x = std::clamp(x, -1.0f, 1.0f);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(steady_sine_has_dr_0_and_crest_3_01_db) {
  for_each_block_size(sine(1000.0, -6.0, 12.0), [](const DynamicsResult& d) {
    BOOST_TEST_REQUIRE(d.dr.has_value());
    BOOST_TEST(*d.dr == 0);
    BOOST_TEST(std::fabs(*d.dr_exact) < 0.01);
    BOOST_TEST_REQUIRE(d.crest_factor_db.has_value());
    BOOST_TEST(*d.crest_factor_db == 10.0 * std::log10(2.0), boost::test_tools::tolerance(0.001));
    BOOST_TEST(d.clip_events == 0);
  });
}

BOOST_AUTO_TEST_CASE(dr_uses_the_second_highest_block_peak) {
  // Five 3 s blocks of a sine at 0.25; spikes of 1.0 in two blocks. Block RMS (sqrt(2 x mean
  // square)) is 0.25 everywhere, the second-highest block peak is 1.0: DR = 20 log10(4) = 12.04.
  Signal s = sine(1000.0, 20.0 * std::log10(0.25), 15.0);
  for (std::size_t at : {2 * 48000 * 4, 2 * 48000 * 10}) s.samples[at] = s.samples[at + 1] = 1.0f;
  for_each_block_size(s, [](const DynamicsResult& d) {
    BOOST_TEST_REQUIRE(d.dr.has_value());
    BOOST_TEST(*d.dr == 12);
    BOOST_TEST(*d.dr_exact == 20.0 * std::log10(4.0), boost::test_tools::tolerance(0.005));
  });
  // One spike alone is ignored: the second-highest peak is the sine's own.
  Signal one = sine(1000.0, 20.0 * std::log10(0.25), 15.0);
  one.samples[2 * 48000 * 4] = 1.0f;
  BOOST_TEST(*analyse_signal(one, 4096).dynamics->dr == 0);
  // Channels are averaged: spikes on the left only give (12.04 + 0) / 2.
  Signal left = sine(1000.0, 20.0 * std::log10(0.25), 15.0);
  left.samples[2 * 48000 * 4] = left.samples[2 * 48000 * 10] = 1.0f;
  BOOST_TEST(*analyse_signal(left, 4096).dynamics->dr_exact == 6.02,
             boost::test_tools::tolerance(0.005));
}

BOOST_AUTO_TEST_CASE(dr_takes_the_loudest_fifth_of_blocks) {
  // Ten 3 s blocks: two at 0.5, eight at 0.125; the loudest 20 % are the two at 0.5, and the
  // second-highest peak is 0.5 too, so DR is 0 although most of the file is 12 dB quieter.
  Signal s = sine(1000.0, 20.0 * std::log10(0.5), 6.0);
  s.append(sine(1000.0, 20.0 * std::log10(0.125), 24.0));
  BOOST_TEST(*analyse_signal(s, 4096).dynamics->dr == 0);
}

BOOST_AUTO_TEST_CASE(hard_clipped_sine_reports_clipping) {
  // Peak 2.0 clipped at 1.0: |2 sin| >= 1 for 30..150 degrees, 16 or 17 of 24 samples in each
  // half cycle, two flat tops per cycle, 1000 cycles a second, on each of the two channels.
  for_each_block_size(clipped_sine(2.0, 1.0), [](const DynamicsResult& d) {
    BOOST_TEST(d.clip_events >= 2 * 1998);
    BOOST_TEST(d.clip_events <= 2 * 2000);
    BOOST_TEST(double(d.clipped_samples) / double(d.clip_events) >= 15.9);
    BOOST_TEST(double(d.clipped_samples) / double(d.clip_events) <= 17.1);
  });
}

BOOST_AUTO_TEST_CASE(clean_sine_at_minus_1_dbfs_does_not_clip) {
  for_each_block_size(sine(1000.0, -1.0, 5.0), [](const DynamicsResult& d) {
    BOOST_TEST(d.clip_events == 0);
    BOOST_TEST(d.clipped_samples == 0);
  });
}

BOOST_AUTO_TEST_CASE(clipping_in_a_16_bit_file_is_found_at_both_rails) {
  // 16-bit clips at +32767 and -32768: the two rails differ by 0.0003 dB and both count.
  TempDir dir;
  write_file(dir / "clipped.wav", clipped_sine(2.0, 1.0), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  const Analysis a = analyse_file(dir / "clipped.wav", {});
  BOOST_TEST(a.dynamics->clip_events >= 2 * 1998);
  BOOST_TEST_REQUIRE(a.warnings.size() == 2u);  // clipping, and too short for short-term loudness
  BOOST_TEST(a.warnings[1].starts_with("clipping: "));
}

BOOST_AUTO_TEST_CASE(clipped_then_turned_down_still_counts) {
  Signal s = clipped_sine(2.0, 1.0);
  for (float& x : s.samples) x *= 0.9f;  // -0.92 dB: above the -2 dBFS floor
  BOOST_TEST(analyse_signal(s, 4096).dynamics->clip_events >= 2 * 1998);
  for (float& x : s.samples) x *= 0.5f;  // now near -7 dBFS: a flat top this low is not clipping
  BOOST_TEST(analyse_signal(s, 4096).dynamics->clip_events == 0);
}

BOOST_AUTO_TEST_CASE(dc_offset_per_channel) {
  Signal s = sine(1000.0, -12.0, 2.0);
  for (std::size_t i = 0; i < s.samples.size(); i += 2) s.samples[i] += 0.1f;  // left only
  for_each_block_size(s, [](const DynamicsResult& d) {
    BOOST_TEST_REQUIRE(d.dc_offset.size() == 2u);
    BOOST_TEST(d.dc_offset[0] == 0.1, boost::test_tools::tolerance(1e-4));
    BOOST_TEST(std::fabs(d.dc_offset[1]) < 1e-6);
  });
}

BOOST_AUTO_TEST_CASE(leading_and_trailing_silence) {
  // 1.5 s silence, 2 s tone at -20 dBFS starting at a peak (cosine), 0.5 s silence.
  Signal s = silence(1.5);
  s.append(sine(1000.0, -20.0, 2.0, 48000, 2, std::numbers::pi / 2)).append(silence(0.5));
  for_each_block_size(s, [](const DynamicsResult& d) {
    BOOST_TEST(d.lead_silence_s == 1.5, boost::test_tools::tolerance(0.001));
    BOOST_TEST(d.trail_silence_s == 0.5, boost::test_tools::tolerance(0.001));
  });
}

BOOST_AUTO_TEST_CASE(silence_has_no_crest_or_dr) {
  const DynamicsResult d = *analyse_signal(silence(4.0), 4096).dynamics;
  BOOST_TEST(!d.crest_factor_db.has_value());
  BOOST_TEST(!d.dr.has_value());
  BOOST_TEST(d.lead_silence_s == 4.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(plr_comes_from_the_loudness_block) {
  const Analysis a = analyse_signal(sine(1000.0, -10.0, 5.0), 4096);
  BOOST_TEST_REQUIRE(a.dynamics->plr_db.has_value());
  BOOST_TEST(*a.dynamics->plr_db == *a.loudness->plr_db);
}
