#include "rubric/suspect.hpp"

#include "core/json.hpp"

#include <filesystem>

#include "core/format.hpp"
#include "rubric/metric_path.hpp"

namespace mixgrade {

namespace {

std::optional<double> number_at(const nlohmann::ordered_json& analysis, std::string_view path) {
  return resolve_metric(analysis, path);
}

// The file's own name: pages never show the instructor's folders.
std::string file_name(const nlohmann::ordered_json& analysis) {
  return std::filesystem::path(text_or(analysis, "file", "the file")).filename().string();
}

// The first analysis warning that starts with `prefix`.
std::optional<std::string> warning_starting(const nlohmann::ordered_json& analysis,
                                            std::string_view prefix) {
  if (!analysis.contains("warnings") || !analysis["warnings"].is_array()) return std::nullopt;
  for (const auto& w : analysis["warnings"])
    if (w.is_string() && w.get<std::string>().starts_with(prefix)) return w.get<std::string>();
  return std::nullopt;
}

bool has_warning(const nlohmann::ordered_json& analysis, std::string_view prefix) {
  return warning_starting(analysis, prefix).has_value();
}

std::string number(double v) {
  return format_number(v, 1);
}

}  // namespace

std::vector<SuspectWarning> suspect_warnings(const Rubric& rubric,
                                             const nlohmann::ordered_json& analysis) {
  std::vector<SuspectWarning> out;
  const std::string name = file_name(analysis);
  if (const auto cut = warning_starting(analysis, "truncated"))
    out.push_back({SuspectKind::cut_off, name + " is cut off or damaged (" + *cut +
                                             "): re-export the whole mix and hand it in again."});

  if (analysis.contains("loudness") && analysis["loudness"].is_object()) {
    // The loudness analyser's own words for a file every 400 ms block of which is below the
    // -70 LUFS absolute gate, or that holds only zeros (analysis/loudness.cpp).
    const bool gated_out =
        has_warning(analysis, "too quiet to measure") || has_warning(analysis, "digital silence");
    // A null peak is the analyser's -inf (nothing but zeros); an absent one is an analysis from
    // elsewhere that did not measure it (--from-json), which says nothing about silence.
    const auto& loudness = analysis["loudness"];
    const bool peak_null =
        loudness.contains("sample_peak_dbfs") && loudness["sample_peak_dbfs"].is_null();
    const auto peak = number_at(analysis, "loudness.sample_peak_dbfs");
    if (gated_out || peak_null || (peak && *peak < kSilentPeakDbfs))
      out.push_back({SuspectKind::silent,
                     name + " is silent or nearly silent (" +
                         (peak ? "peak " + format_number(*peak, 1) + " dBFS" : "no signal") +
                         "): check that the right track was exported."});
  }

  const DeliverySpec& spec = rubric.delivery;
  const auto duration = number_at(analysis, "delivery.duration_s")
                            ? number_at(analysis, "delivery.duration_s")
                            : number_at(analysis, "format.duration_s");
  if (spec.min_duration_s && duration && *duration < *spec.min_duration_s)
    out.push_back({SuspectKind::too_short,
                   name + " lasts " + format_number(*duration, 1) + " s, shorter than the " +
                       number(*spec.min_duration_s) + " s this assignment asks for."});

  std::vector<std::string> below;
  if (const auto rate = number_at(analysis, "delivery.sample_rate_hz");
      spec.min_sample_rate_hz && rate && *rate < *spec.min_sample_rate_hz)
    below.push_back(number(*rate) + " Hz, not at least " + number(*spec.min_sample_rate_hz) +
                    " Hz");
  if (spec.min_bit_depth && analysis.contains("delivery")) {
    // Float has its width of lossless bits; a lossy codec has none.
    auto bits = number_at(analysis, "delivery.bit_depth");
    if (!bits) bits = number_at(analysis, "delivery.lossless_bits");
    if (bits && *bits < *spec.min_bit_depth)
      below.push_back((*bits == 0 ? std::string("a lossy encoding") : number(*bits) + "-bit") +
                      ", not at least " + std::to_string(*spec.min_bit_depth) + "-bit");
  }
  if (const auto channels = number_at(analysis, "delivery.channels");
      spec.channels && channels && static_cast<int>(*channels) != *spec.channels)
    below.push_back(number(*channels) + " channel" + (*channels == 1 ? "" : "s") + ", not " +
                    std::to_string(*spec.channels));
  if (!below.empty()) {
    std::string list;
    for (const auto& b : below) list += (list.empty() ? "" : "; ") + b;
    out.push_back({SuspectKind::below_spec,
                   name + " is below the delivery spec (" + list + "): export it again."});
  }
  return out;
}

void flag_suspect_upload(ScoreRecord& record, const Rubric& rubric,
                         const nlohmann::ordered_json& analysis, bool grade_cut_off,
                         const std::vector<std::string>& several_files) {
  for (auto& w : suspect_warnings(rubric, analysis)) record.warnings.push_back(std::move(w));
  for (const auto& w : several_files)
    record.warnings.push_back({SuspectKind::several_files,
                               file_name(analysis) + " was one of several files: " + w + "."});
  for (const auto& w : record.warnings)
    if (w.kind == SuspectKind::cut_off && !grade_cut_off) {
      record.withheld = true;
      record.passed = false;
    }
}

}  // namespace mixgrade
