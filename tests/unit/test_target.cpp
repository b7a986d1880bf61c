#define BOOST_TEST_MODULE target
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/target.hpp"
#include "core/error.hpp"
#include "noise.hpp"
#include "options.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

// A spectrum whose third-octave levels are `level(i)` for band index i.
template <class F>
SpectrumResult synthetic(F level) {
  SpectrumResult r;
  for (std::size_t i = 0; i < kThirdOctaveCount; ++i)
    r.third_octave.push_back({third_octaves()[i].nominal_hz, level(i)});
  return r;
}

TargetBuildOptions named(const std::string& name) {
  TargetBuildOptions o;
  o.name = name;
  return o;
}

std::string load_error(const TempDir& dir, const std::string& text) {
  const auto path = dir / "t.toml";
  std::ofstream(path) << text;
  try {
    load_target(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kBand =
    "band = [ { center_hz = 1000, target_db = -12, low_db = -2, high_db = 2 } ]\n";

}  // namespace

// References at -10 + d for d in {-3, 0, +1, +2}: mean -10, range -3 .. +2 around it; with
// d in {-0.5, 0, +0.5} the spread is too small and the 1.5 dB minimum half-width applies.
BOOST_AUTO_TEST_CASE(centre_is_the_mean_and_range_the_spread) {
  std::vector<SpectrumResult> refs;
  for (double d : {-3.0, 0.0, 1.0, 2.0})
    refs.push_back(synthetic([&](std::size_t i) { return -10.0 + d - 0.5 * double(i); }));
  const auto curve = build_target(refs, {"a", "b", "c", "d"}, named("wide"));
  BOOST_TEST_REQUIRE(curve.bands.size() == kThirdOctaveCount);
  for (std::size_t i = 0; i < kThirdOctaveCount; ++i) {
    BOOST_TEST(curve.bands[i].center_hz == third_octaves()[i].nominal_hz);
    BOOST_TEST(curve.bands[i].target_db == -10.0 - 0.5 * double(i),
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(curve.bands[i].low_db == -3.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(curve.bands[i].high_db == 2.0, boost::test_tools::tolerance(1e-12));
  }
  std::vector<SpectrumResult> close;
  for (double d : {-0.5, 0.0, 0.5})
    close.push_back(synthetic([&](std::size_t) { return -14.0 + d; }));
  const auto narrow = build_target(close, {"a", "b", "c"}, named("narrow"));
  BOOST_TEST(narrow.bands[3].target_db == -14.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(narrow.bands[3].low_db == -1.5);
  BOOST_TEST(narrow.bands[3].high_db == 1.5);
}

BOOST_AUTO_TEST_CASE(bands_no_reference_measured_are_left_out) {
  auto r = synthetic([](std::size_t) { return -14.0; });
  r.third_octave.back().level_db.reset();  // 20 kHz above a 44.1 kHz reference's Nyquist
  const auto curve = build_target({r}, {"a"}, named("t"));
  BOOST_TEST(curve.bands.size() == kThirdOctaveCount - 1);
  BOOST_TEST(curve.bands.back().center_hz == 16000.0);
}

// Pink noise at three different gains: levels are relative, so the gain cancels and every band
// sits at 10 log10(1/30).
BOOST_AUTO_TEST_CASE(references_are_loudness_normalised) {
  std::vector<SpectrumResult> refs;
  for (double db : {-30.0, -20.0, -10.0})
    refs.push_back(
        *analyse_signal(pink_noise(db, 19, 48000, 2, unsigned(-db)), 0, spectrum_only()).spectrum);
  const auto curve = build_target(refs, {"a", "b", "c"}, named("pink"));
  for (const auto& b : curve.bands) {
    if (b.center_hz < 31.5 || b.center_hz > 16000.0) continue;
    BOOST_TEST(std::fabs(b.target_db - 10.0 * std::log10(1.0 / 30.0)) < 0.5, b.center_hz);
    BOOST_TEST(b.low_db == -1.5);
    BOOST_TEST(b.high_db == 1.5);
  }
}

BOOST_AUTO_TEST_CASE(a_written_target_reads_back) {
  TempDir dir;
  std::vector<SpectrumResult> refs;
  for (double d : {-1.0, 2.0})
    refs.push_back(synthetic([&](std::size_t i) { return -20.0 + d + 0.25 * double(i); }));
  auto curve = build_target(refs, {"one \"quoted\".wav", "two.flac"}, named("round trip"));
  curve.licence = "CC0-1.0";
  std::ofstream(dir / "t.toml") << target_toml(curve);
  const auto back = load_target(dir / "t.toml");
  BOOST_TEST(back.name == "round trip");
  BOOST_TEST(back.licence == "CC0-1.0");
  BOOST_TEST(back.references == curve.references, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(back.bands.size() == curve.bands.size());
  for (std::size_t i = 0; i < curve.bands.size(); ++i) {
    BOOST_TEST(back.bands[i].center_hz == curve.bands[i].center_hz);
    BOOST_TEST(std::fabs(back.bands[i].target_db - curve.bands[i].target_db) <= 0.005);
    BOOST_TEST(std::fabs(back.bands[i].low_db - curve.bands[i].low_db) <= 0.005);
  }
}

BOOST_AUTO_TEST_CASE(invalid_targets_name_file_line_and_column) {
  TempDir dir;
  const std::string file = (dir / "t.toml").string();
  BOOST_TEST(load_error(dir, "name = \"x\"\nband = [ { center_hz = 1000, target_db = } ]\n")
                 .starts_with(file + ":2:"));
  BOOST_TEST(load_error(dir, kBand) == file + ":1:1: a target needs name = \"...\"");
  BOOST_TEST(load_error(dir, "name = \"x\"\n") ==
             file + ":1:1: a target needs a list of bands: band = [{...}]");
  BOOST_TEST(load_error(dir,
                        "name = \"x\"\nband = [ { center_hz = 1001, target_db = -12, "
                        "low_db = -2, high_db = 2 } ]\n") ==
             file +
                 ":2:24: center_hz 1001 is not an ISO 266 third-octave centre (25, 31.5, ... "
                 "20000)");
  BOOST_TEST(load_error(dir,
                        "name = \"x\"\nband = [ { center_hz = 1000, target_db = -12, "
                        "low_db = 2, high_db = 2 } ]\n") ==
             file + ":2:56: low_db is a deviation below the target: <= 0");
  BOOST_TEST(load_error(dir,
                        "name = \"x\"\nband = [ { center_hz = 1000, target_db = -12, "
                        "low_db = -2, hgh_db = 2 } ]\n") ==
             file +
                 ":2:69: unknown band key 'hgh_db' (expected center_hz, target_db, low_db, "
                 "high_db)");
  BOOST_TEST(load_error(dir,
                        "name = \"x\"\nband = [ { center_hz = 1000, target_db = \"loud\", "
                        "low_db = -2, high_db = 2 } ]\n") ==
             file + ":2:42: target_db must be a number");
  BOOST_TEST(load_error(dir, "name = \"x\"\n" + kBand + "band2 = 1\n").find("(no error)") == 0u);
  BOOST_TEST(load_error(dir,
                        "name = \"x\"\nband = [ { center_hz = 1000, target_db = -12, "
                        "low_db = -2, high_db = 2 }, { center_hz = 1000, target_db = -1, "
                        "low_db = -2, high_db = 2 } ]\n")
                 .find("band 1000 Hz appears twice") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(comparison_reports_deviation_worst_band_and_named_bands) {
  const auto flat = synthetic([](std::size_t) { return -14.0; });
  const auto curve = build_target({flat}, {"flat"}, named("flat"));

  const auto same = compare_to_target(flat, curve);
  BOOST_TEST(same.rms_deviation_db.value() == 0.0);
  BOOST_TEST(same.bands_outside.empty());

  // +3 dB in the bass bands (63 .. 200 Hz: 6 bands) and -1 dB at 4 kHz: 7 of the 27 bands from
  // 40 Hz to 16 kHz deviate.
  auto boosted = flat;
  for (auto& b : boosted.third_octave) {
    if (b.center_hz >= 63 && b.center_hz <= 200) b.level_db.value() += 3.0;
    if (b.center_hz == 4000) b.level_db.value() -= 1.0;
  }
  const auto c = compare_to_target(boosted, curve);
  BOOST_TEST(c.rms_deviation_db.value() == std::sqrt((6 * 9.0 + 1.0) / 27.0),
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::fabs(c.worst_deviation_db.value() - 3.0) < 1e-9);
  BOOST_TEST(c.worst_band_hz.value() == 63.0);  // the first of the equal worst bands
  BOOST_TEST_REQUIRE(c.bands_outside.size() == 1u);
  BOOST_TEST(c.bands_outside[0] == "bass");  // high_mid: mean -1/5 dB, inside +-1.5
  BOOST_TEST(c.third_octave.size() == kThirdOctaveCount);
}

BOOST_AUTO_TEST_CASE(shipped_targets_are_valid) {
  const std::filesystem::path dir = std::filesystem::path(MIXGRADE_SOURCE_DIR) / "rubrics/targets";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    const auto curve = load_target(entry.path());
    BOOST_TEST(!curve.licence.empty(), entry.path());
    BOOST_TEST(!curve.built_from.empty(), entry.path());
    BOOST_TEST(curve.bands.size() >= 27u, entry.path());
    ++count;
  }
  BOOST_TEST(count >= 1);
}

// A file at a lower rate measures fewer bands, each relative to its own (smaller) total: the
// target is renormalised over those bands, so white noise at 16 kHz matches white noise at 48 kHz.
BOOST_AUTO_TEST_CASE(a_lower_sample_rate_compares_over_the_bands_it_has) {
  const auto reference = *analyse_signal(white_noise(0.3, 4.0, 48000), 0, spectrum_only()).spectrum;
  const auto curve = build_target({reference}, {"white"}, named("white"));
  const auto low = *analyse_signal(white_noise(0.3, 4.0, 16000, 2, 9), 0, spectrum_only()).spectrum;
  const auto c = compare_to_target(low, curve);
  BOOST_TEST(c.rms_deviation_db.value() < 0.5);
  BOOST_TEST(c.bands_outside.empty());
}
