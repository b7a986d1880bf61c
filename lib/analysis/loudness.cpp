#include "analysis/loudness.hpp"

#include <ebur128.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string_view>

#include "analysis/analysis.hpp"
#include "analysis/analysis_json.hpp"
#include "analysis/levels.hpp"
#include "analysis/pipeline.hpp"
#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

// Windows are built from 10 ms sub-blocks of K-weighted energy, so the momentary (400 ms) and
// short-term (3 s) maxima are evaluated every 10 ms (Tech 3341 asks for at least 10 Hz) and the
// LRA series is taken at 10 Hz as Tech 3342 asks (libebur128's own LRA samples once per second).
constexpr unsigned long kSubblockMs = 10;
constexpr std::size_t kMomentarySubblocks = 40;   // 400 ms
constexpr std::size_t kShortTermSubblocks = 300;  // 3 s
constexpr std::size_t kSeriesEvery = 10;          // 10 Hz

// The length of a sub-block in seconds: 10 ms rounded down to whole frames, as the meter counts
// them (at 22.05 kHz 220 frames, 9.98 ms), so event times do not drift over a long file.
double subblock_seconds(int sample_rate) {
  const auto frames = static_cast<std::size_t>(sample_rate) * kSubblockMs / 1000;
  return sample_rate > 0 ? double(frames) / sample_rate : 0.0;
}

// BS.1770-4 table 3: weight 1.41 for surround channels at 60..120 degrees azimuth, 1.0 for the
// front and back, LFE excluded. WAV channel order (L R C LFE BL BR SL SR) is assumed.
struct ChannelLayout {
  int channels;
  std::string_view mode;       // the analysis JSON's channel_mode
  std::array<int, 8> roles{};  // libebur128's channel per position
};
constexpr std::array kChannelLayouts = {
    ChannelLayout{2, "stereo", {EBUR128_LEFT, EBUR128_RIGHT}},
    ChannelLayout{3, "3.0", {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER}},
    ChannelLayout{
        4, "quad", {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND}},
    ChannelLayout{5,
                  "5.0",
                  {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_LEFT_SURROUND,
                   EBUR128_RIGHT_SURROUND}},
    ChannelLayout{6,
                  "5.1",
                  {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_UNUSED,
                   EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND}},
    ChannelLayout{8,
                  "7.1",
                  {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_UNUSED, EBUR128_Mp135,
                   EBUR128_Mm135, EBUR128_Mp090, EBUR128_Mm090}},
};

// Tech 3342 section 2 (LRA): absolute gate -70 LUFS, relative gate -20 LU, 10th to 95th
// percentile of the gated short-term loudness distribution.
std::optional<double> loudness_range(const std::vector<double>& series) {
  std::vector<double> gated;
  for (double s : series)
    if (std::isfinite(s) && s >= -70.0) gated.push_back(s);
  if (gated.empty()) return std::nullopt;
  double energy = 0.0;
  for (double s : gated) energy += lufs_energy(s);
  const double relative_gate = *energy_lufs(energy / double(gated.size())) - 20.0;
  std::erase_if(gated, [&](double s) { return s < relative_gate; });
  std::sort(gated.begin(), gated.end());
  auto percentile = [&](double p) {
    const auto index = static_cast<std::size_t>(double(gated.size() - 1) * p + 0.5);
    return gated[index];
  };
  return percentile(0.95) - percentile(0.10);
}

}  // namespace

struct LoudnessAnalyser::Meter {
  explicit Meter(ebur128_state* s) : st(s) {}
  ~Meter() { ebur128_destroy(&st); }
  Meter(const Meter&) = delete;
  Meter& operator=(const Meter&) = delete;
  ebur128_state* st;
};

LoudnessAnalyser::LoudnessAnalyser(MonoMode mono_mode) : mono_mode_(mono_mode) {}
LoudnessAnalyser::~LoudnessAnalyser() = default;

