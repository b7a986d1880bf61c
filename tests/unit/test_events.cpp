// Events with times (analysis_json.hpp "events"): clipping inserted at 1.50 s and 3.25 s is
// reported at those times, and so are the true-peak overs it causes, the loudest 3 s and a
// stretch of negative correlation, for every block size. Feedback then says when.
#define BOOST_TEST_MODULE events
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "analysis/analysis_json.hpp"
#include "rubric/event_times.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

const std::vector<std::size_t> kBlockSizes = {1, 7, 4096, 0};

// A quiet sine with two flat tops at full scale (10 samples, both channels) at `times`.
Signal clipped_at(const std::vector<double>& times) {
  Signal s = sine(1000.0, -12.0, 5.0);
  for (double t : times) {
    const auto start = static_cast<std::size_t>(std::llround(t * s.rate));
    for (std::size_t f = start; f < start + 10; ++f)
      for (int c = 0; c < s.channels; ++c) s.samples[f * 2 + std::size_t(c)] = 1.0f;
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(clipping_is_reported_at_its_times) {
  const Signal s = clipped_at({1.50, 3.25});
  for (std::size_t block : kBlockSizes) {
    BOOST_TEST_CONTEXT("block size " << block) {
      const Analysis a = analyse_signal(s, block);
      const DynamicsResult& d = *a.dynamics;
      BOOST_TEST(d.clip_events == 4);  // two runs on each of two channels
      BOOST_TEST_REQUIRE(d.clip_times_s.size() == 2u);
      BOOST_TEST(std::fabs(d.clip_times_s[0] - 1.50) < 0.010);
      BOOST_TEST(std::fabs(d.clip_times_s[1] - 3.25) < 0.010);
      // The overs the flat tops cause, to the 10 ms sub-block.
      const LoudnessResult& l = *a.loudness;
      BOOST_TEST(l.true_peak_overs == 2);
      BOOST_TEST_REQUIRE(l.true_peak_over_times_s.size() == 2u);
      BOOST_TEST(std::fabs(l.true_peak_over_times_s[0] - 1.50) < 0.010);
      BOOST_TEST(std::fabs(l.true_peak_over_times_s[1] - 3.25) < 0.010);
      const auto j = to_json(a);
      BOOST_TEST(j["events"]["clipping"]["count"] == 4);
      BOOST_TEST(j["events"]["clipping"]["times_s"].dump() == "[1.5,3.25]");
      BOOST_TEST(j["events"]["true_peak_overs"]["times_s"].dump() == "[1.5,3.25]");
    }
  }
}

BOOST_AUTO_TEST_CASE(event_lists_stay_bounded) {
  std::vector<double> times;
  for (int i = 0; i < 40; ++i) times.push_back(0.1 + 0.1 * i);
  const Analysis a = analyse_signal(clipped_at(times), 4096);
  BOOST_TEST(a.dynamics->clip_events == 80);
  BOOST_TEST(a.dynamics->clip_times_s.size() == kMaxEventTimes);
  BOOST_TEST(std::fabs(a.dynamics->clip_times_s.back() - 2.0) < 0.010);  // the 20th
}

BOOST_AUTO_TEST_CASE(loudest_three_seconds) {
  // -30 dBFS for 6 s, then -20 dBFS for 6 s: the loudest 3 s window lies inside the second half.
  Signal s = sine(1000.0, -30.0, 6.0);
  s.append(sine(1000.0, -20.0, 6.0));
  for (std::size_t block : kBlockSizes) {
    BOOST_TEST_CONTEXT("block size " << block) {
      const Analysis a = analyse_signal(s, block);
      BOOST_TEST_REQUIRE(a.loudness->loudest_3s_start_s.has_value());
      BOOST_TEST(*a.loudness->loudest_3s_start_s >= 6.0 - 0.010);
      BOOST_TEST(*a.loudness->loudest_3s_start_s <= 9.0 + 0.010);
      // ... and feedback on the short-term maximum says where.
      const auto when = event_times_sentence(to_json(a), "loudness.short_term_max_lufs");
      BOOST_TEST(when.substr(0, 6) == "At 0:0");
    }
  }
}

BOOST_AUTO_TEST_CASE(negative_correlation_stretch) {
  // R = L, except R = -L from 2.0 s to 4.0 s: one stretch of five 400 ms windows.
  Signal s = sine(440.0, -12.0, 6.0);
  for (std::size_t f = 2 * 48000; f < 4 * 48000; ++f) s.samples[2 * f + 1] = -s.samples[2 * f];
  for (std::size_t block : kBlockSizes) {
    BOOST_TEST_CONTEXT("block size " << block) {
      const StereoResult st = *analyse_signal(s, block).stereo;
      BOOST_TEST(st.negative_stretches == 1);
      BOOST_TEST_REQUIRE(st.negative_stretch_times_s.size() == 1u);
      BOOST_TEST(std::fabs(st.negative_stretch_times_s[0].first - 2.0) < 0.010);
      BOOST_TEST(std::fabs(st.negative_stretch_times_s[0].second - 4.0) < 0.010);
      BOOST_TEST_REQUIRE(st.correlation_series.size() == 15u);
      BOOST_TEST(st.correlation_series[4] > 0.99);
      BOOST_TEST(st.correlation_series[5] < -0.99);
      BOOST_TEST(st.correlation_series[9] < -0.99);
      BOOST_TEST(st.correlation_series[10] > 0.99);
    }
  }
}

BOOST_AUTO_TEST_CASE(series_are_decimated_deterministically) {
  std::vector<double> values(10001);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = double(i % 7);
  values[5000] = 99.0;
  const auto j = series_json(3.0, 0.1, "lufs", values, 1);
  BOOST_TEST(j["lufs"].size() <= kMaxSeriesPoints);
  BOOST_TEST(j["step_s"].get<double>() == 0.3);  // k = ceil(10001 / 4000) = 3
  bool peak_kept = false;
  for (const auto& v : j["lufs"]) peak_kept = peak_kept || v == 99.0;
  BOOST_TEST(peak_kept);
  BOOST_TEST(series_json(3.0, 0.1, "lufs", values, 1).dump() == j.dump());
}

BOOST_AUTO_TEST_CASE(feedback_says_when) {
  BOOST_TEST(clock_time(92.04) == "1:32.0");
  BOOST_TEST(clock_time(3.25) == "0:03.3");
  BOOST_TEST(clock_time(3599.96) == "60:00.0");
  const auto j = to_json(analyse_signal(clipped_at({1.50, 3.25}), 0));
  BOOST_TEST(event_times_sentence(j, "dynamics.clip_events") == "First at 0:01.5; also 0:03.3.");
  BOOST_TEST(event_times_sentence(j, "loudness.integrated_lufs") == "");
  // A list full of runs a clock cannot tell apart (every half cycle of a clipped tone).
  std::vector<double> often;
  for (int i = 0; i < 40; ++i) often.push_back(0.5 + 0.001 * i);
  const auto k = to_json(analyse_signal(clipped_at(often), 0));
  BOOST_TEST(event_times_sentence(k, "dynamics.clip_events") == "Many times from 0:00.5 on.");
}

BOOST_AUTO_TEST_CASE(over_times_do_not_drift_when_10_ms_is_not_whole_frames) {
  // At 22.05 kHz a 10 ms sub-block is 220 frames (9.977 ms): counted as 10 ms, an over at 35 s
  // would be reported 80 ms early.
  Signal s = sine(1000.0, -12.0, 40.0, 22050);
  const auto start = static_cast<std::size_t>(35.0 * 22050);
  for (std::size_t i = 2 * start; i < 2 * (start + 10); ++i) s.samples[i] = 1.0f;
  const Analysis a = analyse_signal(s, 4096);
  BOOST_TEST_REQUIRE(a.loudness->true_peak_over_times_s.size() == 1u);
  BOOST_TEST(std::fabs(a.loudness->true_peak_over_times_s[0] - 35.0) < 0.010);
  BOOST_TEST_REQUIRE(a.dynamics->clip_times_s.size() == 1u);
  BOOST_TEST(std::fabs(a.dynamics->clip_times_s[0] - 35.0) < 0.001);
  const auto j = to_json(a, {.series = true});
  BOOST_TEST(j["series"]["short_term_lufs"]["step_s"].get<double>() == 0.099773);
}
