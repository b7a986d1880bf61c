// Plots (report/plots.hpp) on synthesised signals whose shapes are known: the lines are read back
// from the SVG through each plot area's data range (its <rect class="frame">), not just found.
#define BOOST_TEST_MODULE plots
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <regex>

#include "analysis/analysis_json.hpp"
#include "analysis/spectrum.hpp"
#include "analysis/target.hpp"
#include "noise.hpp"
#include "report/plots.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

struct Frame {
  double x = 0, y = 0, w = 0, h = 0, x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  std::pair<double, double> data(double px, double py) const {
    return {x0 + (px - x) / w * (x1 - x0), y0 + (y + h - py) / h * (y1 - y0)};
  }
};

Frame frame_of(const std::string& svg, const std::string& name) {
  const std::regex re(
      "<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)"
      "\" fill=\"none\" class=\"frame\" data-name=\"" +
      name + "\" data-x=\"([-0-9.]+) ([-0-9.]+)\" data-y=\"([-0-9.]+) ([-0-9.]+)\"");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_search(svg, m, re), "no frame " << name);
  auto d = [&](int i) { return std::stod(m[i].str()); };
  return {d(1), d(2), d(3), d(4), d(5), d(6), d(7), d(8)};
}

// Every point of the polylines of this class, in data units.
std::vector<std::pair<double, double>> line_of(const std::string& svg, const std::string& css_class,
                                               const Frame& f) {
  std::vector<std::pair<double, double>> out;
  const std::regex line("<polyline class=\"" + css_class + "\" points=\"([^\"]*)\"");
  const std::regex point("([-0-9.]+),([-0-9.]+)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), line); it != std::sregex_iterator();
       ++it) {
    const std::string pts = (*it)[1].str();
    for (auto p = std::sregex_iterator(pts.begin(), pts.end(), point); p != std::sregex_iterator();
         ++p)
      out.push_back(f.data(std::stod((*p)[1].str()), std::stod((*p)[2].str())));
  }
  return out;
}

double value_at(const std::vector<std::pair<double, double>>& line, double x) {
  for (const auto& [px, py] : line)
    if (std::fabs(px - x) < 0.06) return py;
  BOOST_FAIL("no point near " << x);
  return 0.0;
}

nlohmann::ordered_json analysis_json(const Signal& s, AnalysisOptions options = {}) {
  return to_json(analyse_signal(s, 4096, std::move(options)), {.series = true});
}

}  // namespace

BOOST_AUTO_TEST_CASE(short_term_line_steps_at_the_right_time_and_height) {
  // A 1 kHz tone at -30 LUFS for 10 s, then at -20 LUFS for 10 s. The 3 s short-term window reads
  // -30 until 10 s and -20 from 13 s; it crosses -25 when a share f of it is loud:
  // f 10^-2 + (1 - f) 10^-3 = 10^-2.5, f = 0.24, i.e. at 10.72 s.
  Signal s = sine(1000.0, -30.0, 10.0);
  s.append(sine(1000.0, -20.0, 10.0));
  const Plots plots = draw_plots(analysis_json(s), {.loudness_min = -24.0, .loudness_max = -22.0});
  const std::string& svg = plots.loudness;
  const Frame f = frame_of(svg, "loudness");
  BOOST_TEST(f.x0 == 0.0);
  BOOST_TEST(f.x1 == 20.0);
  const auto st = line_of(svg, "short-term", f);
  BOOST_TEST_REQUIRE(st.size() > 150u);
  BOOST_TEST(std::fabs(st.front().first - 3.0) < 0.06);  // the first full 3 s window
  BOOST_TEST(std::fabs(value_at(st, 9.5) - -30.0) < 0.2);
  BOOST_TEST(std::fabs(value_at(st, 13.5) - -20.0) < 0.2);
  double crossing = 0.0;
  for (std::size_t i = 1; i < st.size(); ++i)
    if (st[i - 1].second < -25.0 && st[i].second >= -25.0) crossing = st[i].first;
  BOOST_TEST(std::fabs(crossing - 10.72) < 0.15);
  // The momentary line steps within its 400 ms window.
  const auto m = line_of(svg, "momentary", f);
  BOOST_TEST(std::fabs(value_at(m, 9.9) - -30.0) < 0.2);
  BOOST_TEST(std::fabs(value_at(m, 10.5) - -20.0) < 0.2);
  // The target band, the integrated line, the text alternative.
  BOOST_TEST(svg.find("class=\"target\"") != std::string::npos);
  BOOST_TEST(svg.find("class=\"integrated\"") != std::string::npos);
  BOOST_TEST(svg.find("<title id=\"plot-loudness-title\">Loudness over time</title>") !=
             std::string::npos);
  BOOST_TEST(svg.find("Target range -24.0 to -22.0 LUFS.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clip_markers_sit_at_their_times) {
  Signal s = sine(1000.0, -12.0, 5.0);
  for (double t : {1.50, 3.25}) {
    const auto start = static_cast<std::size_t>(std::llround(t * s.rate));
    for (std::size_t i = 2 * start; i < 2 * (start + 10); ++i) s.samples[i] = 1.0f;
  }
  const std::string svg = draw_plots(analysis_json(s), {}).loudness;
  const Frame f = frame_of(svg, "loudness");
  const std::regex clip("<path class=\"clip\" d=\"M([0-9.]+) ");
  std::vector<double> times;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), clip); it != std::sregex_iterator();
       ++it)
    times.push_back(f.data(std::stod((*it)[1].str()), 0).first);
  BOOST_TEST_REQUIRE(times.size() == 2u);
  BOOST_TEST(std::fabs(times[0] - 1.50) < 0.02);  // 0.1 user unit is 1.4 ms here
  BOOST_TEST(std::fabs(times[1] - 3.25) < 0.02);
  BOOST_TEST(svg.find("<title>clipping at 0:01.5</title>") != std::string::npos);
  BOOST_TEST(svg.find("class=\"over\"") != std::string::npos);
  BOOST_TEST(svg.find("class=\"silence\"") == std::string::npos);  // no silence in it
}

