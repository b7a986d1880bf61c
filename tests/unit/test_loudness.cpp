// Loudness against EBU Tech 3341 (cases 1-6, 9, 10, 12, 13, 15-23) and Tech 3342 (cases 1-4),
// synthesised from the standards' own descriptions and checked with their tolerances:
// I, M, S +-0.1 LU; LRA +-1 LU; true peak +0.2/-0.4 dB. Every case is fed in blocks of 1, 7 and
// 4096 frames and whole, and must pass each time.
#define BOOST_TEST_MODULE loudness
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

const std::vector<std::size_t> kBlockSizes = {1, 7, 4096, 0};  // 0: the whole signal at once

AnalysisOptions loudness_only() {
  AnalysisOptions o;
  o.blocks = BlockSet::only({"loudness"});
  return o;
}

void check_close(const std::optional<double>& value, double expected, double tolerance,
                 const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST_REQUIRE(value.has_value());
    BOOST_TEST(std::fabs(*value - expected) <= tolerance,
               *value << " is not within " << tolerance << " of " << expected);
  }
}

void check_true_peak(const std::optional<double>& value, double expected, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST_REQUIRE(value.has_value());
    BOOST_TEST((*value <= expected + 0.2 && *value >= expected - 0.4),
               *value << " dBTP is outside " << expected << " +0.2/-0.4");
  }
}

// Runs `check` on the analysis of the signal for every block size.
template <typename Check>
void for_each_block_size(const Signal& s, Check check, AnalysisOptions options = loudness_only()) {
  for (std::size_t block : kBlockSizes) {
    BOOST_TEST_CONTEXT("block size "
                       << (block == 0 ? std::string("whole") : std::to_string(block))) {
      check(analyse_signal(s, block, options));
    }
  }
}

Signal tones(const std::vector<std::pair<double, double>>& level_seconds, int rate = 48000) {
  Signal s{rate, 2, {}};
  for (auto [level, seconds] : level_seconds) s.append(sine(1000.0, level, seconds, rate));
  return s;
}

// Cases 10 and 13: `offset` s of silence, a -23 dBFS tone of `seconds`, 1 s of silence.
Analysis tone_after(double offset, double seconds) {
  Signal s = silence(offset);
  s.append(sine(1000.0, -23.0, seconds)).append(silence(1.0));
  return analyse_signal(s, 4096, loudness_only());
}

// `times` repetitions of `pattern` (Tech 3341 cases 9 and 12 alternate two tones).
Signal repeated(const Signal& pattern, int times) {
  Signal s{pattern.rate, pattern.channels, {}};
  for (int i = 0; i < times; ++i) s.append(pattern);
  return s;
}

// Cases 15-19: a sine at fs/4, fs/6 or fs/8 whose samples miss the waveform's peak.
Signal sub_nyquist_sine(double divisor, double amplitude, double phase_deg, int rate = 48000) {
  Signal s = sine(rate / divisor, 20.0 * std::log10(amplitude), 2.0, rate, 2,
                  phase_deg * std::numbers::pi / 180.0);
  fade(s, 0.01);
  return s;
}

// Cases 20-23: an fs/6 sine at 0.5 holding one period of an fs/4 sine at 1.0, synthesised at
// 4 x fs, low-pass filtered and decimated with offsets 0..3 (Tech 3341 table 1).
Signal burst_case(int offset, int rate = 48000) {
  const int up = 4 * rate;
  const std::size_t n = static_cast<std::size_t>(0.5 * up);
  const std::size_t burst = (n / 2 / 24) * 24;  // a rising zero crossing of the carrier
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i < burst)
      x[i] = 0.5 * std::sin(2 * std::numbers::pi * double(i) / 24.0);
    else if (i < burst + 16)
      x[i] = std::sin(2 * std::numbers::pi * double(i - burst) / 16.0);
    else
      x[i] = 0.5 * std::sin(2 * std::numbers::pi * double(i - burst - 16) / 24.0);
  }
  // 511-tap Blackman-windowed sinc, cut-off at the target Nyquist (0.125 of the 4x rate).
  const int taps = 511, half = taps / 2;
  std::vector<double> h(taps);
  double sum = 0.0;
  for (int k = 0; k < taps; ++k) {
    const double t = k - half;
    const double sinc =
        t == 0 ? 0.25 : std::sin(std::numbers::pi * 0.25 * t) / (std::numbers::pi * t);
    const double w = 0.42 - 0.5 * std::cos(2 * std::numbers::pi * k / (taps - 1)) +
                     0.08 * std::cos(4 * std::numbers::pi * k / (taps - 1));
    h[std::size_t(k)] = sinc * w;
    sum += h[std::size_t(k)];
  }
  Signal s{rate, 2, {}};
  for (std::size_t i = std::size_t(offset); i < n; i += 4) {
    double y = 0.0;
    for (int k = 0; k < taps; ++k) {
      const long j = long(i) + k - half;
      if (j >= 0 && j < long(n)) y += h[std::size_t(k)] * x[std::size_t(j)];
    }
    const auto v = static_cast<float>(y / sum);
    s.samples.push_back(v);
    s.samples.push_back(v);
  }
  fade(s, 0.01);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tech_3341)

