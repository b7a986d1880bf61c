#include "analysis/dynamics.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <functional>

#include <numeric>

#include "analysis/analysis.hpp"
#include "analysis/analysis_json.hpp"
#include "analysis/levels.hpp"
#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

// Two flat tops belong to the same clip level when they are this close (a 16-bit file clips at
// +32767 and -32768, which differ by 0.0003 dB).
constexpr double kClipLevelToleranceDb = 0.1;
float clip_tolerance() {
  return static_cast<float>(std::pow(10.0, -kClipLevelToleranceDb / 20.0));
}

// TT DR for one channel (Pleasurize Music Foundation, "Measuring DR", v3): block RMS is
// sqrt(2 * mean square) so that a full-scale sine reads 0 dB; the loudest 20 % of blocks give the
// RMS, and the second-highest block peak is the peak (so one stray transient does not count).
std::optional<double> tt_dr(std::vector<double> rms_squared, std::vector<float> peaks) {
  if (rms_squared.empty()) return std::nullopt;
  std::sort(rms_squared.begin(), rms_squared.end(), std::greater<>());
  std::sort(peaks.begin(), peaks.end(), std::greater<>());
  const std::size_t top = std::max<std::size_t>(1, rms_squared.size() / 5);
  const double mean_top =
      std::accumulate(rms_squared.begin(), rms_squared.begin() + long(top), 0.0) / double(top);
  const double peak = peaks.size() >= 2 ? peaks[1] : peaks[0];
  if (!(mean_top > 0.0) || !(peak > 0.0)) return std::nullopt;
  // A square-ish (hard-clipped) wave has a block RMS above its peak and would read below 0;
  // foobar2000's DR Meter, the reference most students compare with, clamps at 0, and so do we.
  return std::max(0.0, 20.0 * std::log10(peak) - 10.0 * std::log10(mean_top));
}

}  // namespace

void DynamicsAnalyser::begin(const AudioFormat& format) {
  channels_ = format.channels;
  sample_rate_ = format.sample_rate;
  ch_.assign(static_cast<std::size_t>(channels_), Channel{});
  frames_ = 0;
  block_frames_ = 0;
  dr_block_length_ = std::llround(kDrBlockSeconds * sample_rate_);
  first_loud_ = last_loud_ = -1;
  silence_threshold_ = static_cast<float>(std::pow(10.0, kSilenceDbfs / 20.0));
  clip_floor_ = static_cast<float>(std::pow(10.0, kClipFloorDbfs / 20.0));
}

void DynamicsAnalyser::end_run(Channel& ch) {
  const float level = std::fabs(ch.run_value);
  if (ch.run_length >= kClipMinRun && level >= clip_floor_) {
    const float tolerance = clip_tolerance();
    if (level * tolerance > ch.clip_level) {  // a clearly higher flat top: start counting anew
      ch.clip_level = level;
      ch.clip_events = 0;
      ch.clipped_samples = 0;
      ch.clip_starts.clear();
    }
    if (level >= ch.clip_level * tolerance) {
      ch.clip_level = std::max(ch.clip_level, level);
      if (ch.clip_starts.size() < kMaxEventTimes) ch.clip_starts.push_back(ch.run_start);
      ++ch.clip_events;
      ch.clipped_samples += ch.run_length;
    }
  }
  ch.run_length = 0;
}

void DynamicsAnalyser::end_dr_block() {
  for (auto& ch : ch_) {
    ch.block_rms_squared.push_back(2.0 * ch.block_sum_squares / double(block_frames_));
    ch.block_peaks.push_back(ch.block_peak);
    ch.block_sum_squares = 0.0;
    ch.block_peak = 0.0f;
  }
  block_frames_ = 0;
}

void DynamicsAnalyser::process(std::span<const float> interleaved) {
  const auto channels = static_cast<std::size_t>(channels_);
  const std::size_t frames = interleaved.size() / channels;
  for (std::size_t f = 0; f < frames; ++f) {
    const float* frame = interleaved.data() + f * channels;
    bool loud = false;
    for (std::size_t c = 0; c < channels; ++c) {
      const float x = frame[c];
      const float a = std::fabs(x);
      Channel& ch = ch_[c];
      ch.sum += x;
      ch.sum_squares += double(x) * x;
      ch.block_sum_squares += double(x) * x;
      ch.peak = std::max(ch.peak, a);
      ch.block_peak = std::max(ch.block_peak, a);
      loud = loud || a > silence_threshold_;
      if (ch.run_length > 0 && x == ch.run_value) {
        ++ch.run_length;
      } else {
        end_run(ch);
        ch.run_value = x;
        ch.run_length = 1;
        ch.run_start = frames_;
      }
    }
    if (loud) {
      if (first_loud_ < 0) first_loud_ = frames_;
      last_loud_ = frames_;
    }
    ++frames_;
    if (++block_frames_ == dr_block_length_) end_dr_block();
  }
}

