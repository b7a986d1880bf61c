// Every misconception rule of every shipped rubric fires on an analysis crafted to show it and
// stays silent on a clean one (tests/data/analysis/clean.json). The rubrics that use spectrum and
// stereo metrics are loaded with the metric names issue 3 publishes added to the table, so their
// rules are tested before those analysers land; `mixgrade-score --check` covers the real table.
#define BOOST_TEST_MODULE misconceptions
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "rubric/condition.hpp"
#include "rubric/load.hpp"
#include "rubric/score.hpp"
#include "shipped.hpp"

using namespace mixgrade;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

const fs::path kShipped = test::kShippedRubrics;

// The shipped context with the metrics of issue 3 declared too.
RubricContext shipped_context() {
  RubricContext context = test::shipped_context();
  const MetricInfo issue3[] = {
      {"spectrum.tilt_db_per_oct", "dB/oct", "", "", ""},
      {"spectrum.bands.<sub|bass|low_mid|mid|high_mid|high>.level_db", "dB", "", "", ""},
      {"spectrum.target.rms_deviation_db", "dB", "", "", ""},
      {"stereo.<correlation|side_to_mid_db|balance_db|mono_loss_lu|negative_correlation_pct>", "",
       "", "", ""},
      {"stereo.bands.<low|mid|high>.side_to_mid_db", "dB", "", "", ""},
  };
  for (auto& m : known_metrics(issue3)) {
    bool present = false;
    for (const auto& k : context.metrics) present = present || k.path == m.path;
    if (!present) context.metrics.push_back(std::move(m));
  }
  return context;
}

Json clean_analysis() {
  std::ifstream in(fs::path(MIXGRADE_TEST_DATA) / "analysis/clean.json");
  return Json::parse(in);
}

std::set<std::string> fired(const Rubric& r, const Json& analysis) {
  std::set<std::string> ids;
  for (const auto& m : score_analysis(r, analysis).misconceptions) ids.insert(m.id);
  return ids;
}

struct Case {
  std::string rubric;  // file name in rubrics/
  std::string rule;
  std::string patch;  // RFC 7386 merge patch applied to the clean analysis
};

const Json kWideLowBand = Json::parse(R"({"stereo": {"bands": [
  {"name": "low", "side_to_mid_db": -6.0}, {"name": "mid", "side_to_mid_db": -9.0},
  {"name": "high", "side_to_mid_db": -7.5}]}})");

const std::vector<Case> kCases = {
    {"streaming-master.toml", "louder_is_better",
     R"({"loudness": {"integrated_lufs": -8.0, "plr_db": 7.5}})"},
    {"streaming-master.toml", "zero_dbfs_is_safe",
     R"({"loudness": {"sample_peak_dbfs": -0.1, "true_peak_dbtp": 0.6}})"},
    {"broadcast-r128.toml", "zero_dbfs_is_safe",
     R"({"loudness": {"sample_peak_dbfs": -1.2, "true_peak_dbtp": -0.4}})"},
    {"first-mix.toml", "it_sounds_fine_clipping", R"({"dynamics": {"clip_events": 3}})"},
    {"first-mix.toml", "over_compression", R"({"dynamics": {"dr": 5, "plr_db": 8.0}})"},
    {"mixdown-for-mastering.toml", "wide_bass", kWideLowBand.dump()},
    {"mixdown-for-mastering.toml", "mono_phase_cancellation",
     R"({"stereo": {"correlation": -0.2}})"},
    {"mixdown-for-mastering.toml", "mono_phase_cancellation",
     R"({"stereo": {"correlation": 0.3, "mono_loss_lu": -8.0}})"},
    {"mixdown-for-mastering.toml", "polarity_flipped",
     R"({"stereo": {"correlation": -0.98, "mono_loss_lu": -20.0, "polarity_inverted": true}})"},
    {"mixdown-for-mastering.toml", "over_compression", R"({"dynamics": {"dr": 6, "plr_db": 8.0}})"},
    {"mixdown-for-mastering.toml", "dull_tilt", R"({"spectrum": {"tilt_db_per_oct": -7.5}})"},
    {"mixdown-for-mastering.toml", "harsh_tilt", R"({"spectrum": {"tilt_db_per_oct": 1.0}})"},
    {"mixdown-for-mastering.toml", "it_sounds_fine_clipping",
     R"({"dynamics": {"clip_events": 1}})"},
    {"club-master.toml", "louder_is_better",
     R"({"loudness": {"integrated_lufs": -5.0, "plr_db": 5.0}})"},
    {"club-master.toml", "zero_dbfs_is_safe",
     R"({"loudness": {"sample_peak_dbfs": 0.0, "true_peak_dbtp": 0.8}})"},
    {"club-master.toml", "wide_bass", kWideLowBand.dump()},
    {"club-master.toml", "polarity_flipped",
     R"({"stereo": {"correlation": -1.0, "polarity_inverted": true}})"},
    {"delivery-spec.toml", "lossy_is_fine",
     R"({"delivery": {"sample_format": "mp3", "bit_depth": null, "lossy": true, "lossless_bits": 0}})"},
};