BOOST_AUTO_TEST_CASE(case_1_and_2_steady_tone_reads_its_level) {
  for (double level : {-23.0, -33.0}) {
    for_each_block_size(sine(1000.0, level, 20.0), [&](const Analysis& a) {
      check_close(a.loudness->integrated_lufs, level, 0.1, "I");
      check_close(a.loudness->momentary_max_lufs, level, 0.1, "M");
      check_close(a.loudness->short_term_max_lufs, level, 0.1, "S");
    });
  }
}

BOOST_AUTO_TEST_CASE(case_1_at_every_common_rate) {
  for (int rate : {44100, 48000, 88200, 96000}) {
    BOOST_TEST_CONTEXT(rate << " Hz") {
      const Analysis a = analyse_signal(sine(1000.0, -23.0, 20.0, rate), 4096, loudness_only());
      check_close(a.loudness->integrated_lufs, -23.0, 0.1, "I");
      check_close(a.loudness->short_term_max_lufs, -23.0, 0.1, "S");
    }
  }
}

BOOST_AUTO_TEST_CASE(case_3_relative_gate_removes_quiet_parts) {
  for_each_block_size(tones({{-36, 10}, {-23, 60}, {-36, 10}}), [](const Analysis& a) {
    check_close(a.loudness->integrated_lufs, -23.0, 0.1, "I");
  });
}

BOOST_AUTO_TEST_CASE(case_4_absolute_gate_removes_near_silence) {
  for_each_block_size(
      tones({{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}}),
      [](const Analysis& a) { check_close(a.loudness->integrated_lufs, -23.0, 0.1, "I"); });
}

BOOST_AUTO_TEST_CASE(case_5_energy_mean_of_ungated_blocks) {
  for_each_block_size(tones({{-26, 20}, {-20, 20.1}, {-26, 20}}), [](const Analysis& a) {
    check_close(a.loudness->integrated_lufs, -23.0, 0.1, "I");
  });
}

BOOST_AUTO_TEST_CASE(case_6_surround_weights) {
  const double silent = -HUGE_VAL;
  // 5.0 (L R C Ls Rs) and the same with a silent LFE in WAV order (L R C LFE Ls Rs).
  for (const auto& levels : {std::vector<double>{-28, -28, -24, -30, -30},
                             std::vector<double>{-28, -28, -24, silent, -30, -30}}) {
    for_each_block_size(sine_per_channel(1000.0, levels, 20.0), [](const Analysis& a) {
      check_close(a.loudness->integrated_lufs, -23.0, 0.1, "I");
    });
  }
}

BOOST_AUTO_TEST_CASE(case_9_short_term_constant_after_3_s) {
  for_each_block_size(repeated(tones({{-20, 1.34}, {-30, 1.66}}), 5), [](const Analysis& a) {
    check_close(a.loudness->short_term_max_lufs, -23.0, 0.1, "S max");
    BOOST_TEST_REQUIRE(!a.loudness->short_term_series.empty());
    for (double st : a.loudness->short_term_series) check_close(st, -23.0, 0.1, "S at 10 Hz");
  });
}

BOOST_AUTO_TEST_CASE(case_10_max_short_term_whatever_the_offset) {
  // Segment i: i x 150 ms of silence, a 3 s tone at -23 dBFS, 1 s of silence; plus offsets that
  // are not multiples of any update grid.
  for (double offset : {0.0, 0.15, 1.05, 1.95, 2.85, 0.037, 0.005}) {
    BOOST_TEST_CONTEXT("offset " << offset << " s") {
      check_close(tone_after(offset, 3.0).loudness->short_term_max_lufs, -23.0, 0.1, "S max");
    }
  }
}