void DynamicsAnalyser::finish(Analysis& result) {
  DynamicsResult out;
  // The final partial block counts, normalised by its own length, as foobar2000's DR Meter does
  // (the TT DR paper does not say); a file shorter than 3 s is measured as one block.
  if (block_frames_ > 0) end_dr_block();

  double peak = 0.0;
  double sum_squares = 0.0;
  std::vector<double> drs;
  std::vector<std::int64_t> clip_starts;
  for (auto& ch : ch_) {
    end_run(ch);
    // Flat tops below the channel's peak are not clipping (a sustained low note can quantise flat).
    if (ch.clip_events > 0 && ch.clip_level >= ch.peak * clip_tolerance()) {
      out.clip_events += ch.clip_events;
      out.clipped_samples += ch.clipped_samples;
      clip_starts.insert(clip_starts.end(), ch.clip_starts.begin(), ch.clip_starts.end());
    }
    peak = std::max(peak, double(ch.peak));
    sum_squares += ch.sum_squares;
    out.dc_offset.push_back(frames_ > 0 ? ch.sum / double(frames_) : 0.0);
    const auto dr = tt_dr(ch.block_rms_squared, ch.block_peaks);
    out.channel_dr.push_back(dr);
    if (dr) drs.push_back(*dr);
  }
  const double mean_square = frames_ > 0 ? sum_squares / (double(frames_) * channels_) : 0.0;
  if (peak > 0.0 && mean_square > 0.0)
    out.crest_factor_db = *amplitude_db(peak) - *power_db(mean_square);
  if (!drs.empty()) {
    out.dr_exact = std::accumulate(drs.begin(), drs.end(), 0.0) / double(drs.size());
    out.dr = static_cast<int>(std::lround(*out.dr_exact));
  }
  const double rate = sample_rate_;
  // Each channel kept its first runs, so the first runs of all channels are among them.
  std::sort(clip_starts.begin(), clip_starts.end());
  clip_starts.erase(std::unique(clip_starts.begin(), clip_starts.end()), clip_starts.end());
  if (clip_starts.size() > kMaxEventTimes) clip_starts.resize(kMaxEventTimes);
  for (auto f : clip_starts) out.clip_times_s.push_back(double(f) / rate);
  if (first_loud_ < 0) {
    out.lead_silence_s = out.trail_silence_s = double(frames_) / rate;
  } else {
    out.lead_silence_s = double(first_loud_) / rate;
    out.trail_silence_s = double(frames_ - 1 - last_loud_) / rate;
  }
  // PLR is the loudness block's (this analyser needs it, so it has finished already).
  if (result.loudness) out.plr_db = result.loudness->plr_db;
  if (out.clip_events > 0)
    result.warnings.push_back("clipping: " + std::to_string(out.clip_events) +
                              " flat-topped runs at the peak level (" +
                              std::to_string(out.clipped_samples) + " samples)");
  result.dynamics = std::move(out);
}

