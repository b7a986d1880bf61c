#define BOOST_TEST_MODULE stereo
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/stereo.hpp"
#include "options.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

Analysis stereo_of(const Signal& s, std::size_t block_frames = 4096) {
  return analyse_signal(s, block_frames, stereo_only());
}

// Two channels from a mid and a side signal: L = M + S, R = M - S.
Signal mid_side(const Signal& mid, const Signal& side) {
  Signal s{mid.rate, 2, std::vector<float>(mid.frames() * 2)};
  for (std::size_t i = 0; i < mid.frames(); ++i) {
    s.samples[2 * i] = mid.samples[i] + side.samples[i];
    s.samples[2 * i + 1] = mid.samples[i] - side.samples[i];
  }
  return s;
}

// Channel c of a signal as a mono signal.
Signal channel(const Signal& s, int c) {
  Signal out{s.rate, 1, std::vector<float>(s.frames())};
  for (std::size_t i = 0; i < s.frames(); ++i)
    out.samples[i] = s.samples[i * std::size_t(s.channels) + std::size_t(c)];
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(identical_channels_correlate_fully_with_no_side) {
  const auto noise = channel(white_noise(0.3, 5.0), 0);
  const auto a = stereo_of(mid_side(noise, silence(5.0, 48000, 1)));
  const auto& s = a.stereo.value();
  BOOST_TEST(!s.mono);
  BOOST_TEST(s.correlation.value() == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.side_to_mid_db.value() == -StereoAnalyser::kRatioLimitDb);  // no side energy at all
  BOOST_TEST(s.negative_correlation_pct.value() == 0.0);
  BOOST_TEST(s.balance_db.value() == 0.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::fabs(s.mono_loss_lu.value()) < 0.01);  // the fold-down is the same signal
  BOOST_TEST(!s.wide_bass);
  BOOST_TEST(!s.polarity_inverted.value());
}

BOOST_AUTO_TEST_CASE(inverted_channels_cancel_in_mono) {
  const auto noise = channel(white_noise(0.3, 5.0), 0);
  const auto a = stereo_of(mid_side(silence(5.0, 48000, 1), noise));
  const auto& s = a.stereo.value();
  BOOST_TEST(s.correlation.value() == -1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.negative_correlation_pct.value() == 100.0);
  BOOST_TEST(s.side_to_mid_db.value() == StereoAnalyser::kRatioLimitDb);
  BOOST_TEST(!s.mono_loss_lu.has_value());
  BOOST_TEST(has_warning(a, "mono fold-down cancels"));
  BOOST_TEST(s.polarity_inverted.value());  // L = -R: the fold-down cancels completely
}

// Mid and side from two unrelated noises, side `side_db` above mid. With E[S^2] = k E[M^2] the
// L/R correlation is (1 - k) / (1 + k) and the fold-down keeps M^2 of M^2 + S^2:
// 10 log10(1 / (1 + k)) LU. k = 19: r = -0.9, -13.0 LU (flipped, with a little common signal);
// k = 3: r = -0.5, -6.0 LU (very wide, but not flipped).
BOOST_AUTO_TEST_CASE(polarity_flip_needs_correlation_near_minus_one_and_mono_loss) {
  const auto two = white_noise(0.1, 10.0);
  const auto mid = channel(two, 0);
  const auto scaled = [&](double db) {
    Signal side = channel(two, 1);
    for (auto& x : side.samples) x = float(x * db_to_amplitude(db));
    return side;
  };
  const auto flipped = stereo_of(mid_side(mid, scaled(10.0 * std::log10(19.0)))).stereo.value();
  BOOST_TEST(flipped.correlation.value() == -0.9, boost::test_tools::tolerance(0.02));
  BOOST_TEST(flipped.mono_loss_lu.value() == -13.0, boost::test_tools::tolerance(0.05));
  BOOST_TEST(flipped.polarity_inverted.value());
  BOOST_TEST(
      has_warning(stereo_of(mid_side(mid, scaled(10.0 * std::log10(19.0)))), "polarity inverted"));

  const auto wide = stereo_of(mid_side(mid, scaled(10.0 * std::log10(3.0)))).stereo.value();
  BOOST_TEST(wide.correlation.value() == -0.5, boost::test_tools::tolerance(0.05));
  BOOST_TEST(wide.mono_loss_lu.value() == -6.0, boost::test_tools::tolerance(0.05));
  BOOST_TEST(!wide.polarity_inverted.value());

  BOOST_TEST(!stereo_of(white_noise(0.3, 10.0)).stereo->polarity_inverted.value());  // r = 0
  BOOST_TEST(!stereo_of(two).stereo->polarity_inverted.value());
  BOOST_TEST(!stereo_of(mid).stereo->polarity_inverted.has_value());  // mono: null
}

// Unrelated channels of equal level: E[LR] = 0 and E[S^2] = E[M^2] = sigma^2 / 2; the fold-down
// holds half the power of either channel, so it reads 3.01 LU quieter than the stereo pair.
BOOST_AUTO_TEST_CASE(independent_noises_are_uncorrelated) {
  const auto a = stereo_of(white_noise(0.3, 10.0));
  const auto& s = a.stereo.value();
  BOOST_TEST(std::fabs(s.correlation.value()) < 0.05);
  BOOST_TEST(std::fabs(s.side_to_mid_db.value()) < 0.3);
  BOOST_TEST(std::fabs(s.balance_db.value()) < 0.2);
  BOOST_TEST(std::fabs(s.mono_loss_lu.value() + 3.01) < 0.2);
  BOOST_TEST(s.negative_correlation_pct.value() > 20.0);
  BOOST_TEST(s.negative_correlation_pct.value() < 80.0);
  for (const auto& b : s.bands) BOOST_TEST(std::fabs(b.side_to_mid_db.value()) < 1.0, b.name);
}

BOOST_AUTO_TEST_CASE(a_left_channel_six_db_louder_reads_plus_six) {
  auto s = white_noise(0.3, 5.0);
  const double half = db_to_amplitude(-6.0);
  for (std::size_t i = 1; i < s.samples.size(); i += 2) s.samples[i] = float(s.samples[i] * half);
  const auto a = stereo_of(s);
  BOOST_TEST(std::fabs(a.stereo->balance_db.value() - 6.0) < 0.2);
}

// Mid = broadband noise, side = a 60 Hz tone: only the low band is wide.
BOOST_AUTO_TEST_CASE(side_energy_below_150_hz_flags_wide_bass) {
  const auto mid = channel(white_noise(0.3, 5.0), 0);
  const auto side = channel(sine(60.0, -10.0, 5.0), 0);
  const auto a = stereo_of(mid_side(mid, side));
  const auto& s = a.stereo.value();
  BOOST_TEST_REQUIRE(s.bands.size() == 3u);
  BOOST_TEST(s.bands[0].name == "low");
  BOOST_TEST(s.bands[0].side_to_mid_db.value() > StereoAnalyser::kWideBassDb);
  // The 150 Hz LR4 high-pass lets a 60 Hz tone through at -32 dB ((0.4^2 / sqrt(1 + 0.4^4))^2):
  // about -23 dB against the noise in the mid band; the 5 kHz one removes it entirely.
  BOOST_TEST(s.bands[1].side_to_mid_db.value() < -20.0);
  BOOST_TEST(s.bands[2].side_to_mid_db.value() < -60.0);
  BOOST_TEST(s.wide_bass);
  BOOST_TEST(has_warning(a, "wide bass"));

  // The same side tone at 1 kHz widens the mid band and leaves the bass alone.
  const auto a2 = stereo_of(mid_side(mid, channel(sine(1000.0, -10.0, 5.0), 0)));
  BOOST_TEST(a2.stereo->bands[0].side_to_mid_db.value() < -20.0);
  BOOST_TEST(a2.stereo->bands[1].side_to_mid_db.value() > -10.0);
  BOOST_TEST(!a2.stereo->wide_bass);
}

// Below 11.1 kHz sampling the 5 kHz crossover is too close to (or above) Nyquist: no high band,
// the mid band runs to Nyquist.
BOOST_AUTO_TEST_CASE(no_high_band_below_11_khz_sampling) {
  const auto a = stereo_of(white_noise(0.3, 5.0, 8000));
  const auto& s = a.stereo.value();
  BOOST_TEST(std::fabs(s.bands[0].side_to_mid_db.value()) < 1.0);
  BOOST_TEST(std::fabs(s.bands[1].side_to_mid_db.value()) < 0.3);
  BOOST_TEST(!s.bands[2].side_to_mid_db.has_value());
  BOOST_TEST(!stereo_of(white_noise(0.3, 1.0, 11025)).stereo->bands[2].side_to_mid_db.has_value());
  const auto b = stereo_of(white_noise(0.3, 5.0, 12000));
  BOOST_TEST_REQUIRE(b.stereo->bands[2].side_to_mid_db.has_value());
  BOOST_TEST(std::fabs(b.stereo->bands[2].side_to_mid_db.value()) < 1.0);
}

BOOST_AUTO_TEST_CASE(mono_files_report_mono_and_no_numbers) {
  const auto a = stereo_of(white_noise(0.3, 2.0, 48000, 1));
  const auto& s = a.stereo.value();
  BOOST_TEST(s.mono);
  BOOST_TEST(!s.correlation.has_value());
  BOOST_TEST(!s.side_to_mid_db.has_value());
  BOOST_TEST(!s.mono_loss_lu.has_value());
  BOOST_TEST(s.bands.size() == 3u);
  for (const auto& b : s.bands) BOOST_TEST(!b.side_to_mid_db.has_value());
}

BOOST_AUTO_TEST_CASE(more_than_two_channels_use_the_first_two) {
  auto s = white_noise(0.3, 3.0, 48000, 4);
  for (std::size_t i = 0; i < s.frames(); ++i) s.samples[i * 4 + 1] = s.samples[i * 4];  // R = L
  const auto a = stereo_of(s);
  BOOST_TEST(a.stereo->correlation.value() == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(has_warning(a, "channels 1 and 2"));
}

BOOST_AUTO_TEST_CASE(silence_has_no_ratios) {
  const auto a = stereo_of(silence(2.0));
  BOOST_TEST(!a.stereo->correlation.has_value());
  BOOST_TEST(!a.stereo->side_to_mid_db.has_value());
  BOOST_TEST(!a.stereo->negative_correlation_pct.has_value());  // no window has energy
  BOOST_TEST(!a.stereo->mono_loss_lu.has_value());
  BOOST_TEST(!has_warning(a, "mono fold-down cancels"));
}

void check_same(const StereoResult& a, const StereoResult& b) {
  auto same = [](const std::optional<double>& x, const std::optional<double>& y) {
    BOOST_TEST(x.has_value() == y.has_value());
    if (x && y) BOOST_TEST(*x == *y, boost::test_tools::tolerance(1e-9));
  };
  same(a.correlation, b.correlation);
  same(a.negative_correlation_pct, b.negative_correlation_pct);
  same(a.side_to_mid_db, b.side_to_mid_db);
  same(a.balance_db, b.balance_db);
  same(a.mono_loss_lu, b.mono_loss_lu);
  for (std::size_t i = 0; i < 3; ++i) same(a.bands[i].side_to_mid_db, b.bands[i].side_to_mid_db);
}

BOOST_AUTO_TEST_CASE(block_size_does_not_change_the_result) {
  const auto mid = channel(white_noise(0.3, 3.0, 48000, 1, 7), 0);
  const auto side = channel(white_noise(0.1, 3.0, 48000, 1, 9), 0);
  const auto signal = mid_side(mid, side);
  const auto whole = stereo_of(signal, 0).stereo.value();
  check_same(stereo_of(signal, 1).stereo.value(), whole);
  check_same(stereo_of(signal, 7).stereo.value(), whole);
  check_same(stereo_of(signal, 4096).stereo.value(), whole);
}

// With the loudness analyser in the same pass, a stereo file's loudness is metered once and
// shared: mono loss and the cancellation warning must not change.
BOOST_AUTO_TEST_CASE(shared_loudness_gives_the_same_mono_loss) {
  const auto noise = white_noise(0.3, 5.0);
  const auto alone = stereo_of(noise);
  const auto shared = analyse_signal(noise, 4096);
  BOOST_TEST_REQUIRE(shared.stereo->mono_loss_lu.has_value());
  BOOST_TEST(shared.stereo->mono_loss_lu.value() == alone.stereo->mono_loss_lu.value(),
             boost::test_tools::tolerance(1e-9));

  const auto inverted = mid_side(silence(5.0, 48000, 1), channel(noise, 0));
  const auto a = analyse_signal(inverted, 4096);
  BOOST_TEST(!a.stereo->mono_loss_lu.has_value());
  BOOST_TEST(has_warning(a, "mono fold-down cancels"));
}
