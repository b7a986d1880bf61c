#include "report/plots.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/analysis_json.hpp"
#include "core/format.hpp"
#include "report/svg.hpp"
#include "rubric/event_times.hpp"

namespace mixgrade {

namespace {

using json = nlohmann::ordered_json;
using svg::Point;

constexpr int kWidth = 420;
constexpr double kLeft = 50, kRight = 24, kTop = 62, kBottom = 40;  // margins around the plot area
constexpr double kFont = 13;

// A linear map from data to user units.
struct Scale {
  double d0, d1, p0, p1;
  double operator()(double v) const { return p0 + (v - d0) * (p1 - p0) / (d1 - d0); }
};

// A plot area: its data ranges and where it sits.
struct Area {
  double x, y, w, h;
  Scale sx, sy;
  Area(double x_, double y_, double w_, double h_, double x0, double x1, double y0, double y1)
      : x(x_), y(y_), w(w_), h(h_), sx{x0, x1, x_, x_ + w_}, sy{y0, y1, y_ + h_, y_} {}
  double clamp_y(double v) const {
    return std::clamp(v, std::min(sy.d0, sy.d1), std::max(sy.d0, sy.d1));
  }
};

std::optional<double> number(const json& j, std::string_view key) {
  if (!j.is_object() || !j.contains(key) || !j[std::string(key)].is_number()) return std::nullopt;
  return j[std::string(key)].get<double>();
}

const json& member(const json& j, std::string_view key) {
  static const json kNull;
  return j.is_object() && j.contains(key) ? j[std::string(key)] : kNull;
}

// The frame of an area (tests read data-x and data-y), its grid and its tick labels.
void frame(svg::Document& d, const Area& a, std::string_view name) {
  d.rect(a.x, a.y, a.w, a.h, "none",
         fmt::format("class=\"frame\" data-name=\"{}\" data-x=\"{} {}\" data-y=\"{} {}\" "
                     "stroke=\"{}\" stroke-width=\"1\"",
                     name, svg::num(a.sx.d0), svg::num(a.sx.d1), svg::num(a.sy.d0),
                     svg::num(a.sy.d1), svg::kGrey));
}

void y_ticks(svg::Document& d, const Area& a, double step, std::string_view unit,
             int decimals = 0) {
  const double lo = std::min(a.sy.d0, a.sy.d1), hi = std::max(a.sy.d0, a.sy.d1);
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) {
    d.line(a.x, a.sy(v), a.x + a.w, a.sy(v), "#DDDDDD", 1);
    d.text(a.x - 4, a.sy(v) + 4, fmt::format("{:.{}f}", std::fabs(v) < 1e-9 ? 0.0 : v, decimals),
           "end", kFont - 1);
  }
  d.text(4, a.y - 8, unit, "start", kFont - 1, svg::kGrey);
}

// m:ss for axis labels.
std::string clock_label(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

void time_ticks(svg::Document& d, const Area& a, double duration) {
  constexpr double kSteps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600};
  double step = kSteps[std::size(kSteps) - 1];
  for (double s : kSteps)
    if (duration / s <= 6.0) {
      step = s;
      break;
    }
  for (double t = 0; t <= duration + 1e-9; t += step) {
    d.line(a.sx(t), a.y + a.h, a.sx(t), a.y + a.h + 4, svg::kGrey, 1);
    d.text(a.sx(t), a.y + a.h + 17, clock_label(t), "middle", kFont - 1);
  }
  d.text(a.x + a.w, a.y + a.h + 34, "time (m:ss)", "end", kFont - 1, svg::kGrey);
}

// Polylines through the values of a series, broken where it is null (silence).
std::vector<std::vector<Point>> series_lines(const json& series, std::string_view key,
                                             const Area& a) {
  std::vector<std::vector<Point>> lines(1);
  const auto start = number(series, "start_s");
  const auto step = number(series, "step_s");
  const json& values = member(series, key);
  if (!start || !step || !values.is_array()) return {};
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_number()) {
      if (!lines.back().empty()) lines.emplace_back();
      continue;
    }
    lines.back().push_back(
        {a.sx(*start + double(i) * *step), a.sy(a.clamp_y(values[i].get<double>()))});
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

void extend_range(const json& series, std::string_view key, double& lo, double& hi) {
  for (const auto& v : member(series, key))
    if (v.is_number()) {
      lo = std::min(lo, v.get<double>());
      hi = std::max(hi, v.get<double>());
    }
}

// A legend entry: a short line (or block) in `colour` and its label; returns the next x.
double legend(svg::Document& d, double x, double y, std::string_view colour, std::string_view label,
              bool block = false, std::string_view dash = "") {
  if (block)
    d.rect(x, y - 9, 16, 10, colour, "fill-opacity=\"0.35\"");
  else
    d.line(x, y - 4, x + 16, y - 4, colour, 2.5,
           dash.empty() ? "" : fmt::format("stroke-dasharray=\"{}\"", dash));
  d.text(x + 20, y, label, "start", kFont - 1);
  return x + 20 + 7.0 * double(label.size()) + 14;  // about 7 units a character at 12
}

std::vector<double> times_of(const json& analysis, std::string_view kind) {
  std::vector<double> out;
  for (const auto& t : member(member(member(analysis, "events"), kind), "times_s"))
    if (t.is_number()) out.push_back(t.get<double>());
  return out;
}

std::string times_clause(const std::vector<double>& times, std::string_view what) {
  if (times.empty()) return "";
  return fmt::format(" {} marked{}, first at {}.", what,
                     times.size() >= kMaxEventTimes ? " (the first 20)" : "",
                     clock_time(times.front()));
}

std::string loudness_plot(const json& analysis, const PlotGuides& g) {
  const json& series = member(analysis, "series");
  const json& st = member(series, "short_term_lufs");
  const json& mo = member(series, "momentary_lufs");
  const double duration = number(member(analysis, "format"), "duration_s").value_or(0.0);
  if (duration <= 0.0 || (!member(st, "lufs").is_array() && !member(mo, "lufs").is_array()))
    return "";
  const auto integrated = number(member(analysis, "loudness"), "integrated_lufs");
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  extend_range(st, "lufs", lo, hi);
  extend_range(mo, "lufs", lo, hi);
  if (!std::isfinite(hi)) return "";  // silence: nothing above the floor to draw
  for (auto v : {integrated, g.loudness_min, g.loudness_max})
    if (v) hi = std::max(hi, *v);
  const double top = std::ceil((hi + 1.0) / 5.0) * 5.0;
  double bottom = top - 40.0;
  if (g.loudness_min && *g.loudness_min - 2.0 < bottom)
    bottom = std::floor((*g.loudness_min - 2.0) / 5.0) * 5.0;
  constexpr int kHeight = 290;
  const Area a(kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom, 0.0, duration,
               bottom, top);

  const auto clips = times_of(analysis, "clipping");
  const auto overs = times_of(analysis, "true_peak_overs");
  std::string desc =
      "Loudness over time: short-term (3 s) and momentary (400 ms) loudness in "
      "LUFS, ten values a second.";
  if (integrated) desc += " Integrated loudness " + format_fixed(*integrated, 1) + " LUFS.";
  if (g.loudness_min || g.loudness_max)
    desc += fmt::format(" Target range {} to {} LUFS.",
                        g.loudness_min ? format_fixed(*g.loudness_min, 1) : "any",
                        g.loudness_max ? format_fixed(*g.loudness_max, 1) : "any");
  desc += times_clause(clips, "Clipping");
  desc += times_clause(overs, "True-peak overs above -1 dBTP");
  svg::Document d("plot-loudness", kWidth, kHeight, "Loudness over time", desc);

  if (g.loudness_min || g.loudness_max) {
    const double y0 = a.sy(a.clamp_y(g.loudness_max.value_or(top)));
    const double y1 = a.sy(a.clamp_y(g.loudness_min.value_or(bottom)));
    d.rect(a.x, y0, a.w, y1 - y0, std::string(svg::kBluishGreen),
           "class=\"target\" fill-opacity=\"0.18\"");
  }
  // The silent lead-in and tail (below -60 dBFS), greyed.
  for (const char* kind : {"silent_lead_in", "silent_tail"}) {
    const json& e = member(member(analysis, "events"), kind);
    const auto start = number(e, "start_s"), end = number(e, "end_s");
    if (start && end && *end - *start >= 0.05)
      d.rect(a.sx(*start), a.y, a.sx(*end) - a.sx(*start), a.h, std::string(svg::kGrey),
             "class=\"silence\" fill-opacity=\"0.25\"");
  }
  y_ticks(d, a, 10.0, "LUFS");
  time_ticks(d, a, duration);
  if (integrated)
    d.line(a.x, a.sy(a.clamp_y(*integrated)), a.x + a.w, a.sy(a.clamp_y(*integrated)), svg::kBlack,
           1.5, "class=\"integrated\" stroke-dasharray=\"6 4\"");
  for (const auto& line : series_lines(mo, "lufs", a))
    d.polyline(line, svg::kSkyBlue, 1.0, "momentary");
  for (const auto& line : series_lines(st, "lufs", a))
    d.polyline(line, svg::kBlue, 2.0, "short-term");
  // Markers along the top edge: clips (triangles down) and overs (ticks), each with its time.
  for (double t : clips)
    d.raw(
        fmt::format("<path class=\"clip\" d=\"M{} {}l-4 -7h8z\" fill=\"{}\"><title>clipping at "
                    "{}</title></path>\n",
                    svg::num(a.sx(t)), svg::num(a.y), svg::kVermillion, clock_time(t)));
  for (double t : overs)
    d.raw(fmt::format(
        "<line class=\"over\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
        "stroke=\"{3}\" stroke-width=\"2\"><title>true-peak over at "
        "{4}</title></line>\n",
        svg::num(a.sx(t)), svg::num(a.y), svg::num(a.y + 10), svg::kReddishPurple, clock_time(t)));
  frame(d, a, "loudness");
  double x = 8;
  x = legend(d, x, 16, svg::kBlue, "short-term");
  x = legend(d, x, 16, svg::kSkyBlue, "momentary");
  if (integrated) x = legend(d, x, 16, svg::kBlack, "integrated", false, "6 4");
  x = 8;
  if (g.loudness_min || g.loudness_max) x = legend(d, x, 36, svg::kBluishGreen, "target", true);
  if (!clips.empty()) x = legend(d, x, 36, svg::kVermillion, "clip");
  if (!overs.empty()) legend(d, x, 36, svg::kReddishPurple, "over -1 dBTP");
  return d.str();
}

std::string frequency_label(double hz) {
  return hz >= 1000.0 ? fmt::format("{}k", hz / 1000.0) : fmt::format("{}", hz);
}

std::string spectrum_plot(const json& analysis) {
  const json& s = member(analysis, "spectrum");
  const json& thirds = member(s, "third_octave");
  if (!thirds.is_array() || thirds.empty()) return "";
  struct Band {
    double hz;
    std::optional<double> level, target, low, high;
  };
  std::vector<Band> bands;
  for (const auto& b : thirds)
    bands.push_back({number(b, "center_hz").value_or(0.0), number(b, "level_db"), {}, {}, {}});
  const json& target = member(member(s, "target"), "third_octave");
  for (const auto& t : target) {
    const auto hz = number(t, "center_hz");
    const auto dev = number(t, "deviation_db");
    for (auto& b : bands)
      if (hz && b.hz == *hz && dev && b.level) {
        b.target = *b.level - *dev;
        b.low = *b.target + number(t, "low_db").value_or(0.0);
        b.high = *b.target + number(t, "high_db").value_or(0.0);
      }
  }
  double hi = -HUGE_VAL, lo = HUGE_VAL;
  for (const auto& b : bands)
    for (auto v : {b.level, b.high, b.low})
      if (v) {
        hi = std::max(hi, *v);
        lo = std::min(lo, *v);
      }
  if (!std::isfinite(hi)) return "";
  // At least 40 dB shown, at most 60 (the band edges of a mix fall far below, unread).
  const double top = std::ceil((hi + 2.0) / 5.0) * 5.0;
  const double bottom = std::clamp(std::floor((lo - 2.0) / 10.0) * 10.0, top - 60.0, top - 40.0);
  constexpr int kHeight = 290;
  const Area a(kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom, std::log10(20.0),
               std::log10(20000.0), bottom, top);
  auto x_of = [&](double hz) { return a.sx(std::log10(hz)); };

  const auto tilt = number(s, "tilt_db_per_oct");
  const std::string name = member(s, "target").contains("name")
                               ? member(member(s, "target"), "name").get<std::string>()
                               : "";
  std::size_t inside = 0, compared = 0;
  for (const auto& b : bands)
    if (b.target) {
      ++compared;
      inside += *b.level >= *b.low - 1e-9 && *b.level <= *b.high + 1e-9;
    }
  std::string desc =
      "Spectrum: third-octave band levels from 25 Hz to 20 kHz in dB relative to "
      "the whole in-band energy.";
  if (tilt) desc += " Tilt " + format_fixed(*tilt, 2) + " dB per octave (dashed line).";
  if (compared > 0)
    desc += fmt::format(" {} of {} bands inside the target range{}.", inside, compared,
                        name.empty() ? "" : " (" + name + ")");
  svg::Document d("plot-spectrum", kWidth, kHeight, "Spectrum against the target", desc);

  // The target range as one band from the lowest to the highest compared band.
  std::vector<Point> upper, lower, centre;
  for (const auto& b : bands)
    if (b.target) {
      upper.push_back({x_of(b.hz), a.sy(a.clamp_y(*b.high))});
      lower.push_back({x_of(b.hz), a.sy(a.clamp_y(*b.low))});
      centre.push_back({x_of(b.hz), a.sy(a.clamp_y(*b.target))});
    }
  if (!upper.empty()) {
    std::string p;
    for (const auto& [x, y] : upper) p += (p.empty() ? "" : " ") + svg::num(x) + "," + svg::num(y);
    for (auto it = lower.rbegin(); it != lower.rend(); ++it)
      p += " " + svg::num(it->first) + "," + svg::num(it->second);
    d.raw(
        fmt::format("<polygon class=\"target\" points=\"{}\" fill=\"{}\" fill-opacity=\"0.2\"/>\n",
                    p, svg::kBluishGreen));
    d.polyline(centre, svg::kBluishGreen, 1.0, "target-centre", "stroke-dasharray=\"2 3\"");
  }
  y_ticks(d, a, 10.0, "dB");
  for (double hz : {31.5, 63.0, 125.0, 250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0}) {
    d.line(x_of(hz), a.y + a.h, x_of(hz), a.y + a.h + 4, svg::kGrey, 1);
    d.text(x_of(hz), a.y + a.h + 17, frequency_label(hz), "middle", kFont - 1);
  }
  d.text(a.x + a.w, a.y + a.h + 34, "frequency (Hz), third-octave bands", "end", kFont - 1,
         svg::kGrey);
  std::vector<Point> levels;
  for (const auto& b : bands)
    if (b.level) levels.push_back({x_of(b.hz), a.sy(a.clamp_y(*b.level))});
  d.polyline(levels, svg::kBlue, 2.0, "third-octave");
  for (const auto& [x, y] : levels) d.circle(x, y, 2.5, svg::kBlue);
  if (tilt) {
    // The least-squares line the tilt is the slope of: through the mean of the bands it was fitted
    // to (50 Hz .. 16 kHz, level against log2 of the frequency).
    double sx = 0, sy = 0;
    int n = 0;
    for (const auto& b : bands)
      if (b.level && b.hz >= 50.0 && b.hz <= 16000.0) {
        sx += std::log2(b.hz);
        sy += *b.level;
        ++n;
      }
    if (n > 0) {
      auto y_at = [&](double hz) { return sy / n + *tilt * (std::log2(hz) - sx / n); };
      d.line(x_of(50.0), a.sy(a.clamp_y(y_at(50.0))), x_of(16000.0), a.sy(a.clamp_y(y_at(16000.0))),
             svg::kOrange, 2.0, "class=\"tilt\" stroke-dasharray=\"6 4\"");
    }
  }
  frame(d, a, "spectrum");
  double x = 8;
  x = legend(d, x, 16, svg::kBlue, "your mix");
  if (tilt)
    x = legend(d, x, 16, svg::kOrange, "tilt " + format_fixed(*tilt, 1) + " dB/oct", false, "6 4");
  if (!upper.empty()) legend(d, x, 16, svg::kBluishGreen, "target range", true);
  return d.str();
}

std::string stereo_plot(const json& analysis, const PlotGuides& g) {
  const json& st = member(analysis, "stereo");
  if (!st.is_object() || member(st, "mono") == true) return "";
  const double duration = number(member(analysis, "format"), "duration_s").value_or(0.0);
  constexpr int kHeight = 432;
  // Top: side/mid per band, bottom: correlation over time.
  const Area bars(kLeft, kTop, kWidth - kLeft - kRight, 130, 0.0, 3.0, -40.0, 10.0);
  const Area corr(kLeft, kTop + 130 + 70, kWidth - kLeft - kRight, 130, 0.0,
                  std::max(duration, 1.0), -1.0, 1.0);
  std::vector<std::pair<std::string, std::optional<double>>> bands;
  for (const auto& b : member(st, "bands"))
    bands.push_back({member(b, "name").is_string() ? member(b, "name").get<std::string>() : "",
                     number(b, "side_to_mid_db")});
  // (not an optional: GCC 12 warns of maybe-uninitialized optionals passed to fmt)
  const bool has_low = !bands.empty() && bands.front().second.has_value();
  const double low = has_low ? *bands.front().second : 0.0;
  const json& stretches =
      member(member(member(analysis, "events"), "negative_correlation"), "stretches_s");
  std::string desc =
      "Stereo: side-to-mid energy per band in dB (low below 150 Hz, mid, high above "
      "5 kHz)";
  desc += " against the centred-bass guide of " + format_fixed(g.centred_bass_db, 0) +
          " dB for the low band";
  if (has_low) desc += " (low band " + format_fixed(low, 1) + " dB)";
  desc +=
      "; and the correlation of left and right over time, from -1 to +1, with negative "
      "stretches shaded.";
  if (stretches.is_array() && !stretches.empty() && stretches[0].is_array() &&
      stretches[0][0].is_number())
    desc +=
        fmt::format(" First negative stretch at {}.", clock_time(stretches[0][0].get<double>()));
  svg::Document d("plot-stereo", kWidth, kHeight, "Stereo width and correlation", desc);

  y_ticks(d, bars, 10.0, "side/mid dB");
  static constexpr const char* kLabels[] = {"low <150 Hz", "mid", "high >5 kHz"};
  for (std::size_t i = 0; i < bands.size() && i < 3; ++i) {
    const double x0 = bars.sx(double(i) + 0.2), x1 = bars.sx(double(i) + 0.8);
    if (bands[i].second) {
      const double v = bars.clamp_y(*bands[i].second);
      const bool wide = i == 0 && v > g.centred_bass_db;
      d.rect(x0, bars.sy(v), x1 - x0, bars.sy(-40.0) - bars.sy(v),
             std::string(wide ? svg::kVermillion : svg::kBlue),
             fmt::format("class=\"band band-{}\"", bands[i].first));
      d.text((x0 + x1) / 2, bars.sy(v) - 4, format_fixed(*bands[i].second, 1), "middle", kFont - 1);
    }
    d.text((x0 + x1) / 2, bars.y + bars.h + 17, kLabels[i], "middle", kFont - 1);
  }
  // The guide over the low band: centred bass stays below it.
  d.line(bars.sx(0.05), bars.sy(g.centred_bass_db), bars.sx(0.95), bars.sy(g.centred_bass_db),
         svg::kBlack, 2.0, "class=\"guide\" stroke-dasharray=\"6 4\"");
  frame(d, bars, "side-mid");

  // Correlation over time.
  if (stretches.is_array())
    for (const auto& s : stretches)
      if (s.is_array() && s.size() == 2 && s[0].is_number() && s[1].is_number()) {
        const double x0 = corr.sx(s[0].get<double>()), x1 = corr.sx(s[1].get<double>());
        d.rect(x0, corr.y, x1 - x0, corr.h, std::string(svg::kVermillion),
               "class=\"negative\" fill-opacity=\"0.25\"");
      }
  y_ticks(d, corr, 0.5, "correlation", 1);
  d.line(corr.x, corr.sy(0.0), corr.x + corr.w, corr.sy(0.0), svg::kGrey, 1.5);
  time_ticks(d, corr, std::max(duration, 1.0));
  for (const auto& line :
       series_lines(member(member(analysis, "series"), "correlation"), "values", corr))
    d.polyline(line, svg::kBlue, 1.5, "correlation");
  frame(d, corr, "correlation");
  legend(d, 8, 16, svg::kBlue, "side/mid per band");
  legend(d, 8, 36, svg::kBlack,
         "guide: centred bass below " + format_fixed(g.centred_bass_db, 0) + " dB", false, "6 4");
  double x = 8;
  x = legend(d, x, corr.y - 30, svg::kBlue, "correlation");
  legend(d, x, corr.y - 30, svg::kVermillion, "negative", true);
  return d.str();
}

}  // namespace

PlotGuides plot_guides(const Rubric& rubric) {
  PlotGuides g;
  for (const auto& c : rubric.criteria) {
    if (c.metric == "loudness.integrated_lufs" && !g.loudness_min && !g.loudness_max) {
      g.loudness_min = c.full_marks.min;
      g.loudness_max = c.full_marks.max;
    } else if (c.metric == "stereo.bands.low.side_to_mid_db" && c.full_marks.max) {
      g.centred_bass_db = *c.full_marks.max;
    } else if ((c.metric == "loudness.plr_db" || c.metric == "dynamics.plr_db") && !g.plr_min &&
               !g.plr_max) {
      g.plr_min = c.full_marks.min;
      g.plr_max = c.full_marks.max;
    }
  }
  return g;
}

Plots draw_plots(const nlohmann::ordered_json& analysis, const PlotGuides& guides) {
  return {loudness_plot(analysis, guides), spectrum_plot(analysis), stereo_plot(analysis, guides)};
}

}  // namespace mixgrade