// The descriptor (registry.hpp).
namespace {

// The metric reference (metrics.hpp has the form): --help, --list-metrics, the README and
// rubric validation read it.
constexpr std::string_view kMetricDocs = R"(
dynamics.crest_factor_db | dB
    Highest sample peak over the RMS level of all channels (a steady sine reads 3.01 dB).
    plain: Crest factor is how far the highest peak stands above the average level: how spiky
    the waveform is.
dynamics.plr_db | dB | EBU R 128 s1
    Peak-to-loudness ratio, as in the loudness block.
    plain: PLR (peak-to-loudness ratio) is how far the loudest peak stands above the average
    loudness: a high number means punchy drums, a low one means the mix has been squashed.
    look: the true peak and the integrated loudness of the whole mix together, and the gain-
    reduction meters of the mix-bus compressor and limiter on the loudest chorus.
    ignore: how loud it sounds and the LUFS reading alone: a mix for mastering is judged on the room
    its peaks have, not on its level.
dynamics.dr | DR | Pleasurize Music Foundation TT DR (Measuring DR v3)
    TT dynamic range: second-highest 3 s block peak over the RMS of the loudest 20 % of blocks
    (RMS = sqrt(2 x mean square)), averaged over channels, rounded.
    plain: DR (dynamic range, as a TT DR meter reads it) compares the peaks with the loud
    passages: higher means more punch, and 6 or less means heavy compression or limiting.
    look: the loudest sections of the song (the choruses, the drop): DR compares their peaks with
    their average level, so look at the compressors and limiters that work hardest there.
    ignore: the quiet intro and outro: DR is measured on the loud parts.
dynamics.dr_exact | dB | Pleasurize Music Foundation TT DR
    The DR value before rounding.
dynamics.clip_events
    Flat-topped runs of 3 or more equal samples at the channel's peak level, when that peak is
    above -2 dBFS, summed over channels.
    plain: A clipped run is a stretch where the waveform hit full scale and was cut flat, which
    you hear as distortion.
    look: the clip lights of every track, bus and the master, and the master peak meter at the
    loudest hits; the first thing that overloads is usually the drums or the bass.
    ignore: the loudness reading: clipping is a peak problem, and turning the whole mix down after
    the clip has happened does not remove it.
dynamics.clipped_samples
    Samples inside those runs.
dynamics.dc_offset | FS | | list
    Mean sample value per channel, as a fraction of full scale (a list).
dynamics.lead_silence_s | s
    Time before the first sample above -60 dBFS.
dynamics.trail_silence_s | s
    Time after the last sample above -60 dBFS.
)";

constexpr TableColumn kColumns[] = {
    column<&Analysis::dynamics, &DynamicsResult::plr_db>("PLR", 5),
    column<&Analysis::dynamics, &DynamicsResult::dr>("DR", 3),
    column<&Analysis::dynamics, &DynamicsResult::crest_factor_db>("crest", 5),
    column<&Analysis::dynamics, &DynamicsResult::clip_events>("clips", 5),
    {"DC max", 7,
     [](const Analysis& a) -> std::string {
       const auto* d = find_block<&Analysis::dynamics>(a);
       if (!d || d->dc_offset.empty()) return "-";
       double m = 0.0;
       for (double v : d->dc_offset) m = std::max(m, std::fabs(v));
       return fmt::format("{:.4f}", m);
     }},
    column<&Analysis::dynamics, &DynamicsResult::lead_silence_s, 2>("lead s", 6),
    column<&Analysis::dynamics, &DynamicsResult::trail_silence_s, 2>("tail s", 6),
};

constexpr std::string_view kNeeds[] = {"loudness"};  // PLR = true peak - integrated loudness

// Clipped runs with their times, and the silent lead-in and tail as stretches.
void events(const Analysis& a, nlohmann::ordered_json& e) {
  const DynamicsResult& d = *a.dynamics;
  e["clipping"] = event_json("dynamics.clip_events", d.clip_events, d.clip_times_s);
  const double duration = a.format.duration_s();
  e["silent_lead_in"] = {{"metric", "dynamics.lead_silence_s"},
                         {"start_s", 0.0},
                         {"end_s", json_number(d.lead_silence_s, 3)}};
  e["silent_tail"] = {{"metric", "dynamics.trail_silence_s"},
                      {"start_s", json_number(std::max(0.0, duration - d.trail_silence_s), 3)},
                      {"end_s", json_number(duration, 3)}};
}

nlohmann::ordered_json json(const Analysis& a, const JsonOptions&) {
  const DynamicsResult& d = *a.dynamics;
  nlohmann::ordered_json j;
  j["crest_factor_db"] = json_number(d.crest_factor_db, 2);
  j["plr_db"] = json_number(d.plr_db, 2);
  j["dr"] = d.dr ? nlohmann::ordered_json(*d.dr) : nlohmann::ordered_json(nullptr);
  j["dr_exact"] = json_number(d.dr_exact, 2);
  j["channel_dr"] = json_numbers(d.channel_dr, 2);
  j["clip_events"] = d.clip_events;
  j["clipped_samples"] = d.clipped_samples;
  auto dc = nlohmann::ordered_json::array();
  for (double v : d.dc_offset) dc.push_back(json_number(v, 6));
  j["dc_offset"] = dc;
  j["lead_silence_s"] = json_number(d.lead_silence_s, 3);
  j["trail_silence_s"] = json_number(d.trail_silence_s, 3);
  return j;
}

}  // namespace

extern const AnalyserDescriptor dynamics_analyser =  // listed in registry.cpp
    describe<&Analysis::dynamics>("dynamics", kMetricDocs, kColumns,
                                  make_analyser<DynamicsAnalyser>, json,
                                  {.needs = kNeeds, .events = events});

}  // namespace mixgrade