void LoudnessAnalyser::begin(const AudioFormat& format) {
  channels_ = format.channels;
  sample_rate_ = format.sample_rate;
  // True peak is ours (true_peak.hpp): libebur128's interpolator cost more than all the rest.
  // Mode I alone: the short-term and momentary windows are ours, built from 10 ms windows, so
  // libebur128 keeps a 400 ms ring of filtered audio instead of a 3 s one (which spilled out of
  // the cache on every pass).
  const int mode = EBUR128_MODE_I;
  ebur128_state* st = ebur128_init(static_cast<unsigned>(channels_),
                                   static_cast<unsigned long>(format.sample_rate), mode);
  if (st == nullptr) throw std::runtime_error("libebur128 could not be initialised");
  meter_ = std::make_unique<Meter>(st);
  peaks_.begin(format.sample_rate, format.channels);
  peaks_.set_over_threshold(static_cast<float>(std::pow(10.0, kOverDbtp / 20.0)));
  subblock_frames_ = static_cast<std::size_t>(format.sample_rate) * kSubblockMs / 1000;
  pending_frames_ = peak_pending_frames_ = 0;
  subblocks_ = peak_subblocks_ = 0;
  ring_.assign(kShortTermSubblocks, 0.0);
  momentary_max_energy_ = short_term_max_energy_ = -1.0;
  short_term_series_.clear();
  momentary_series_.clear();
  short_term_max_at_ = 0;
  subblock_over_ = previous_over_ = false;
  overs_ = 0;
  over_times_s_.clear();
  layout_warning_.clear();

  auto set = [&](unsigned ch, int value) { ebur128_set_channel(meter_->st, ch, value); };
  if (channels_ == 1) {
    const bool dual = mono_mode_ == MonoMode::dual_mono;
    channel_mode_ = dual ? "dual_mono" : "mono";
    set(0, dual ? EBUR128_DUAL_MONO : EBUR128_LEFT);
    return;
  }
  for (const ChannelLayout& layout : kChannelLayouts) {
    if (layout.channels != channels_) continue;
    channel_mode_ = layout.mode;
    for (int c = 0; c < channels_; ++c) set(static_cast<unsigned>(c), layout.roles[c]);
    return;
  }
  channel_mode_ = "unknown_layout";
  for (int c = 0; c < channels_; ++c) set(static_cast<unsigned>(c), EBUR128_LEFT);
  layout_warning_ = std::to_string(channels_) +
                    " channels: layout unknown, every channel weighted 1.0 for loudness";
}

void LoudnessAnalyser::process(std::span<const float> interleaved) {
  process_part(kMeterPart, interleaved);
  process_part(kPeakPart, interleaved);
}

// The meter and the true peak share nothing until finish(): each counts its own 10 ms
// sub-blocks, so the fan-out may run them on two threads.
void LoudnessAnalyser::process_part(std::size_t part, std::span<const float> interleaved) {
  const auto channels = static_cast<std::size_t>(channels_);
  std::size_t frames = interleaved.size() / channels;
  const float* data = interleaved.data();
  if (part == kMeterPart) {
    while (frames > 0) {
      const std::size_t take = std::min(frames, subblock_frames_ - pending_frames_);
      ebur128_add_frames_float(meter_->st, data, take);
      data += take * channels;
      frames -= take;
      pending_frames_ += take;
      if (pending_frames_ == subblock_frames_) close_subblock();
    }
    return;
  }
  while (frames > 0) {
    const std::size_t take = std::min(frames, subblock_frames_ - peak_pending_frames_);
    // True peak per sub-block, so that an over is placed in time to 10 ms whatever the block size.
    peaks_.process({data, take * channels});
    subblock_over_ = subblock_over_ || peaks_.over();
    data += take * channels;
    frames -= take;
    peak_pending_frames_ += take;
    if (peak_pending_frames_ == subblock_frames_) {
      peak_pending_frames_ = 0;
      note_over();
    }
  }
}

