#include "analysis/stereo.hpp"

#include <ebur128.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/analysis.hpp"
#include "analysis/analysis_json.hpp"
#include "analysis/crossover.hpp"
#include "analysis/gated_loudness.hpp"
#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

struct EburDeleter {
  void operator()(ebur128_state* st) const { ebur128_destroy(&st); }
};
using Ebur = std::unique_ptr<ebur128_state, EburDeleter>;

Ebur make_meter(unsigned channels, unsigned long rate) {
  Ebur st(ebur128_init(channels, rate, EBUR128_MODE_I));
  if (!st) throw std::runtime_error("libebur128 could not be initialised");
  return st;
}

std::optional<double> integrated(ebur128_state* st) {
  double lufs = 0.0;
  if (ebur128_loudness_global(st, &lufs) != EBUR128_SUCCESS || !std::isfinite(lufs))
    return std::nullopt;
  return lufs;
}

// 10 log10(num / den), limited to +-kRatioLimitDb; null only when both are empty.
std::optional<double> ratio_db(double num, double den) {
  constexpr double limit = StereoAnalyser::kRatioLimitDb;
  if (!(num > 0.0) && !(den > 0.0)) return std::nullopt;
  if (!(den > 0.0)) return limit;
  if (!(num > 0.0)) return -limit;
  return std::clamp(10.0 * std::log10(num / den), -limit, limit);
}

}  // namespace

struct StereoAnalyser::Meters {
  explicit Meters(int rate) : fold(rate, 2.0) {}
  Ebur stereo;  // L and R as BS.1770 left and right (own_meter only)
  // (L + R) / 2 as one channel counted twice: the same as feeding it to both.
  GatedLoudness fold;
};

// A crossover this close to Nyquist is no longer a crossover (the bilinear transform squeezes
// it, and above Nyquist the biquad is unstable): below 11.1 kHz sampling there is no high band.
constexpr double kMaxCrossoverShare = 0.45;

// The three width bands of mid and side (crossover.hpp).
struct StereoAnalyser::BandSplit {
  explicit BandSplit(double rate)
      : has_high(kHighCrossoverHz < kMaxCrossoverShare * rate),
        bank(kLowCrossoverHz, std::min(kHighCrossoverHz, kMaxCrossoverShare * rate), rate) {}
  bool has_high;
  CrossoverBank bank;
  CrossoverBank::MidSide energy[3] = {};  // {mid, side} per band, after finish
};

StereoAnalyser::StereoAnalyser(StereoLoudness source) : loudness_source_(source) {}
StereoAnalyser::~StereoAnalyser() = default;

void StereoAnalyser::begin(const AudioFormat& format) {
  channels_ = static_cast<std::size_t>(format.channels);
  ll_ = rr_ = lr_ = w_ll_ = w_rr_ = w_lr_ = 0.0;
  window_filled_ = windows_ = negative_windows_ = all_windows_ = negative_stretches_ = 0;
  in_negative_ = false;
  correlation_series_.clear();
  negative_stretch_times_.clear();
  meters_.reset();
  bands_.reset();
  if (channels_ < 2) return;
  const auto rate = static_cast<unsigned long>(format.sample_rate);
  meters_ = std::make_unique<Meters>(format.sample_rate);
  if (loudness_source_ == StereoLoudness::own_meter) {
    meters_->stereo = make_meter(2, rate);
    ebur128_set_channel(meters_->stereo.get(), 0, EBUR128_LEFT);
    ebur128_set_channel(meters_->stereo.get(), 1, EBUR128_RIGHT);
  }
  window_length_ = std::max<std::int64_t>(1, std::llround(kWindowSeconds * format.sample_rate));
  window_floor_ = std::pow(10.0, kWindowFloorDbfs / 10.0);
  bands_ = std::make_unique<BandSplit>(format.sample_rate);
}

