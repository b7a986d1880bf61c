#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mixgrade {
namespace {

std::string fixed(std::optional<double> v, int decimals = 1) {
  if (!v || !std::isfinite(*v)) return "-";
  std::string text = fmt::format("{:.{}f}", *v, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;  // no "-0.0"
}

const LoudnessResult* loud(const Analysis& a) {
  return a.loudness ? &*a.loudness : nullptr;
}
const DynamicsResult* dyn(const Analysis& a) {
  return a.dynamics ? &*a.dynamics : nullptr;
}
const SpectrumResult* spec(const Analysis& a) {
  return a.spectrum ? &*a.spectrum : nullptr;
}
const StereoResult* st(const Analysis& a) {
  return a.stereo ? &*a.stereo : nullptr;
}

std::string pad_file(const std::string& file, std::size_t width) {
  if (file.size() <= width) return file + std::string(width - file.size(), ' ');
  return "..." + file.substr(file.size() - (width - 3));
}

}  // namespace

AnalysisTable::AnalysisTable(TableBlocks blocks, std::size_t file_width)
    : file_width_(std::clamp<std::size_t>(file_width, 8, 48)) {
  if (blocks.loudness) {
    columns_.push_back({"I LUFS", 7, [](const Analysis& a) {
                          return loud(a) ? fixed(loud(a)->integrated_lufs) : "-";
                        }});
    columns_.push_back(
        {"LRA", 5, [](const Analysis& a) { return loud(a) ? fixed(loud(a)->range_lu) : "-"; }});
    columns_.push_back({"M max", 6, [](const Analysis& a) {
                          return loud(a) ? fixed(loud(a)->momentary_max_lufs) : "-";
                        }});
    columns_.push_back({"S max", 6, [](const Analysis& a) {
                          return loud(a) ? fixed(loud(a)->short_term_max_lufs) : "-";
                        }});
    columns_.push_back({"SPK dB", 6, [](const Analysis& a) {
                          return loud(a) ? fixed(loud(a)->sample_peak_dbfs) : "-";
                        }});
    columns_.push_back({"TP dBTP", 7, [](const Analysis& a) {
                          return loud(a) ? fixed(loud(a)->true_peak_dbtp) : "-";
                        }});
  }
  if (blocks.loudness || blocks.dynamics)
    columns_.push_back({"PLR", 5, [](const Analysis& a) {
                          if (loud(a)) return fixed(loud(a)->plr_db);
                          return dyn(a) ? fixed(dyn(a)->plr_db) : std::string("-");
                        }});
  if (blocks.dynamics) {
    columns_.push_back({"DR", 3, [](const Analysis& a) {
                          return dyn(a) && dyn(a)->dr ? std::to_string(*dyn(a)->dr) : "-";
                        }});
    columns_.push_back({"crest", 5, [](const Analysis& a) {
                          return dyn(a) ? fixed(dyn(a)->crest_factor_db) : "-";
                        }});
    columns_.push_back({"clips", 5, [](const Analysis& a) {
                          return dyn(a) ? std::to_string(dyn(a)->clip_events) : "-";
                        }});
    columns_.push_back({"DC max", 7, [](const Analysis& a) -> std::string {
                          if (!dyn(a) || dyn(a)->dc_offset.empty()) return "-";
                          double m = 0.0;
                          for (double v : dyn(a)->dc_offset) m = std::max(m, std::fabs(v));
                          return fmt::format("{:.4f}", m);
                        }});
    columns_.push_back({"lead s", 6, [](const Analysis& a) {
                          return dyn(a) ? fixed(dyn(a)->lead_silence_s, 2) : "-";
                        }});
    columns_.push_back({"tail s", 6, [](const Analysis& a) {
                          return dyn(a) ? fixed(dyn(a)->trail_silence_s, 2) : "-";
                        }});
  }
  if (blocks.spectrum) {
    columns_.push_back({"tilt", 5, [](const Analysis& a) {
                          return spec(a) ? fixed(spec(a)->tilt_db_per_oct) : "-";
                        }});
    columns_.push_back({"centroid", 8, [](const Analysis& a) {
                          return spec(a) ? fixed(spec(a)->centroid_hz, 0) : "-";
                        }});
    columns_.push_back({"rolloff", 7, [](const Analysis& a) {
                          return spec(a) ? fixed(spec(a)->rolloff_hz, 0) : "-";
                        }});
    columns_.push_back({"tgt rms", 7, [](const Analysis& a) {
                          return spec(a) && spec(a)->target
                                     ? fixed(spec(a)->target->rms_deviation_db)
                                     : std::string("-");
                        }});
  }
  if (blocks.stereo) {
    columns_.push_back(
        {"corr", 5, [](const Analysis& a) { return st(a) ? fixed(st(a)->correlation, 2) : "-"; }});
    columns_.push_back({"neg %", 5, [](const Analysis& a) {
                          return st(a) ? fixed(st(a)->negative_correlation_pct) : "-";
                        }});
    columns_.push_back({"S/M dB", 6, [](const Analysis& a) {
                          return st(a) ? fixed(st(a)->side_to_mid_db) : "-";
                        }});
    columns_.push_back(
        {"bal dB", 6, [](const Analysis& a) { return st(a) ? fixed(st(a)->balance_db) : "-"; }});
    columns_.push_back(
        {"mono LU", 7, [](const Analysis& a) { return st(a) ? fixed(st(a)->mono_loss_lu) : "-"; }});
    columns_.push_back({"bass S/M", 8, [](const Analysis& a) -> std::string {
                          if (!st(a) || st(a)->bands.empty()) return "-";
                          return fixed(st(a)->bands.front().side_to_mid_db) +
                                 (st(a)->wide_bass ? " !" : "");
                        }});
  }
}

std::string AnalysisTable::header() const {
  std::string out = pad_file("file", file_width_);
  for (const auto& c : columns_) out += fmt::format("  {:>{}}", c.title, c.width);
  return out + "\n";
}

std::string AnalysisTable::row(const Analysis& analysis) const {
  std::string out = pad_file(analysis.file, file_width_);
  for (const auto& c : columns_) out += fmt::format("  {:>{}}", c.cell(analysis), c.width);
  return out + "\n";
}

std::string AnalysisTable::error_row(const std::string& file, const std::string& reason) const {
  return pad_file(file, file_width_) + "  not analysed: " + reason + "\n";
}

}  // namespace mixgrade