// An over sub-block after one without starts a new over, at the start of that sub-block.
void LoudnessAnalyser::note_over() {
  if (subblock_over_ && !previous_over_) {
    ++overs_;
    if (over_times_s_.size() < kMaxEventTimes)
      over_times_s_.push_back(double(peak_subblocks_) * subblock_seconds(sample_rate_));
  }
  previous_over_ = subblock_over_;
  subblock_over_ = false;
  ++peak_subblocks_;
}

void LoudnessAnalyser::close_subblock() {
  pending_frames_ = 0;
  double lufs = 0.0;
  ebur128_loudness_window(meter_->st, kSubblockMs, &lufs);
  const double energy = std::isfinite(lufs) ? lufs_energy(lufs) : 0.0;
  ring_[static_cast<std::size_t>(subblocks_) % kShortTermSubblocks] = energy;
  ++subblocks_;
  const auto count = static_cast<std::size_t>(subblocks_);

  auto window_energy = [&](std::size_t n) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += ring_[(count - 1 - i) % kShortTermSubblocks];
    return sum / double(n);
  };
  if (count >= kMomentarySubblocks) {
    const double m = window_energy(kMomentarySubblocks);
    momentary_max_energy_ = std::max(momentary_max_energy_, m);
    if (count % kSeriesEvery == 0) {
      const auto lufs_m = energy_lufs(m);
      momentary_series_.push_back(lufs_m ? *lufs_m : -HUGE_VAL);
    }
  }
  if (count >= kShortTermSubblocks) {
    const double s = window_energy(kShortTermSubblocks);
    if (s > short_term_max_energy_) {
      short_term_max_energy_ = s;
      short_term_max_at_ = subblocks_;
    }
    if (count % kSeriesEvery == 0) {
      const auto lufs_s = energy_lufs(s);
      short_term_series_.push_back(lufs_s ? *lufs_s : -HUGE_VAL);
    }
  }
}

void LoudnessAnalyser::finish(Analysis& result) {
  LoudnessResult out;
  out.channel_mode = channel_mode_;
  if (!layout_warning_.empty()) result.warnings.push_back(layout_warning_);
  ebur128_state* st = meter_->st;

  double integrated = 0.0;
  ebur128_loudness_global(st, &integrated);
  if (std::isfinite(integrated)) out.integrated_lufs = integrated;
  if (momentary_max_energy_ >= 0.0) out.momentary_max_lufs = energy_lufs(momentary_max_energy_);
  if (short_term_max_energy_ >= 0.0) out.short_term_max_lufs = energy_lufs(short_term_max_energy_);
  if (short_term_max_energy_ >= 0.0) out.range_lu = loudness_range(short_term_series_);

  peaks_.finish();  // the filter's tail belongs to the last (partial) sub-block
  subblock_over_ = subblock_over_ || peaks_.over();
  note_over();
  out.true_peak_overs = overs_;
  out.true_peak_over_times_s = over_times_s_;
  if (short_term_max_energy_ >= 0.0)
    out.loudest_3s_start_s = double(short_term_max_at_ - std::int64_t(kShortTermSubblocks)) *
                             subblock_seconds(sample_rate_);
  double sample_peak = 0.0;
  double true_peak = 0.0;
  for (std::size_t c = 0; c < std::size_t(channels_); ++c) {
    const double sp = peaks_.sample_peaks()[c];
    const double tp = peaks_.true_peaks()[c];
    out.channel_sample_peak_dbfs.push_back(amplitude_db(sp));
    out.channel_true_peak_dbtp.push_back(amplitude_db(tp));
    sample_peak = std::max(sample_peak, sp);
    true_peak = std::max(true_peak, tp);
  }
  out.sample_peak_dbfs = amplitude_db(sample_peak);
  out.true_peak_dbtp = amplitude_db(true_peak);
  if (out.true_peak_dbtp && out.integrated_lufs)
    out.plr_db = *out.true_peak_dbtp - *out.integrated_lufs;

  const double seconds = double(subblocks_) * kSubblockMs / 1000.0;
  if (!out.momentary_max_lufs && sample_peak > 0.0 && seconds < 0.4)
    result.warnings.push_back("shorter than one 400 ms loudness block: no loudness measured");
  else if (!out.integrated_lufs && sample_peak > 0.0)
    result.warnings.push_back("too quiet to measure: every 400 ms block is below -70 LUFS");
  else if (out.integrated_lufs && !out.short_term_max_lufs)
    result.warnings.push_back("shorter than 3 s: no short-term loudness or loudness range");
  if (sample_peak == 0.0) result.warnings.push_back("digital silence: no loudness or peak level");

  out.short_term_series = std::move(short_term_series_);
  out.momentary_series = std::move(momentary_series_);
  result.loudness = std::move(out);
}