void StereoAnalyser::process(std::span<const float> interleaved) {
  if (!meters_) return;
  const std::size_t frames = interleaved.size() / channels_;
  const float* data = interleaved.data();
  const bool own = meters_->stereo != nullptr;
  if (own && channels_ > 2) pair_.resize(2 * frames);
  for (std::size_t i = 0; i < frames; ++i) {
    const double l = data[i * channels_];
    const double r = data[i * channels_ + 1];
    w_ll_ += l * l;
    w_rr_ += r * r;
    w_lr_ += l * r;
    if (++window_filled_ == window_length_) end_window();
    const double m = 0.5 * (l + r);
    meters_->fold.add(float(m));  // as a float file of the fold-down would hold it
    if (own && channels_ > 2) {
      pair_[2 * i] = float(l);
      pair_[2 * i + 1] = float(r);
    }
  }
  if (own)
    ebur128_add_frames_float(meters_->stereo.get(), channels_ > 2 ? pair_.data() : data, frames);
  bands_->bank.add(data, frames, channels_);
}

// Closes a full 400 ms window: adds it to the whole-file sums and counts it when it has energy.
void StereoAnalyser::end_window() {
  ll_ += w_ll_;
  rr_ += w_rr_;
  lr_ += w_lr_;
  const auto n = double(window_length_);
  double correlation = std::nan("");
  bool negative = false;
  if (w_ll_ / n >= window_floor_ && w_rr_ / n >= window_floor_) {
    ++windows_;
    correlation = std::clamp(w_lr_ / std::sqrt(w_ll_ * w_rr_), -1.0, 1.0);
    negative = correlation < 0.0;
    if (negative) ++negative_windows_;
  }
  correlation_series_.push_back(correlation);
  const double start_s = double(all_windows_) * kWindowSeconds;
  if (negative && !in_negative_) {
    ++negative_stretches_;
    if (negative_stretch_times_.size() < kMaxEventTimes)
      negative_stretch_times_.push_back({start_s, start_s});
  }
  if (negative && negative_stretches_ <= std::int64_t(kMaxEventTimes))
    negative_stretch_times_.back().second = start_s + kWindowSeconds;
  in_negative_ = negative;
  ++all_windows_;
  w_ll_ = w_rr_ = w_lr_ = 0.0;
  window_filled_ = 0;
}

void StereoAnalyser::finish(Analysis& result) {
  StereoResult out;
  static constexpr const char* kBandNames[] = {"low", "mid", "high"};
  if (!meters_) {
    out.mono = true;
    for (const char* name : kBandNames) out.bands.push_back({name, std::nullopt});
    result.stereo = std::move(out);
    return;
  }
  if (channels_ > 2)
    result.warnings.push_back(std::to_string(channels_) +
                              " channels: stereo width measured on channels 1 and 2 only");

  // The partial window at the end counts for the whole file, not as a window.
  ll_ += w_ll_;
  rr_ += w_rr_;
  lr_ += w_lr_;
  if (ll_ > 0.0 && rr_ > 0.0) out.correlation = std::clamp(lr_ / std::sqrt(ll_ * rr_), -1.0, 1.0);
  if (windows_ > 0)
    out.negative_correlation_pct = 100.0 * double(negative_windows_) / double(windows_);
  out.correlation_series = std::move(correlation_series_);
  out.negative_stretches = negative_stretches_;
  out.negative_stretch_times_s = std::move(negative_stretch_times_);
  // M and S energies from the L/R sums: 4 M^2 = L^2 + R^2 + 2LR, 4 S^2 = L^2 + R^2 - 2LR.
  out.side_to_mid_db = ratio_db(ll_ + rr_ - 2.0 * lr_, ll_ + rr_ + 2.0 * lr_);
  out.balance_db = ratio_db(ll_, rr_);

  std::optional<double> stereo_lufs;
  if (meters_->stereo)
    stereo_lufs = integrated(meters_->stereo.get());
  else if (result.loudness)
    stereo_lufs = result.loudness->integrated_lufs;
  const auto fold_lufs = meters_->fold.integrated_lufs();
  const bool fold_cancels = stereo_lufs && !fold_lufs;
  if (stereo_lufs && fold_lufs) {
    out.mono_loss_lu = *fold_lufs - *stereo_lufs;
  } else if (fold_cancels) {
    result.warnings.push_back(
        "mono fold-down cancels: (L+R)/2 is below the -70 LUFS gate although the stereo mix is "
        "not (one channel is the other inverted)");
  }
  const bool mono_loss =
      fold_cancels || (out.mono_loss_lu && *out.mono_loss_lu <= kPolarityMonoLossLu);
  out.polarity_inverted = out.correlation && *out.correlation <= kPolarityCorrelation && mono_loss;
  if (*out.polarity_inverted && out.mono_loss_lu)  // a fold-down that cancels said so above
    result.warnings.push_back(
        fmt::format("polarity inverted: correlation {:.2f} and the mono fold-down loses {:.1f} LU; "
                    "one channel is probably the other upside down",
                    *out.correlation, -*out.mono_loss_lu));

  CrossoverBank& bank = bands_->bank;
  bank.finish();
  // Without a high band the mid band runs up to Nyquist: the high-pass alone.
  bands_->energy[0] = bank.low();
  bands_->energy[1] = bands_->has_high ? bank.mid() : bank.above_low();
  bands_->energy[2] = bank.high();
  for (std::size_t b = 0; b < 3; ++b)
    out.bands.push_back(
        {kBandNames[b], b == 2 && !bands_->has_high
                            ? std::nullopt
                            : ratio_db(bands_->energy[b][1], bands_->energy[b][0])});
  const auto& low = out.bands[0].side_to_mid_db;
  const double low_energy = bands_->energy[0][0] + bands_->energy[0][1];
  const double all_energy = (ll_ + rr_) / 2.0;  // = M^2 + S^2
  if (low && *low > kWideBassDb && low_energy >= kWideBassMinShare * all_energy) {
    out.wide_bass = true;
    result.warnings.push_back(fmt::format(
        "wide bass: below {:.0f} Hz the side signal is {:.1f} dB relative to the mid (threshold "
        "{:.0f} dB); the low end loses weight in mono",
        kLowCrossoverHz, *low, kWideBassDb));
  }
  result.stereo = std::move(out);
}

