#include "analysis/metrics.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace mixgrade {
namespace {

constexpr std::array kMetrics = {
    MetricInfo{"format.sample_rate", "Hz", "", "Samples per second per channel."},
    MetricInfo{"format.channels", "", "", "Number of channels."},
    MetricInfo{"format.frames", "", "", "Frames actually decoded (one sample per channel each)."},
    MetricInfo{"format.duration_s", "s", "", "Decoded length in seconds."},
    MetricInfo{"loudness.integrated_lufs", "LUFS", "ITU-R BS.1770-4; EBU Tech 3341",
               "Programme loudness: K-weighted, gated at -70 LUFS and 10 LU below the ungated "
               "level. null when shorter than 400 ms or silent."},
    MetricInfo{"loudness.range_lu", "LU", "EBU Tech 3342",
               "Loudness range: 10th to 95th percentile of short-term loudness (3 s windows "
               "sampled at 10 Hz), gated at -70 LUFS and 20 LU below. null under 3 s."},
    MetricInfo{"loudness.momentary_max_lufs", "LUFS", "EBU Tech 3341",
               "Loudest 400 ms window, evaluated every 10 ms."},
    MetricInfo{"loudness.short_term_max_lufs", "LUFS", "EBU Tech 3341",
               "Loudest 3 s window, evaluated every 10 ms. null under 3 s."},
    MetricInfo{"loudness.sample_peak_dbfs", "dBFS", "",
               "Highest absolute sample value over all channels."},
    MetricInfo{"loudness.true_peak_dbtp", "dBTP", "ITU-R BS.1770-4 Annex 2",
               "Highest level of the signal oversampled 4x (2x from 96 kHz, 1x from 192 kHz): "
               "the peak a DAC or a lossy encoder sees between the samples."},
    MetricInfo{"loudness.plr_db", "dB", "EBU R 128 s1; AES TD1008",
               "Peak-to-loudness ratio: true peak minus integrated loudness."},
    MetricInfo{"dynamics.crest_factor_db", "dB", "",
               "Highest sample peak over the RMS level of all channels (a steady sine reads "
               "3.01 dB)."},
    MetricInfo{"dynamics.plr_db", "dB", "EBU R 128 s1",
               "Peak-to-loudness ratio, as in the loudness block."},
    MetricInfo{"dynamics.dr", "DR", "Pleasurize Music Foundation TT DR (Measuring DR v3)",
               "TT dynamic range: second-highest 3 s block peak over the RMS of the loudest 20 % "
               "of blocks (RMS = sqrt(2 x mean square)), averaged over channels, rounded."},
    MetricInfo{"dynamics.dr_exact", "dB", "Pleasurize Music Foundation TT DR",
               "The DR value before rounding."},
    MetricInfo{"dynamics.clip_events", "", "",
               "Flat-topped runs of 3 or more equal samples at the channel's peak level, when that "
               "peak is above -2 dBFS, summed over channels."},
    MetricInfo{"dynamics.clipped_samples", "", "", "Samples inside those runs."},
    MetricInfo{"dynamics.dc_offset", "FS", "",
               "Mean sample value per channel, as a fraction of full scale (list)."},
    MetricInfo{"dynamics.lead_silence_s", "s", "", "Time before the first sample above -60 dBFS."},
    MetricInfo{"dynamics.trail_silence_s", "s", "", "Time after the last sample above -60 dBFS."},
    MetricInfo{"spectrum.bands.sub.level_db", "dB", "Welch LTAS",
               "Energy 20-60 Hz relative to the total 22 Hz-22 kHz energy (third-octave span)."},
    MetricInfo{"spectrum.bands.bass.level_db", "dB", "Welch LTAS",
               "Energy 60-250 Hz relative to the total in-band energy."},
    MetricInfo{"spectrum.bands.low_mid.level_db", "dB", "Welch LTAS",
               "Energy 250-500 Hz relative to the total in-band energy."},
    MetricInfo{"spectrum.bands.mid.level_db", "dB", "Welch LTAS",
               "Energy 500-2000 Hz relative to the total in-band energy."},
    MetricInfo{"spectrum.bands.high_mid.level_db", "dB", "Welch LTAS",
               "Energy 2-6 kHz relative to the total in-band energy."},
    MetricInfo{"spectrum.bands.high.level_db", "dB", "Welch LTAS",
               "Energy 6-20 kHz relative to the total in-band energy (null above Nyquist)."},
    MetricInfo{"spectrum.third_octave", "dB", "ISO 266; IEC 61260-1 (base-10 edges)",
               "Level of each third-octave band 25 Hz-20 kHz relative to the total in-band "
               "energy (list of {center_hz, level_db}); null above Nyquist."},
    MetricInfo{"spectrum.tilt_db_per_oct", "dB/oct", "",
               "Least-squares slope of the third-octave levels against octaves, 50 Hz-16 kHz: "
               "pink noise 0, white noise +3.0, most finished mixes -3 to -5."},
    MetricInfo{"spectrum.centroid_hz", "Hz", "",
               "Power-weighted mean frequency of the long-term spectrum (brightness)."},
    MetricInfo{"spectrum.rolloff_hz", "Hz", "",
               "Frequency below which 85 % of the energy lies (white noise: 0.85 x Nyquist)."},
    MetricInfo{"spectrum.target.rms_deviation_db", "dB", "",
               "RMS of the third-octave deviations from the target curve, 40 Hz-16 kHz (only "
               "with --target or --reference)."},
    MetricInfo{"spectrum.target.worst_deviation_db", "dB", "",
               "The largest deviation from the target, 40 Hz-16 kHz, with its sign."},
    MetricInfo{"spectrum.target.worst_band_hz", "Hz", "", "Centre of that band."},
    MetricInfo{"stereo.correlation", "", "",
               "Pearson correlation of L and R over the whole file: 1 mono, 0 unrelated, -1 "
               "out of phase. null for mono files."},
    MetricInfo{"stereo.negative_correlation_pct", "%", "",
               "Share of 400 ms windows (both channels above -70 dBFS RMS) with correlation "
               "below 0: passages that will thin out or vanish in mono."},
    MetricInfo{"stereo.side_to_mid_db", "dB", "",
               "Energy of S = (L-R)/2 over M = (L+R)/2: -100 for L = R, 0 for unrelated "
               "channels, +100 for L = -R (limited to +-100)."},
    MetricInfo{"stereo.balance_db", "dB", "",
               "Energy of L over energy of R (positive: left-heavy)."},
    MetricInfo{"stereo.mono_loss_lu", "LU", "ITU-R BS.1770-4",
               "Integrated loudness of the mono fold-down (L+R)/2 on both channels minus the "
               "stereo integrated loudness; null when the fold-down cancels below the gate."},
    MetricInfo{"stereo.bands.low.side_to_mid_db", "dB", "Linkwitz-Riley 24 dB/oct crossovers",
               "Side over mid below 150 Hz; above -10 dB sets wide_bass."},
    MetricInfo{"stereo.bands.mid.side_to_mid_db", "dB", "Linkwitz-Riley 24 dB/oct crossovers",
               "Side over mid, 150 Hz-5 kHz."},
    MetricInfo{"stereo.bands.high.side_to_mid_db", "dB", "Linkwitz-Riley 24 dB/oct crossovers",
               "Side over mid above 5 kHz."},
};

// Greedy word wrap for --help, so a terminal of 80 columns reads it comfortably.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 78) {
  std::string out(indent, ' ');
  std::size_t column = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out + "\n";
}

