#include "analysis/analysis_json.hpp"

#include <cmath>

namespace mixgrade {

namespace {

nlohmann::ordered_json number_list(const std::vector<std::optional<double>>& values, int decimals) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& v : values) out.push_back(json_number(v, decimals));
  return out;
}

nlohmann::ordered_json loudness_json(const LoudnessResult& l, const JsonOptions& options) {
  nlohmann::ordered_json j;
  j["integrated_lufs"] = json_number(l.integrated_lufs, 2);
  j["range_lu"] = json_number(l.range_lu, 2);
  j["momentary_max_lufs"] = json_number(l.momentary_max_lufs, 2);
  j["short_term_max_lufs"] = json_number(l.short_term_max_lufs, 2);
  j["sample_peak_dbfs"] = json_number(l.sample_peak_dbfs, 2);
  j["true_peak_dbtp"] = json_number(l.true_peak_dbtp, 2);
  j["plr_db"] = json_number(l.plr_db, 2);
  j["channel_mode"] = l.channel_mode;
  j["channel_sample_peak_dbfs"] = number_list(l.channel_sample_peak_dbfs, 2);
  j["channel_true_peak_dbtp"] = number_list(l.channel_true_peak_dbtp, 2);
  if (options.short_term_series) {
    std::vector<std::optional<double>> series(l.short_term_series.begin(),
                                              l.short_term_series.end());
    j["short_term_series"] = number_list(series, 2);
    j["short_term_series_start_s"] = 3.0;
    j["short_term_series_rate_hz"] = 10;
  }
  return j;
}

nlohmann::ordered_json dynamics_json(const DynamicsResult& d) {
  nlohmann::ordered_json j;
  j["crest_factor_db"] = json_number(d.crest_factor_db, 2);
  j["plr_db"] = json_number(d.plr_db, 2);
  j["dr"] = d.dr ? nlohmann::ordered_json(*d.dr) : nlohmann::ordered_json(nullptr);
  j["dr_exact"] = json_number(d.dr_exact, 2);
  j["channel_dr"] = number_list(d.channel_dr, 2);
  j["clip_events"] = d.clip_events;
  j["clipped_samples"] = d.clipped_samples;
  auto dc = nlohmann::ordered_json::array();
  for (double v : d.dc_offset) dc.push_back(json_number(v, 6));
  j["dc_offset"] = dc;
  j["lead_silence_s"] = json_number(d.lead_silence_s, 3);
  j["trail_silence_s"] = json_number(d.trail_silence_s, 3);
  return j;
}

nlohmann::ordered_json target_json(const TargetComparison& t) {
  nlohmann::ordered_json j;
  j["name"] = t.name;
  j["rms_deviation_db"] = json_number(t.rms_deviation_db, 2);
  j["worst_band_hz"] = json_number(t.worst_band_hz, 1);
  j["worst_deviation_db"] = json_number(t.worst_deviation_db, 2);
  j["bands_outside"] = t.bands_outside;
  auto bands = nlohmann::ordered_json::array();
  for (const auto& d : t.third_octave)
    bands.push_back({{"center_hz", d.center_hz},
                     {"deviation_db", json_number(d.deviation_db, 2)},
                     {"low_db", json_number(d.low_db, 2)},
                     {"high_db", json_number(d.high_db, 2)}});
  j["third_octave"] = bands;
  return j;
}

nlohmann::ordered_json spectrum_json(const SpectrumResult& s) {
  nlohmann::ordered_json j;
  auto bands = nlohmann::ordered_json::array();
  for (const auto& b : s.bands)
    bands.push_back({{"name", b.name},
                     {"low_hz", b.low_hz},
                     {"high_hz", b.high_hz},
                     {"level_db", json_number(b.level_db, 2)}});
  j["bands"] = bands;
  auto thirds = nlohmann::ordered_json::array();
  for (const auto& b : s.third_octave)
    thirds.push_back({{"center_hz", b.center_hz}, {"level_db", json_number(b.level_db, 2)}});
  j["third_octave"] = thirds;
  j["tilt_db_per_oct"] = json_number(s.tilt_db_per_oct, 2);
  j["centroid_hz"] = json_number(s.centroid_hz, 1);
  j["rolloff_hz"] = json_number(s.rolloff_hz, 1);
  if (s.target) j["target"] = target_json(*s.target);
  return j;
}

nlohmann::ordered_json stereo_json(const StereoResult& s) {
  nlohmann::ordered_json j;
  j["mono"] = s.mono;
  j["correlation"] = json_number(s.correlation, 3);
  j["negative_correlation_pct"] = json_number(s.negative_correlation_pct, 1);
  j["side_to_mid_db"] = json_number(s.side_to_mid_db, 2);
  j["balance_db"] = json_number(s.balance_db, 2);
  j["mono_loss_lu"] = json_number(s.mono_loss_lu, 2);
  j["wide_bass"] = s.wide_bass;
  auto bands = nlohmann::ordered_json::array();
  for (const auto& b : s.bands)
    bands.push_back({{"name", b.name}, {"side_to_mid_db", json_number(b.side_to_mid_db, 2)}});
  j["bands"] = bands;
  return j;
}

}  // namespace

nlohmann::ordered_json to_json(const Analysis& a, const JsonOptions& options) {
  nlohmann::ordered_json j;
  j["file"] = a.file;
  j["format"] = {
      {"container", a.format.container},     {"encoding", a.format.encoding},
      {"sample_rate", a.format.sample_rate}, {"channels", a.format.channels},
      {"frames", a.format.frames},           {"duration_s", json_number(a.format.duration_s(), 3)}};
  if (a.loudness) j["loudness"] = loudness_json(*a.loudness, options);
  if (a.dynamics) j["dynamics"] = dynamics_json(*a.dynamics);
  if (a.spectrum) j["spectrum"] = spectrum_json(*a.spectrum);
  if (a.stereo) j["stereo"] = stereo_json(*a.stereo);
  j["warnings"] = a.warnings;
  return j;
}

}  // namespace mixgrade