// The descriptor (registry.hpp).
namespace {

// The metric reference (metrics.hpp has the form): --help, --list-metrics, the README and
// rubric validation read it.
constexpr std::string_view kMetricDocs = R"(
stereo.correlation
    Pearson correlation of L and R over the whole file: 1 mono, 0 unrelated, -1 out of phase.
    null for mono files.
    plain: Correlation compares the left and right channels: +1 means they are identical (mono),
    0 unrelated, and below 0 they work against each other and cancel when summed to mono.
    look: a correlation (phase) meter on the master bus over the whole song, and a listen with the
    mix summed to mono.
    ignore: the width you hear on headphones: a mix can sound wide and still be fine in mono; only
    what cancels matters here.
stereo.negative_correlation_pct | %
    Share of 400 ms windows (both channels above -70 dBFS RMS) with correlation below 0:
    passages that will thin out or vanish in mono.
stereo.side_to_mid_db | dB
    Energy of S = (L-R)/2 over M = (L+R)/2: -100 for L = R, 0 for unrelated channels, +100 for L
    = -R (limited to +-100).
    plain: Side/mid compares what differs between left and right (the side) with what they share
    (the mid): the lower the number, the narrower the mix.
stereo.balance_db | dB
    Energy of L over energy of R (positive: left-heavy).
    plain: Balance compares the level of the left channel with the right: 0 dB is centred.
stereo.mono_loss_lu | LU | ITU-R BS.1770-4
    Integrated loudness of the mono fold-down (L+R)/2 on both channels minus the stereo
    integrated loudness; null when the fold-down cancels below the gate.
    plain: Mono loss is how much quieter the mix gets when left and right are summed to one
    speaker, as on a phone or a club system.
stereo.bands.low.side_to_mid_db | dB | Linkwitz-Riley 24 dB/oct crossovers
    Side over mid below 150 Hz; above -10 dB sets wide_bass.
    plain: Side/mid in the bass (below 150 Hz) compares what differs between the speakers with
    what they share: centred bass reads far below 0 dB.
    look: the kick, the bass and anything else below about 150 Hz: solo the low end with a mid/side
    or stereo-width meter, or listen to it in mono.
    ignore: the width of the mids and highs (guitars, pads, reverbs): they may be wide; only the
    bass must be centred.
stereo.bands.mid.side_to_mid_db | dB | Linkwitz-Riley 24 dB/oct crossovers
    Side over mid, 150 Hz-5 kHz.
    plain: Side/mid in the mids (150 Hz to 5 kHz) compares what differs between the speakers
    with what they share: 0 dB is as wide as unrelated channels.
stereo.bands.high.side_to_mid_db | dB | Linkwitz-Riley 24 dB/oct crossovers
    Side over mid above 5 kHz.
    plain: Side/mid in the highs (above 5 kHz) compares what differs between the speakers with
    what they share: 0 dB is as wide as unrelated channels.
stereo.polarity_inverted
    true when one channel is the other with its polarity flipped: correlation -0.9 or lower and a
    mono fold-down at least 10 LU quieter (or cancelled); a rubric reads true as 1. null for mono
    files.
    plain: A polarity flip means one channel is the other turned upside down: on headphones it
    sounds oddly wide, and summed to mono it nearly disappears.
)";

