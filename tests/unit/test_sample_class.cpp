// The shipped mix-down rubric (the one scripts/demo grades with) agrees with the sample class
// (samples/README.md): the good mix meets every criterion, and each faulty mix misses exactly the
// criteria of its own fault (scripts/make-samples says how each one was made).
#define BOOST_TEST_MODULE sample_class
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>

#include "analysis/analysis_json.hpp"
#include "analysis/pipeline.hpp"
#include "rubric/score.hpp"
#include "shipped.hpp"

using namespace mixgrade;
namespace fs = std::filesystem;

namespace {

const fs::path kClass = fs::path(MIXGRADE_SOURCE_DIR) / "samples/class";

std::set<std::string> missed(const ScoreRecord& s) {
  std::set<std::string> ids;
  for (const auto& c : s.criteria)
    if (c.missed()) ids.insert(c.id);
  return ids;
}

std::set<std::string> misconceptions(const ScoreRecord& s) {
  std::set<std::string> ids;
  for (const auto& m : s.misconceptions) ids.insert(m.id);
  return ids;
}

struct Expected {
  std::set<std::string> missed;
  std::set<std::string> misconceptions;
};

}  // namespace

BOOST_AUTO_TEST_CASE(good_mix_passes_everything_and_each_fault_fails_its_own_criteria) {
  const Rubric rubric = test::shipped_rubric("mixdown-for-mastering.toml");
  const std::map<std::string, Expected> expected = {
      {"okafornkechi_10231_50011_mix.flac", {{}, {}}},
      // +22 dB without a limiter: no headroom, clipped, and the clipping flattened the dynamics.
      {"brennanliam_10232_50012_final_mix.wav",
       {{"headroom", "no_clipping", "dynamics_plr", "dynamics_dr"},
        {"it_sounds_fine_clipping", "over_compression"}}},
      {"chenwei_10233_50013_mix.flac", {{"headroom"}, {}}},  // too quiet: peaks under -6 dBTP
      {"dialloamara_10234_50014_mixdown.flac", {{"mono_bass"}, {"wide_bass"}}},
      // One channel inverted: named as a polarity flip, not as wide bass.
      {"garciasofia_LATE_10235_50015_mix.flac",
       {{"correlation", "mono_bass"}, {"polarity_flipped"}}},
      {"haddadomar_10236_50016_mix_v2.wav", {{"tonal_tilt"}, {"dull_tilt"}}},
      // Compressor, peak clamp and make-up gain: squashed, and its true peak is over 0 dBTP.
      {"ivanovanna_10237_50017_master.flac",
       {{"headroom", "dynamics_plr", "dynamics_dr"}, {"over_compression"}}},
  };
  std::size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(kClass)) {
    const std::string name = entry.path().filename().string();
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST_REQUIRE(expected.contains(name));
      const ScoreRecord s = score_analysis(rubric, to_json(analyse_file(entry.path(), {})));
      BOOST_TEST(missed(s) == expected.at(name).missed);
      BOOST_TEST(misconceptions(s) == expected.at(name).misconceptions);
      if (expected.at(name).missed.empty()) BOOST_TEST(s.passed);
      ++seen;
    }
  }
  BOOST_TEST(seen == expected.size());
}
