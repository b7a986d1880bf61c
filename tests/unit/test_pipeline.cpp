// The decode pass: the same result whatever the number of threads, and errors from the decoder or
// from an analyser stop the pass cleanly on every thread.
#define BOOST_TEST_MODULE pipeline
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "analysis/analysis_json.hpp"
#include "analysis/fanout.hpp"
#include "core/error.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

class Counter final : public Analyser {
 public:
  explicit Counter(std::int64_t throw_after = -1) : throw_after_(throw_after) {}
  void begin(const AudioFormat&) override {}
  void process(std::span<const float> block) override {
    samples_ += static_cast<std::int64_t>(block.size());
    if (throw_after_ >= 0 && samples_ > throw_after_) throw std::runtime_error("analyser failed");
  }
  void finish(Analysis&) override {}
  std::int64_t samples() const { return samples_; }

 private:
  std::int64_t throw_after_;
  std::int64_t samples_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_CASE(threads_give_the_same_json) {
  Signal s = white_noise(0.3, 8.0, 44100, 2, 7);
  s.append(sine(60.0, -6.0, 4.0, 44100));
  AnalysisOptions one;
  one.block_frames = 1000;
  AnalysisOptions several = one;
  for (unsigned threads : {2u, 3u, 8u}) {
    several.threads = threads;
    BOOST_TEST(to_json(analyse_signal(s, 1000, several)).dump() ==
               to_json(analyse_signal(s, 1000, one)).dump());
  }
}

// The loudness analyser runs as two units (its meter and its true peak, analyser.hpp), which the
// lanes may take in any order: the overs and their times, found by the true-peak part's own
// 10 ms count, and the loudness from the meter's, are the same on any number of threads.
BOOST_AUTO_TEST_CASE(loudness_parts_give_the_same_overs_on_any_number_of_threads) {
  Signal s = white_noise(0.2, 2.0, 48000, 2, 3);
  s.append(sine(1000.0, -0.3, 0.5));  // true peak above -1 dBTP: an over from 2.0 s
  s.append(white_noise(0.2, 1.5, 48000, 2, 4));
  s.append(sine(997.0, 0.0, 0.25));  // the second, from 4.0 s
  for (std::size_t block : {std::size_t{1000}, std::size_t{4096}}) {
    AnalysisOptions one;
    one.block_frames = block;
    const Analysis reference = analyse_signal(s, block, one);
    const auto& l = reference.loudness.value();
    BOOST_TEST(l.true_peak_overs == 2);
    BOOST_TEST_REQUIRE(l.true_peak_over_times_s.size() == 2u);
    BOOST_TEST(l.true_peak_over_times_s[0] == 2.0, boost::test_tools::tolerance(0.011));
    BOOST_TEST(l.true_peak_over_times_s[1] == 4.0, boost::test_tools::tolerance(0.011));
    for (unsigned threads : {2u, 8u}) {
      AnalysisOptions several = one;
      several.threads = threads;
      const Analysis a = analyse_signal(s, block, several);
      BOOST_TEST(a.loudness->true_peak_over_times_s == l.true_peak_over_times_s,
                 boost::test_tools::per_element());
      BOOST_TEST(to_json(a).dump() == to_json(reference).dump());
    }
  }
}

BOOST_AUTO_TEST_CASE(every_analyser_sees_every_block_on_any_number_of_threads) {
  const Signal s = sine(440.0, -6.0, 1.0);
  for (unsigned threads : {1u, 2u, 5u}) {
    std::vector<std::unique_ptr<Analyser>> analysers;
    for (int i = 0; i < 4; ++i) analysers.push_back(std::make_unique<Counter>());
    std::size_t pos = 0;
    const auto frames = feed_blocks(
        analysers,
        [&](std::size_t n) {
          n = std::min(n, s.frames() - pos);
          std::span<const float> block(s.samples.data() + pos * 2, n * 2);
          pos += n;
          return block;
        },
        777, 2, threads);
    BOOST_TEST(frames == std::int64_t(s.frames()));
    for (const auto& a : analysers)
      BOOST_TEST(static_cast<const Counter&>(*a).samples() == std::int64_t(s.samples.size()));
  }
}

BOOST_AUTO_TEST_CASE(a_failing_source_or_analyser_stops_every_thread) {
  const Signal s = sine(440.0, -6.0, 1.0);
  for (unsigned threads : {1u, 2u, 4u}) {
    BOOST_TEST_CONTEXT(threads << " threads") {
      std::vector<std::unique_ptr<Analyser>> analysers;
      for (int i = 0; i < 3; ++i) analysers.push_back(std::make_unique<Counter>());
      std::size_t calls = 0;
      BOOST_CHECK_THROW(feed_blocks(
                            analysers,
                            [&](std::size_t n) -> std::span<const float> {
                              if (++calls == 5) throw InputError("x.wav", "read failed");
                              return {s.samples.data(), std::min(n, s.frames()) * 2};
                            },
                            100, 2, threads),
                        InputError);
      analysers.push_back(std::make_unique<Counter>(5000));
      BOOST_CHECK_THROW(feed_blocks(
                            analysers,
                            [&](std::size_t n) -> std::span<const float> {
                              return {s.samples.data(), std::min(n, s.frames()) * 2};
                            },
                            100, 2, threads),
                        std::runtime_error);
    }
  }
}

BOOST_AUTO_TEST_CASE(nan_file_fails_the_same_on_two_threads) {
  AnalysisOptions options;
  options.threads = 2;
  const auto path = std::filesystem::path(MIXGRADE_TEST_DATA) / "bad" / "nan.wav";
  BOOST_CHECK_EXCEPTION(analyse_file(path, options), InputError, [&](const InputError& e) {
    return std::string(e.what()) == path.string() + ": NaN sample at frame 1000, channel 1";
  });
}