constexpr TableColumn kColumns[] = {
    column<&Analysis::stereo, &StereoResult::correlation, 2>("corr", 5),
    column<&Analysis::stereo, &StereoResult::negative_correlation_pct>("neg %", 5),
    column<&Analysis::stereo, &StereoResult::side_to_mid_db>("S/M dB", 6),
    column<&Analysis::stereo, &StereoResult::balance_db>("bal dB", 6),
    column<&Analysis::stereo, &StereoResult::mono_loss_lu>("mono LU", 7),
    {"bass S/M", 8,
     [](const Analysis& a) -> std::string {
       const auto* s = find_block<&Analysis::stereo>(a);
       if (!s || s->bands.empty()) return "-";
       return table_number(s->bands.front().side_to_mid_db) + (s->wide_bass ? " !" : "");
     }},
};

constexpr std::string_view kUses[] = {"loudness"};  // its stereo integrated loudness

std::unique_ptr<Analyser> make(const AnalyserContext& c) {
  // Measure a stereo pair's loudness once when the loudness analyser runs anyway (see
  // StereoAnalyser::StereoLoudness).
  const bool shared = c.format.channels == 2 && c.running.contains("loudness");
  return std::make_unique<StereoAnalyser>(shared ? StereoAnalyser::StereoLoudness::loudness_block
                                                 : StereoAnalyser::StereoLoudness::own_meter);
}

nlohmann::ordered_json json(const Analysis& a, const JsonOptions&) {
  const StereoResult& s = *a.stereo;
  nlohmann::ordered_json j;
  j["mono"] = s.mono;
  put_numbers(j, s,
              {{"correlation", &StereoResult::correlation, 3},
               {"negative_correlation_pct", &StereoResult::negative_correlation_pct, 1},
               {"side_to_mid_db", &StereoResult::side_to_mid_db},
               {"balance_db", &StereoResult::balance_db},
               {"mono_loss_lu", &StereoResult::mono_loss_lu}});
  j["wide_bass"] = s.wide_bass;
  auto bands = nlohmann::ordered_json::array();
  for (const auto& b : s.bands)
    bands.push_back({{"name", b.name}, {"side_to_mid_db", json_number(b.side_to_mid_db, 2)}});
  j["bands"] = bands;
  j["polarity_inverted"] =
      s.polarity_inverted ? nlohmann::ordered_json(*s.polarity_inverted) : nullptr;
  return j;
}

// Negative-correlation stretches: their start times, and each [start, end].
void events(const Analysis& a, nlohmann::ordered_json& e) {
  const StereoResult& s = *a.stereo;
  if (s.mono) return;
  std::vector<double> starts;
  auto stretches = nlohmann::ordered_json::array();
  for (const auto& [start, end] : s.negative_stretch_times_s) {
    starts.push_back(start);
    stretches.push_back({json_number(start, 3), json_number(end, 3)});
  }
  e["negative_correlation"] =
      event_json("stereo.negative_correlation_pct", s.negative_stretches, starts);
  e["negative_correlation"]["stretches_s"] = stretches;
}

// Correlation per 400 ms window, each value at its window's centre (so a plot's trace dips in the
// middle of the shaded negative stretch it belongs to).
void series(const Analysis& a, nlohmann::ordered_json& out) {
  const StereoResult& s = *a.stereo;
  if (s.mono) return;
  out["correlation"] =
      series_json(StereoAnalyser::kWindowSeconds / 2, StereoAnalyser::kWindowSeconds, "values",
                  s.correlation_series, 3,
                  /*lowest=*/true);
}

}  // namespace

extern const AnalyserDescriptor stereo_analyser =  // listed in registry.cpp
    describe<&Analysis::stereo>("stereo", kMetricDocs, kColumns, make, json,
                                {.uses = kUses, .events = events, .series = series});

}  // namespace mixgrade