BOOST_AUTO_TEST_CASE(silent_lead_in_and_tail_are_greyed) {
  Signal s = silence(1.0);
  s.append(sine(1000.0, -18.0, 4.0)).append(silence(2.0));
  const std::string svg = draw_plots(analysis_json(s), {}).loudness;
  const Frame f = frame_of(svg, "loudness");
  const std::regex re(
      "<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"[0-9.]+\" "
      "fill=\"#6E6E6E\" class=\"silence\"");
  std::vector<std::pair<double, double>> spans;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    const double x = std::stod((*it)[1].str()), w = std::stod((*it)[2].str());
    spans.push_back({f.data(x, 0).first, f.data(x + w, 0).first});
  }
  BOOST_TEST_REQUIRE(spans.size() == 2u);
  BOOST_TEST(std::fabs(spans[0].first - 0.0) < 0.02);
  BOOST_TEST(std::fabs(spans[0].second - 1.0) < 0.02);
  BOOST_TEST(std::fabs(spans[1].first - 5.0) < 0.02);
  BOOST_TEST(std::fabs(spans[1].second - 7.0) < 0.02);
}

BOOST_AUTO_TEST_CASE(pink_noise_is_a_flat_line_inside_a_flat_target) {
  TargetCurve flat;
  flat.name = "flat";
  for (const auto& b : third_octaves()) flat.bands.push_back({b.nominal_hz, -14.8, -2.0, 2.0});
  AnalysisOptions options;
  options.target = flat;
  const std::string svg = draw_plots(analysis_json(pink_noise(-20.0, 18), options), {}).spectrum;
  const Frame f = frame_of(svg, "spectrum");
  const auto line = line_of(svg, "third-octave", f);
  BOOST_TEST_REQUIRE(line.size() == kThirdOctaveCount);
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (const auto& [x, y] : line) {
    lo = std::min(lo, y);
    hi = std::max(hi, y);
    BOOST_TEST(y >= -14.8 - 2.0);
    BOOST_TEST(y <= -14.8 + 2.0);
  }
  BOOST_TEST(hi - lo < 1.5);
  // x is log10 of the frequency: the first band at 25 Hz, the last at 20 kHz.
  BOOST_TEST(std::fabs(std::pow(10.0, line.front().first) - 25.0) < 0.5);
  BOOST_TEST(std::fabs(std::pow(10.0, line.back().first) - 20000.0) < 200.0);
  BOOST_TEST(svg.find("class=\"target\"") != std::string::npos);
  BOOST_TEST(svg.find("class=\"tilt\"") != std::string::npos);
  BOOST_TEST(svg.find("30 of 30 bands inside the target range (flat).") != std::string::npos,
             svg.substr(svg.find("<desc"), 300));
}

BOOST_AUTO_TEST_CASE(opposite_channels_trace_minus_one) {
  Signal s = sine(440.0, -12.0, 5.0);
  for (std::size_t f = 0; f < s.frames(); ++f) s.samples[2 * f + 1] = -s.samples[2 * f];
  const std::string svg = draw_plots(analysis_json(s), {}).stereo;
  const Frame f = frame_of(svg, "correlation");
  const auto trace = line_of(svg, "correlation", f);
  BOOST_TEST_REQUIRE(trace.size() == 12u);  // 12 full 400 ms windows in 5 s
  for (const auto& [t, r] : trace) BOOST_TEST(std::fabs(r - -1.0) < 0.02);
  // The whole file is one negative stretch, shaded.
  BOOST_TEST(svg.find("class=\"negative\"") != std::string::npos);
  // Side/mid: L = -R has no mid at all, so every band reads +100 dB, drawn at the top, and the
  // low band is over the centred-bass guide.
  BOOST_TEST(svg.find("class=\"band band-low\"") != std::string::npos);
  BOOST_TEST(svg.find("#D55E00\" class=\"band band-low\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_same_input_draws_the_same_bytes) {
  Signal s = sine(1000.0, -18.0, 6.0);
  const auto j = analysis_json(s);
  const Plots a = draw_plots(j, {});
  // ... also after the cache's round trip through JSON text.
  const Plots b = draw_plots(nlohmann::ordered_json::parse(j.dump()), {});
  BOOST_TEST(a.loudness == b.loudness);
  BOOST_TEST(a.spectrum == b.spectrum);
  BOOST_TEST(a.stereo == b.stereo);
  BOOST_TEST(!a.loudness.empty());
  // A mono file has no stereo plot; a file without series has no loudness plot.
  BOOST_TEST(draw_plots(analysis_json(sine(1000.0, -18.0, 4.0, 48000, 1)), {}).stereo.empty());
  BOOST_TEST(draw_plots(to_json(analyse_signal(s, 0)), {}).loudness.empty());
}