// The descriptor (registry.hpp).
namespace {

// The metric reference (metrics.hpp has the form): --help, --list-metrics, the README and
// rubric validation read it.
constexpr std::string_view kMetricDocs = R"(
loudness.integrated_lufs | LUFS | ITU-R BS.1770-4; EBU Tech 3341
    Programme loudness: K-weighted, gated at -70 LUFS and 10 LU below the ungated level. null
    when shorter than 400 ms or silent.
    plain: LUFS measures how loud the whole song sounds to a listener, on average; streaming
    services play music at about -14 LUFS, and numbers closer to 0 are louder.
    look: an EBU R 128 (LUFS) loudness meter on the master bus, integrated reading, played from the
    first note to the last: the loudest chorus alone reads too high.
    ignore: the momentary and short-term readings and the peak meter: only the whole-song integrated
    value counts here.
loudness.range_lu | LU | EBU Tech 3342
    Loudness range: 10th to 95th percentile of short-term loudness (3 s windows sampled at 10
    Hz), gated at -70 LUFS and 20 LU below. null under 3 s.
    plain: Loudness range (LU) says how far the loudness moves between the quiet and the loud
    parts of the piece.
    look: the loudness range (LRA) of the same meter over the whole piece: compare the quietest
    verse with the loudest chorus.
    ignore: the integrated loudness and the peaks: a programme can be at the right loudness and
    still have too much or too little range.
loudness.momentary_max_lufs | LUFS | EBU Tech 3341
    Loudest 400 ms window, evaluated every 10 ms.
loudness.short_term_max_lufs | LUFS | EBU Tech 3341
    Loudest 3 s window, evaluated every 10 ms. null under 3 s.
loudness.sample_peak_dbfs | dBFS
    Highest absolute sample value over all channels.
    plain: dBFS is a level against digital full scale: 0 dBFS is the loudest a file can hold, so
    a healthy peak is a negative number.
    look: the peak meter on the master bus (sample peak, dBFS), at the loudest hit of the song,
    usually the last chorus.
    ignore: the loudness (LUFS) reading and how loud it sounds: a quiet-sounding mix can still peak
    too high.
loudness.true_peak_dbtp | dBTP | ITU-R BS.1770-4 Annex 2
    Highest level of the signal oversampled 4x (2x from 96 kHz, 1x from 192 kHz): the peak a DAC
    or a lossy encoder sees between the samples.
    plain: dBTP (decibels true peak) is the highest point the waveform reaches, counting the
    overshoots between samples that a converter or an MP3 encoder produces; 0 dBTP is the
    ceiling.
    look: a true-peak meter (dBTP) on the master bus, after the last plug-in, at the loudest hit of
    the song.
    ignore: the ordinary sample-peak meter: it misses the overshoots between samples, so it can read
    under the ceiling while the true peak is over.
loudness.plr_db | dB | EBU R 128 s1; AES TD1008
    Peak-to-loudness ratio: true peak minus integrated loudness.
    plain: PLR (peak-to-loudness ratio) is how far the loudest peak stands above the average
    loudness: a high number means punchy drums, a low one means the mix has been squashed.
    look: the true peak and the integrated loudness together (PLR is the first minus the second),
    measured over the whole song; the limiter's gain-reduction meter on the loudest chorus shows
    where it went.
    ignore: the loudness on its own: a master can hit its LUFS target and still be squashed.
)";