BOOST_AUTO_TEST_CASE(case_12_momentary_constant_after_1_s) {
  for_each_block_size(repeated(tones({{-20, 0.18}, {-30, 0.22}}), 25), [](const Analysis& a) {
    check_close(a.loudness->momentary_max_lufs, -23.0, 0.1, "M max");
  });
}

BOOST_AUTO_TEST_CASE(case_13_max_momentary_whatever_the_offset) {
  for (int i = 0; i < 20; ++i) {
    for (double extra : {0.0, 0.005, 0.0137}) {
      const double offset = i * 0.02 + extra;
      BOOST_TEST_CONTEXT("offset " << offset << " s") {
        check_close(tone_after(offset, 0.4).loudness->momentary_max_lufs, -23.0, 0.1, "M max");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(cases_15_to_19_true_peak_between_samples) {
  struct Case {
    int number;
    double divisor, amplitude, phase, expected_dbtp;
  };
  for (const Case& c :
       {Case{15, 4, 0.5, 0.0, -6.0}, Case{16, 4, 0.5, 45.0, -6.0}, Case{17, 6, 0.5, 60.0, -6.0},
        Case{18, 8, 0.5, 67.5, -6.0}, Case{19, 4, 1.41, 45.0, 3.0}}) {
    BOOST_TEST_CONTEXT("case " << c.number) {
      for_each_block_size(
          sub_nyquist_sine(c.divisor, c.amplitude, c.phase), [&](const Analysis& a) {
            check_true_peak(a.loudness->true_peak_dbtp, c.expected_dbtp, "true peak");
          });
    }
  }
  // Case 16 is the one a sample-peak meter fails: its samples sit 3 dB below the waveform.
  const Analysis a = analyse_signal(sub_nyquist_sine(4, 0.5, 45.0), 4096, loudness_only());
  check_close(a.loudness->sample_peak_dbfs, -9.03, 0.01, "case 16 sample peak");
}

BOOST_AUTO_TEST_CASE(case_15_true_peak_at_every_common_rate) {
  for (int rate : {44100, 48000, 88200, 96000}) {
    BOOST_TEST_CONTEXT(rate << " Hz") {
      const Analysis a =
          analyse_signal(sub_nyquist_sine(4, 0.5, 45.0, rate), 4096, loudness_only());
      check_true_peak(a.loudness->true_peak_dbtp, -6.0, "true peak");
    }
  }
}

BOOST_AUTO_TEST_CASE(cases_20_to_23_true_peak_whatever_the_sampling_phase) {
  for (int offset = 0; offset < 4; ++offset) {
    BOOST_TEST_CONTEXT("case " << 20 + offset) {
      for_each_block_size(burst_case(offset), [](const Analysis& a) {
        check_true_peak(a.loudness->true_peak_dbtp, 0.0, "true peak");
      });
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tech_3342)

BOOST_AUTO_TEST_CASE(cases_1_to_4_loudness_range) {
  struct Case {
    int number;
    std::vector<std::pair<double, double>> levels;
    double lra;
  };
  for (const Case& c : {Case{1, {{-20, 20}, {-30, 20}}, 10.0}, Case{2, {{-20, 20}, {-15, 20}}, 5.0},
                        Case{3, {{-40, 20}, {-20, 20}}, 20.0},
                        Case{4, {{-50, 20}, {-35, 20}, {-20, 20}, {-35, 20}, {-50, 20}}, 15.0}}) {
    BOOST_TEST_CONTEXT("case " << c.number) {
      for_each_block_size(tones(c.levels), [&](const Analysis& a) {
        check_close(a.loudness->range_lu, c.lra, 1.0, "LRA");
      });
    }
  }
}

BOOST_AUTO_TEST_CASE(case_1_at_44_1_and_96_khz) {
  for (int rate : {44100, 96000}) {
    BOOST_TEST_CONTEXT(rate << " Hz") {
      const Analysis a = analyse_signal(tones({{-20, 20}, {-30, 20}}, rate), 4096, loudness_only());
      check_close(a.loudness->range_lu, 10.0, 1.0, "LRA");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(edge_cases)

BOOST_AUTO_TEST_CASE(shorter_than_one_block_gives_null_and_a_warning) {
  const Analysis a = analyse_signal(sine(1000.0, -20.0, 0.3), 4096, loudness_only());
  BOOST_TEST(!a.loudness->integrated_lufs.has_value());
  BOOST_TEST(!a.loudness->momentary_max_lufs.has_value());
  BOOST_TEST(!a.loudness->range_lu.has_value());
  BOOST_TEST(a.loudness->true_peak_dbtp.has_value());
  BOOST_TEST_REQUIRE(a.warnings.size() == 1u);
  BOOST_TEST(a.warnings[0] == "shorter than one 400 ms loudness block: no loudness measured");
}

BOOST_AUTO_TEST_CASE(silence_gives_null_and_a_warning) {
  const Analysis a = analyse_signal(silence(5.0), 4096, loudness_only());
  BOOST_TEST(!a.loudness->integrated_lufs.has_value());
  BOOST_TEST(!a.loudness->true_peak_dbtp.has_value());
  BOOST_TEST(!a.loudness->plr_db.has_value());
  BOOST_TEST_REQUIRE(a.warnings.size() == 1u);
  BOOST_TEST(a.warnings[0] == "digital silence: no loudness or peak level");
}

BOOST_AUTO_TEST_CASE(between_400_ms_and_3_s_has_no_short_term_or_range) {
  const Analysis a = analyse_signal(sine(1000.0, -20.0, 2.0), 4096, loudness_only());
  check_close(a.loudness->integrated_lufs, -20.0, 0.1, "I");
  BOOST_TEST(!a.loudness->short_term_max_lufs.has_value());
  BOOST_TEST(!a.loudness->range_lu.has_value());
  BOOST_TEST_REQUIRE(a.warnings.size() == 1u);
  BOOST_TEST(a.warnings[0] == "shorter than 3 s: no short-term loudness or loudness range");
}

BOOST_AUTO_TEST_CASE(mono_follows_bs1770_and_dual_mono_adds_3_db) {
  const Signal mono = sine(1000.0, -20.0, 10.0, 48000, 1);
  const Analysis plain = analyse_signal(mono, 4096, loudness_only());
  BOOST_TEST(plain.loudness->channel_mode == "mono");
  // One channel weighs 1.0, so a mono tone reads 3.01 dB below the same tone on a stereo pair.
  check_close(plain.loudness->integrated_lufs, -23.0, 0.1, "mono I");
  AnalysisOptions dual = loudness_only();
  dual.mono_mode = MonoMode::dual_mono;
  const Analysis both = analyse_signal(mono, 4096, dual);
  BOOST_TEST(both.loudness->channel_mode == "dual_mono");
  check_close(both.loudness->integrated_lufs, *plain.loudness->integrated_lufs + 3.01, 0.02,
              "dual mono I");
}

BOOST_AUTO_TEST_CASE(plr_is_true_peak_minus_integrated) {
  const Analysis a = analyse_signal(sub_nyquist_sine(4, 0.5, 45.0), 4096, loudness_only());
  BOOST_TEST_REQUIRE(a.loudness->plr_db.has_value());
  BOOST_TEST(*a.loudness->plr_db == *a.loudness->true_peak_dbtp - *a.loudness->integrated_lufs,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(eight_channels_use_7_1_weights) {
  // 7.1 in WAV order: L R C LFE BL BR SL SR. The sides (+-90 deg) weigh 1.41, the backs 1.0.
  const double silent = -HUGE_VAL;
  const Analysis sides = analyse_signal(
      sine_per_channel(1000.0, {silent, silent, silent, silent, silent, silent, -20, -20}, 10.0),
      4096, loudness_only());
  const Analysis backs = analyse_signal(
      sine_per_channel(1000.0, {silent, silent, silent, silent, -20, -20, silent, silent}, 10.0),
      4096, loudness_only());
  BOOST_TEST(sides.loudness->channel_mode == "7.1");
  check_close(sides.loudness->integrated_lufs,
              *backs.loudness->integrated_lufs + 10.0 * std::log10(1.41), 0.02, "side weight");
  check_close(backs.loudness->integrated_lufs, -20.0, 0.1, "back channels as a stereo pair");
}

BOOST_AUTO_TEST_SUITE_END()
