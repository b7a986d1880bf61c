#include "analysis/target.hpp"
#include "analysis/loudness.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/pipeline.hpp"
#include "core/error.hpp"
#include "core/toml_fields.hpp"

namespace mixgrade {
namespace {

// Target files stop at the first problem and name fields bare ("target_db must be a number").
TomlStyle target_style(const std::filesystem::path& path) {
  TomlStyle style = stop_at_first(path.string(), "");
  style.word = [](const TomlProblem& p) {
    using Kind = TomlProblem::Kind;
    const std::string key(p.key);
    switch (p.kind) {
      case Kind::missing:
        return "band without " + key;
      case Kind::not_finite:
        return key + " must be finite";
      case Kind::unknown_key: {
        std::string known;
        for (auto k : p.known) known += (known.empty() ? "" : ", ") + std::string(k);
        return "unknown band key '" + key + "' (expected " + known + ")";
      }
      default:
        return key + " must be " +
               std::string(p.want == "an array of strings" ? "a list of strings" : p.want);
    }
  };
  style.unknown_key_at_value = true;
  return style;
}

[[noreturn]] void fail(const std::filesystem::path& path, const toml::node& node,
                       const std::string& reason) {
  throw_at(path.string(), node.source(), reason);
}

TargetBand parse_band(const std::filesystem::path& path, const toml::node& node) {
  const toml::table* t = node.as_table();
  if (t == nullptr)
    fail(path, node, "each band must be a table {center_hz, target_db, low_db, high_db}");
  const TomlFields band(*t, target_style(path));
  band.only_keys({"center_hz", "target_db", "low_db", "high_db"});
  TargetBand b;
  b.center_hz = *band.number("center_hz", true);
  if (find_third_octave(b.center_hz) == nullptr)
    fail(path, *t->get("center_hz"),
         fmt::format("center_hz {} is not an ISO 266 third-octave centre (25, 31.5, ... 20000)",
                     b.center_hz));
  b.target_db = *band.number("target_db", true);
  b.low_db = *band.number("low_db", true);
  b.high_db = *band.number("high_db", true);
  if (b.low_db > 0.0) fail(path, *t->get("low_db"), "low_db is a deviation below the target: <= 0");
  if (b.high_db < 0.0)
    fail(path, *t->get("high_db"), "high_db is a deviation above the target: >= 0");
  return b;
}

// TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view raw) {
  const std::string s = valid_utf8(raw);  // TOML files are UTF-8; reference names may not be
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      out += fmt::format("\\u{:04x}", int(c));
    else
      out += c;
  }
  return out + "\"";
}

}  // namespace

Analysis measure_reference(const std::filesystem::path& path) {
  AnalysisOptions options;
  options.blocks = BlockSet::only({"spectrum", "loudness"});
  Analysis a = analyse_file(path, options);
  // A silent or nearly silent reference has only noise or dither to measure: its "curve" would be
  // the spectrum of the noise floor, and mixgrade-target check rejects what comes out of it.
  const auto& l = a.loudness;
  const auto peak = l ? l->sample_peak_dbfs : std::nullopt;
  if (!l || !l->integrated_lufs || !peak || *peak < -60.0)
    throw InputError(
        path.string(),
        "silent or nearly silent (" +
            (peak ? "peak " + std::to_string(static_cast<int>(std::lround(*peak))) + " dBFS"
                  : std::string("no signal")) +
            "): a reference must be music at a normal level");
  return a;
}

TargetCurve load_target(const std::filesystem::path& path) {
  const toml::table doc = parse_toml_file(path.string());
  const TomlFields top(doc, target_style(path));
  TargetCurve curve;
  const toml::node* name = doc.get("name");
  if (name == nullptr || !name->is_string())
    throw InputError(path.string() + ":1:1", "a target needs name = \"...\"");
  curve.name = *name->value<std::string>();
  curve.description = top.string("description").value_or("");
  curve.built_from = top.string("built_from").value_or("");
  curve.licence = top.string("licence").value_or("");
  curve.references = top.strings("references").value_or(std::vector<std::string>{});
  const toml::node* bands = doc.get("band");
  const toml::array* list = bands != nullptr ? bands->as_array() : nullptr;
  if (list == nullptr || list->empty())
    throw InputError(path.string() + ":1:1", "a target needs a list of bands: band = [{...}]");
  std::set<double> seen;
  for (const auto& node : *list) {
    const TargetBand b = parse_band(path, node);
    if (!seen.insert(b.center_hz).second)
      fail(path, node, fmt::format("band {} Hz appears twice", b.center_hz));
    curve.bands.push_back(b);
  }
  std::sort(curve.bands.begin(), curve.bands.end(),
            [](const TargetBand& a, const TargetBand& b) { return a.center_hz < b.center_hz; });
  return curve;
}