std::map<std::string, Rubric> shipped_rubrics() {
  const RubricContext context = shipped_context();
  std::map<std::string, Rubric> out;
  for (const auto& entry : fs::directory_iterator(kShipped)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() == ".toml" && name != "concepts.toml")
      out.emplace(name, load_rubric(entry.path(), context));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_rule_fires_on_its_crafted_analysis) {
  const auto rubrics = shipped_rubrics();
  for (const auto& c : kCases) {
    BOOST_TEST_CONTEXT(c.rubric << " " << c.rule << " " << c.patch) {
      BOOST_TEST_REQUIRE(rubrics.contains(c.rubric));
      Json analysis = clean_analysis();
      analysis.merge_patch(Json::parse(c.patch));
      BOOST_TEST(fired(rubrics.at(c.rubric), analysis).contains(c.rule));
    }
  }
}

// A flipped channel is named as such, and only as such: the wide-bass and phase-cancellation
// messages (whose metrics a flip also sets off) stay silent.
BOOST_AUTO_TEST_CASE(a_polarity_flip_silences_the_wide_bass_message) {
  Json analysis = clean_analysis();
  analysis.merge_patch(kWideLowBand);
  analysis.merge_patch(Json::parse(
      R"({"stereo": {"correlation": -0.98, "mono_loss_lu": -20.0, "polarity_inverted": true}})"));
  const auto rubrics = shipped_rubrics();
  for (const char* name : {"mixdown-for-mastering.toml", "club-master.toml"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto ids = fired(rubrics.at(name), analysis);
      BOOST_TEST(ids.contains("polarity_flipped"));
      BOOST_TEST(!ids.contains("wide_bass"));
      BOOST_TEST(!ids.contains("mono_phase_cancellation"));
    }
  }
}

BOOST_AUTO_TEST_CASE(no_rule_fires_on_the_clean_analysis) {
  for (const auto& [name, rubric] : shipped_rubrics()) BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(fired(rubric, clean_analysis()).empty());
    }
}

BOOST_AUTO_TEST_CASE(every_shipped_rule_has_a_case) {
  std::set<std::string> required = {
      "louder_is_better", "zero_dbfs_is_safe", "wide_bass",  "mono_phase_cancellation",
      "over_compression", "dull_tilt",         "harsh_tilt", "it_sounds_fine_clipping"};
  for (const auto& [name, rubric] : shipped_rubrics()) {
    for (const auto& m : rubric.misconceptions) {
      required.erase(m.id);
      bool covered = false;
      for (const auto& c : kCases) covered = covered || (c.rubric == name && c.rule == m.id);
      BOOST_TEST(covered, name << " rule " << m.id << " has no test case");
    }
  }
  BOOST_TEST(required.empty(), "the issue's misconceptions missing from every rubric");
}

BOOST_AUTO_TEST_CASE(messages_are_filled_in) {
  const auto rubrics = shipped_rubrics();
  Json analysis = clean_analysis();
  analysis.merge_patch(Json::parse(R"({"loudness": {"integrated_lufs": -8.04, "plr_db": 7.5}})"));
  const auto s = score_analysis(rubrics.at("streaming-master.toml"), analysis);
  BOOST_TEST_REQUIRE(s.misconceptions.size() == 1u);
  BOOST_TEST(s.misconceptions[0].concept_id == "loudness_mastering");
  BOOST_TEST(s.misconceptions[0].message.starts_with("At -8.0 LUFS with a PLR of 7.5 dB"));
}

BOOST_AUTO_TEST_CASE(rules_about_absent_metrics_stay_silent) {
  // A mono file: the stereo block is null, so stereo rules cannot fire, whatever else holds.
  const auto rubrics = shipped_rubrics();
  Json analysis = clean_analysis();
  analysis["stereo"] = nullptr;
  analysis["spectrum"]["tilt_db_per_oct"] = nullptr;
  BOOST_TEST(fired(rubrics.at("mixdown-for-mastering.toml"), analysis).empty());
}

BOOST_AUTO_TEST_CASE(conditions_reach_muparser_only_as_generated_names) {
  const auto is_metric = [](std::string_view p) { return p == "loudness.integrated_lufs"; };
  const auto ok = compile_condition("abs(loudness.integrated_lufs + 14) < 1.5e0", is_metric);
  BOOST_TEST_REQUIRE(ok.condition.has_value());
  BOOST_TEST(ok.condition->expression == "abs(m0______________________ + 14) < 1.5e0");
  const Json j = Json::parse(R"({"loudness": {"integrated_lufs": -13}})");
  BOOST_TEST(*evaluate_condition(*ok.condition, j));
  // Anything that is not arithmetic over metrics is refused before muparser sees it.
  for (const char* bad :
       {"system(1)", "\"text\" == 1", "loudness.integrated_lufs = 3", "loudness.other > 1"})
    BOOST_TEST_CONTEXT(bad) {
      BOOST_TEST(compile_condition(bad, is_metric).problem.has_value());
    }
}
