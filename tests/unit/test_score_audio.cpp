// Audio in, grade out: the same analysis JSON path as --from-json, on synthesised tones whose
// loudness is known on paper (a 1 kHz sine on two channels reads its peak level in LUFS).
#define BOOST_TEST_MODULE score_audio
#include <sndfile.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "analysis/analysis_json.hpp"
#include "analysis/pipeline.hpp"
#include "cli/exit_codes.hpp"
#include "cli/score_tool.hpp"
#include "rubric/load.hpp"
#include "rubric/score.hpp"
#include "shipped.hpp"
#include "signals.hpp"

using namespace mixgrade;
namespace fs = std::filesystem;

namespace {

Rubric streaming_master() {
  return test::shipped_rubric("streaming-master.toml");
}

int run_tool(std::vector<std::string> args) {
  args.insert(args.begin(), "mixgrade-score");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return run_score_tool(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_tone_at_the_streaming_target_is_graded_from_audio) {
  test::TempDir dir;
  const auto wav = dir / "tone.wav";
  test::write_file(wav, test::sine(1000.0, -14.0, 10.0), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  const Rubric rubric = streaming_master();
  const auto analysis = to_json(analyse_file(wav, {}));
  const ScoreRecord s = score_analysis(rubric, analysis);
  // -14 LUFS, true peak about -14 dBTP: loudness, true peak and clipping get full marks; a
  // steady sine has a PLR near 0 dB, far under 9, so that criterion earns nothing.
  BOOST_TEST_REQUIRE(s.criteria.size() == 4u);
  BOOST_TEST(*s.criteria[0].value == -14.0, boost::test_tools::tolerance(0.1 / 14.0));
  BOOST_TEST((s.criteria[0].status == Status::pass));
  BOOST_TEST((s.criteria[1].status == Status::pass));
  BOOST_TEST((s.criteria[2].status == Status::fail));
  BOOST_TEST((s.criteria[3].status == Status::pass));
  BOOST_TEST(s.score == 80.0);
  BOOST_TEST(s.passed);

  // The JSON a user would pipe through --from-json grades the same.
  const ScoreRecord again = score_analysis(rubric, nlohmann::ordered_json::parse(analysis.dump()));
  BOOST_TEST(again.score == s.score);
  BOOST_TEST(again.criteria[0].feedback == s.criteria[0].feedback);
}

BOOST_AUTO_TEST_CASE(the_tool_exit_code_follows_the_pass_mark) {
  test::TempDir dir;
  const auto good = dir / "good.wav";
  const auto loud = dir / "loud.wav";
  test::write_file(good, test::sine(1000.0, -14.0, 10.0), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  // -3 LUFS: loudness 0 points, PLR 0 points; 40 of 100 is under the pass mark of 60.
  test::write_file(loud, test::sine(1000.0, -3.0, 10.0), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  const std::string rubric = (test::kShippedRubrics / "streaming-master.toml").string();
  BOOST_TEST(run_tool({"--rubric", rubric, "--json", good.string()}) == kExitOk);
  BOOST_TEST(run_tool({"--rubric", rubric, "--json", good.string(), loud.string()}) ==
             kExitBelowPass);
  BOOST_TEST(run_tool({"--rubric", rubric, "--json", good.string(), (dir / "none.wav").string()}) ==
             kExitPartialFailure);
}