bool in_block(const MetricInfo& m, std::string_view block) {
  return block.empty() ||
         (m.path.starts_with(block) && m.path.size() > block.size() && m.path[block.size()] == '.');
}

}  // namespace

std::span<const MetricInfo> metric_table() {
  return kMetrics;
}

std::string metric_reference_text(std::string_view block) {
  std::string out;
  for (const auto& m : kMetrics) {
    if (!in_block(m, block)) continue;
    out += "  ";
    out += m.path;
    if (!m.unit.empty()) out += " [" + std::string(m.unit) + "]";
    out += "\n";
    std::string text(m.meaning);
    if (!m.standard.empty()) text += " (" + std::string(m.standard) + ")";
    out += wrap(text, 6);
  }
  return out;
}

std::string metric_reference_markdown(std::string_view block) {
  return metric_reference_markdown(std::span<const std::string_view>(&block, 1));
}

std::string metric_reference_markdown(std::span<const std::string_view> blocks) {
  std::string out = "| metric | unit | meaning | standard |\n|---|---|---|---|\n";
  for (const auto& m : kMetrics) {
    if (std::none_of(blocks.begin(), blocks.end(),
                     [&](std::string_view b) { return in_block(m, b); }))
      continue;
    out += "| `" + std::string(m.path) + "` | " + std::string(m.unit) + " | " +
           std::string(m.meaning) + " | " + std::string(m.standard) + " |\n";
  }
  return out;
}

}  // namespace mixgrade