std::string target_toml(const TargetCurve& c) {
  std::string out =
      "# A mixgrade target curve: levels per third-octave band relative to the total\n"
      "# in-band energy (so a track's gain cancels); low_db/high_db are the allowed\n"
      "# deviation below/above target_db.\n";
  out += "name = " + toml_string(c.name) + "\n";
  out += "description = " + toml_string(c.description) + "\n";
  out += "built_from = " + toml_string(c.built_from) + "\n";
  out += "licence = " + toml_string(c.licence) + "\n";
  out += "references = [\n";
  for (const auto& r : c.references) out += "  " + toml_string(r) + ",\n";
  out += "]\nband = [\n";
  for (const auto& b : c.bands)
    out += fmt::format(
        "  {{ center_hz = {}, target_db = {:.2f}, low_db = {:.2f}, high_db = {:.2f} }},\n",
        b.center_hz, b.target_db, b.low_db, b.high_db);
  return out + "]\n";
}

TargetCurve build_target(const std::vector<SpectrumResult>& references,
                         const std::vector<std::string>& names, const TargetBuildOptions& options) {
  TargetCurve curve;
  curve.name = options.name;
  curve.description = options.description;
  curve.licence = options.licence;
  curve.references = names;
  curve.built_from = fmt::format(
      "mixgrade-target build from {} reference(s): target = mean of their third-octave levels "
      "(each relative to its own in-band energy), range = their min/max around the mean, at least "
      "+-{:.1f} dB",
      references.size(), options.min_half_width_db);
  for (std::size_t i = 0; i < kThirdOctaveCount; ++i) {
    std::vector<double> levels;
    for (const auto& r : references)
      if (i < r.third_octave.size() && r.third_octave[i].level_db)
        levels.push_back(*r.third_octave[i].level_db);
    if (levels.empty()) continue;
    double mean = 0.0;
    for (double v : levels) mean += v / double(levels.size());
    const auto [lo, hi] = std::minmax_element(levels.begin(), levels.end());
    curve.bands.push_back({third_octaves()[i].nominal_hz, mean,
                           std::min(*lo - mean, -options.min_half_width_db),
                           std::max(*hi - mean, options.min_half_width_db)});
  }
  return curve;
}

TargetComparison compare_to_target(const SpectrumResult& spectrum, const TargetCurve& curve) {
  TargetComparison out;
  out.name = curve.name;
  auto measured = [&](double center_hz) -> std::optional<double> {
    for (const auto& level : spectrum.third_octave)
      if (level.center_hz == center_hz) return level.level_db;
    return std::nullopt;
  };
  // Both curves are relative to their own total in-band energy. When the file measures fewer
  // bands (a lower sample rate), the target is renormalised over the bands the file has, or every
  // band would read several dB high.
  double target_all = 0.0;
  double target_measured = 0.0;
  for (const auto& band : curve.bands) {
    const double energy = std::pow(10.0, band.target_db / 10.0);
    target_all += energy;
    if (measured(band.center_hz)) target_measured += energy;
  }
  const double offset =
      target_measured > 0.0 ? 10.0 * std::log10(target_measured / target_all) : 0.0;

  double sum_squares = 0.0;
  int counted = 0;
  for (const auto& band : curve.bands) {
    TargetBandDeviation d{band.center_hz, std::nullopt, band.low_db, band.high_db};
    if (const auto level = measured(band.center_hz))
      d.deviation_db = *level - (band.target_db - offset);
    if (d.deviation_db && band.center_hz >= kTargetRmsLowHz && band.center_hz <= kTargetRmsHighHz) {
      sum_squares += *d.deviation_db * *d.deviation_db;
      ++counted;
      if (!out.worst_deviation_db ||
          std::fabs(*d.deviation_db) > std::fabs(*out.worst_deviation_db)) {
        out.worst_deviation_db = d.deviation_db;
        out.worst_band_hz = band.center_hz;
      }
    }
    out.third_octave.push_back(d);
  }
  if (counted > 0) out.rms_deviation_db = std::sqrt(sum_squares / counted);

  for (const auto& named : kNamedBands) {
    double deviation = 0.0, low = 0.0, high = 0.0;
    int n = 0;
    for (const auto& d : out.third_octave) {
      // Each third-octave band belongs to the named band holding its centre; the top one is
      // closed so that the 20 kHz band belongs to "high".
      const bool top = named.name == kNamedBands.back().name;
      const bool inside = d.center_hz >= named.low_hz &&
                          (d.center_hz < named.high_hz || (top && d.center_hz == named.high_hz));
      if (!d.deviation_db || !inside) continue;
      deviation += *d.deviation_db;
      low += d.low_db;
      high += d.high_db;
      ++n;
    }
    if (n > 0 && (deviation < low || deviation > high)) out.bands_outside.emplace_back(named.name);
  }
  return out;
}

}  // namespace mixgrade