constexpr TableColumn kColumns[] = {
    column<&Analysis::loudness, &LoudnessResult::integrated_lufs>("I LUFS", 7),
    column<&Analysis::loudness, &LoudnessResult::range_lu>("LRA", 5),
    column<&Analysis::loudness, &LoudnessResult::momentary_max_lufs>("M max", 6),
    column<&Analysis::loudness, &LoudnessResult::short_term_max_lufs>("S max", 6),
    column<&Analysis::loudness, &LoudnessResult::sample_peak_dbfs>("SPK dB", 6),
    column<&Analysis::loudness, &LoudnessResult::true_peak_dbtp>("TP dBTP", 7),
    column<&Analysis::loudness, &LoudnessResult::plr_db>("PLR", 5),
};

std::string cache_key(const AnalysisOptions& o) {
  return "mono_mode=" + std::to_string(static_cast<int>(o.mono_mode));
}

std::unique_ptr<Analyser> make(const AnalyserContext& c) {
  return std::make_unique<LoudnessAnalyser>(c.options.mono_mode);
}

nlohmann::ordered_json json(const Analysis& a, const JsonOptions& options) {
  const LoudnessResult& l = *a.loudness;
  nlohmann::ordered_json j;
  put_numbers(j, l,
              {{"integrated_lufs", &LoudnessResult::integrated_lufs},
               {"range_lu", &LoudnessResult::range_lu},
               {"momentary_max_lufs", &LoudnessResult::momentary_max_lufs},
               {"short_term_max_lufs", &LoudnessResult::short_term_max_lufs},
               {"sample_peak_dbfs", &LoudnessResult::sample_peak_dbfs},
               {"true_peak_dbtp", &LoudnessResult::true_peak_dbtp},
               {"plr_db", &LoudnessResult::plr_db}});
  j["channel_mode"] = l.channel_mode;
  j["channel_sample_peak_dbfs"] = json_numbers(l.channel_sample_peak_dbfs, 2);
  j["channel_true_peak_dbtp"] = json_numbers(l.channel_true_peak_dbtp, 2);
  if (options.short_term_series) {
    std::vector<std::optional<double>> series(l.short_term_series.begin(),
                                              l.short_term_series.end());
    j["short_term_series"] = json_numbers(series, 2);
    j["short_term_series_start_s"] = 3.0;
    j["short_term_series_rate_hz"] = 10;
  }
  return j;
}

// Overs with their times, and where the loudest 3 s are.
void events(const Analysis& a, nlohmann::ordered_json& e) {
  const LoudnessResult& l = *a.loudness;
  e["true_peak_overs"] =
      event_json("loudness.true_peak_dbtp", l.true_peak_overs, l.true_peak_over_times_s);
  e["true_peak_overs"]["threshold_dbtp"] = LoudnessAnalyser::kOverDbtp;
  if (l.loudest_3s_start_s) {
    e["loudest_3s"] = event_json("loudness.short_term_max_lufs", 1, {*l.loudest_3s_start_s});
    e["loudest_3s"]["end_s"] = json_number(*l.loudest_3s_start_s + 3.0, 3);
    e["loudest_3s"]["lufs"] = json_number(l.short_term_max_lufs, 2);
  }
}

// Momentary and short-term loudness at 10 Hz, each value at the end of its window.
void series(const Analysis& a, nlohmann::ordered_json& s) {
  const LoudnessResult& l = *a.loudness;
  const double sub = subblock_seconds(a.format.sample_rate);
  s["momentary_lufs"] = series_json(double(kMomentarySubblocks) * sub, double(kSeriesEvery) * sub,
                                    "lufs", l.momentary_series, 1);
  s["short_term_lufs"] = series_json(double(kShortTermSubblocks) * sub, double(kSeriesEvery) * sub,
                                     "lufs", l.short_term_series, 1);
}

}  // namespace

extern const AnalyserDescriptor loudness_analyser =  // listed in registry.cpp
    describe<&Analysis::loudness>("loudness", kMetricDocs, kColumns, make, json,
                                  {.cache_key = cache_key, .events = events, .series = series});

}  // namespace mixgrade
