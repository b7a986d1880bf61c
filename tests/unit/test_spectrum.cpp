#define BOOST_TEST_MODULE spectrum
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <thread>
#include <vector>

#include "analysis/spectrum.hpp"
#include "noise.hpp"
#include "options.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

SpectrumResult spectrum_of(const Signal& s, std::size_t block_frames = 4096) {
  return analyse_signal(s, block_frames, spectrum_only()).spectrum.value();
}

std::optional<double> band_level(const SpectrumResult& r, double nominal_hz) {
  for (const auto& b : r.third_octave)
    if (b.center_hz == nominal_hz) return b.level_db;
  BOOST_FAIL("no band " << nominal_hz);
  return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(third_octave_bands_follow_iso_266) {
  const auto& bands = third_octaves();
  BOOST_TEST(bands.front().nominal_hz == 25.0);
  BOOST_TEST(bands.back().nominal_hz == 20000.0);
  BOOST_TEST(bands[16].center_hz == 1000.0, boost::test_tools::tolerance(1e-12));
  for (std::size_t i = 0; i + 1 < bands.size(); ++i) {
    BOOST_TEST(bands[i].high_hz == bands[i + 1].low_hz, boost::test_tools::tolerance(1e-9));
    // nominal labels round the exact base-10 centres by at most 3 % (ISO 266)
    BOOST_TEST(std::fabs(bands[i].nominal_hz / bands[i].center_hz - 1.0) < 0.03);
  }
}

// Pink noise holds equal energy in every third-octave band: 30 bands at 48 kHz, so each reads
// 10 log10(1/30) = -14.77 dB of the in-band total, and the tilt is 0.
BOOST_AUTO_TEST_CASE(pink_noise_is_flat_with_no_tilt) {
  const auto r = spectrum_of(pink_noise(-20.0, 20));
  const double expected = 10.0 * std::log10(1.0 / 30.0);
  for (const auto& b : r.third_octave) {
    BOOST_TEST_REQUIRE(b.level_db.has_value());
    if (b.center_hz >= 31.5 && b.center_hz <= 16000.0)
      BOOST_TEST(std::fabs(b.level_db.value() - expected) < 0.5,
                 b.center_hz << " Hz: " << b.level_db.value());
  }
  BOOST_TEST_REQUIRE(r.tilt_db_per_oct.has_value());
  BOOST_TEST(std::fabs(r.tilt_db_per_oct.value()) < 0.3);
}

// The named bands of pink noise hold ln(high/low) of the ln(1000) in-band nepers: the in-band
// span 22.4 Hz .. 22.4 kHz is exactly three decades.
BOOST_AUTO_TEST_CASE(pink_noise_named_bands_hold_their_share_of_octaves) {
  const auto r = spectrum_of(pink_noise(-20.0, 20));
  BOOST_TEST_REQUIRE(r.bands.size() == 6u);
  for (const auto& b : r.bands) {
    BOOST_TEST_REQUIRE(b.level_db.has_value());
    const double expected = 10.0 * std::log10(std::log(b.high_hz / b.low_hz) / std::log(1000.0));
    BOOST_TEST_INFO(b.name);
    BOOST_TEST(std::fabs(b.level_db.value() - expected) < 0.3);
  }
}

// White noise: band energy grows with bandwidth, i.e. with the centre: 10 log10(2) = 3.01 dB per
// octave. Roll-off at 0.85 x Nyquist and centroid at Nyquist / 2 (essentia's testWhiteNoise).
BOOST_AUTO_TEST_CASE(white_noise_tilts_up_three_db_per_octave) {
  const auto r = spectrum_of(white_noise(0.5, 10.0));
  BOOST_TEST_REQUIRE(r.tilt_db_per_oct.has_value());
  BOOST_TEST(std::fabs(r.tilt_db_per_oct.value() - 3.0) < 0.3);
  BOOST_TEST(r.rolloff_hz.value() == 0.85 * 24000.0, boost::test_tools::tolerance(0.01));
  BOOST_TEST(r.centroid_hz.value() == 12000.0, boost::test_tools::tolerance(0.01));
}

// At every rate: the window grows with the rate (65536 points at 96 kHz), so the bins stay under
// 1.5 Hz wide and even a 25 Hz tone fits its 5.8 Hz band.
BOOST_AUTO_TEST_CASE(a_sine_puts_its_energy_in_its_own_band) {
  for (const auto& [freq, nominal, rate] : {std::tuple{1000.0, 1000.0, 48000},
                                            {100.0, 100.0, 48000},
                                            {3000.0, 3150.0, 44100},
                                            {63.0, 63.0, 44100},
                                            {63.0, 63.0, 96000},
                                            {63.0, 63.0, 22050},
                                            {25.0, 25.0, 44100},
                                            {25.0, 25.0, 48000},
                                            {31.5, 31.5, 44100},
                                            {31.5, 31.5, 96000}}) {
    const auto r = spectrum_of(sine(freq, -6.0, 5.0, rate));
    const auto level = band_level(r, nominal);
    BOOST_TEST_INFO(freq << " Hz at " << rate);
    BOOST_TEST_REQUIRE(level.has_value());
    BOOST_TEST(std::pow(10.0, level.value() / 10.0) > 0.99);
  }
}

BOOST_AUTO_TEST_CASE(bands_above_nyquist_are_null) {
  const auto at16k = spectrum_of(white_noise(0.5, 3.0, 16000));
  BOOST_TEST(band_level(at16k, 6300).has_value());   // 5.6-7.1 kHz
  BOOST_TEST(!band_level(at16k, 8000).has_value());  // 7.1-8.9 kHz crosses 8 kHz
  BOOST_TEST(!at16k.bands.back().level_db.has_value());
  const auto at44k = spectrum_of(white_noise(0.5, 3.0, 44100));
  BOOST_TEST(band_level(at44k, 16000).has_value());
  BOOST_TEST(!band_level(at44k, 20000).has_value());  // 17.8-22.4 kHz crosses 22.05 kHz
}

BOOST_AUTO_TEST_CASE(silence_gives_null_levels_and_a_warning) {
  const auto a = analyse_signal(silence(2.0), 4096, spectrum_only());
  BOOST_TEST_REQUIRE(a.spectrum.has_value());
  for (const auto& b : a.spectrum->third_octave) BOOST_TEST(!b.level_db.has_value());
  for (const auto& b : a.spectrum->bands) BOOST_TEST(!b.level_db.has_value());
  BOOST_TEST(!a.spectrum->tilt_db_per_oct.has_value());
  BOOST_TEST(!a.spectrum->centroid_hz.has_value());
  BOOST_TEST(has_warning(a, "no energy between 22 Hz and 22 kHz (silence)"));
}

// Shorter than one Welch segment: one Hann window over the whole signal still places a sine.
BOOST_AUTO_TEST_CASE(a_signal_shorter_than_one_segment_is_measured) {
  const auto r = spectrum_of(sine(1000.0, -6.0, 0.1));
  BOOST_TEST(std::pow(10.0, band_level(r, 1000).value() / 10.0) > 0.99);
}

void check_same(const SpectrumResult& a, const SpectrumResult& b) {
  for (std::size_t i = 0; i < a.third_octave.size(); ++i)
    BOOST_TEST(a.third_octave[i].level_db.value() == b.third_octave[i].level_db.value(),
               boost::test_tools::tolerance(1e-9));
  BOOST_TEST(a.tilt_db_per_oct.value() == b.tilt_db_per_oct.value(),
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(a.centroid_hz.value() == b.centroid_hz.value(), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(a.rolloff_hz.value() == b.rolloff_hz.value(), boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(block_size_does_not_change_the_result) {
  const auto short_signal = white_noise(0.5, 1.0);  // three segments
  check_same(spectrum_of(short_signal, 1), spectrum_of(short_signal, 0));
  const auto signal = pink_noise(-20.0, 18);
  const auto whole = spectrum_of(signal, 0);
  check_same(spectrum_of(signal, 7), whole);
  check_same(spectrum_of(signal, 4096), whole);
}

BOOST_AUTO_TEST_CASE(channels_are_summed_as_power) {
  // L = -R would cancel if the channels were summed as amplitude.
  auto s = sine(1000.0, -6.0, 2.0);
  for (std::size_t i = 1; i < s.samples.size(); i += 2) s.samples[i] = -s.samples[i];
  const auto r = spectrum_of(s);
  BOOST_TEST(std::pow(10.0, band_level(r, 1000).value() / 10.0) > 0.99);
}

// The batch tool analyses files in parallel threads: FFTW plans are made and destroyed under a
// lock, and every thread gets the answer it would get alone.
BOOST_AUTO_TEST_CASE(parallel_analysers_agree) {
  const auto signal = white_noise(0.5, 1.0);
  const auto expected = spectrum_of(signal);
  std::vector<SpectrumResult> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&signal, &r] {
      for (int i = 0; i < 5; ++i) r = spectrum_of(signal);
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) check_same(r, expected);
}
