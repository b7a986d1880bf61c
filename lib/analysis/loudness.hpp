#pragma once
// Loudness per ITU-R BS.1770-4 and EBU R 128 (Tech 3341 "EBU Mode", Tech 3342 LRA), on libebur128.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyser.hpp"
#include "analysis/true_peak.hpp"

namespace mixgrade {

enum class MonoMode {
  bs1770,     // one channel, weight 1.0 (BS.1770-4 as written)
  dual_mono,  // one channel meant for both ears: weighted 2.0 (+3.01 dB), as many meters do
};

struct LoudnessResult {
  std::optional<double> integrated_lufs;      // BS.1770 gated (abs -70 LUFS, rel -10 LU)
  std::optional<double> range_lu;             // Tech 3342 LRA from short-term loudness at 10 Hz
  std::optional<double> momentary_max_lufs;   // max of the 400 ms window, evaluated every 10 ms
  std::optional<double> short_term_max_lufs;  // max of the 3 s window, evaluated every 10 ms
  std::optional<double> sample_peak_dbfs;
  std::optional<double> true_peak_dbtp;  // BS.1770-4 Annex 2 (4x oversampling below 96 kHz)
  std::optional<double> plr_db;          // true peak minus integrated loudness
  std::vector<std::optional<double>> channel_sample_peak_dbfs;
  std::vector<std::optional<double>> channel_true_peak_dbtp;
  std::string channel_mode;                // "mono", "dual_mono", "stereo", "5.1", ...
  std::vector<double> short_term_series;   // LUFS at 10 Hz from t = 3 s; -inf for digital silence
  std::vector<double> momentary_series{};  // LUFS at 10 Hz from t = 0.4 s (window ends)
  std::optional<double> loudest_3s_start_s{};  // where the short_term_max_lufs window starts
  // Overs: stretches of 10 ms sub-blocks whose true peak is above kOverDbtp, counted, and the
  // start times of the first kMaxEventTimes.
  std::int64_t true_peak_overs = 0;
  std::vector<double> true_peak_over_times_s{};
};

class LoudnessAnalyser final : public Analyser {
 public:
  // An over: true peak above -1 dBTP, the ceiling of EBU R 128 s2 and of the streaming services'
  // delivery specs (and the usual rubric limit).
  static constexpr double kOverDbtp = -1.0;

  explicit LoudnessAnalyser(MonoMode mono_mode = MonoMode::bs1770);
  ~LoudnessAnalyser() override;
  void begin(const AudioFormat& format) override;
  void process(std::span<const float> interleaved) override;
  void finish(Analysis& result) override;
  // Two parts (analyser.hpp): libebur128's meter, and the true peak with its overs.
  std::size_t parts() const override { return 2; }
  void process_part(std::size_t part, std::span<const float> interleaved) override;

 private:
  static constexpr std::size_t kMeterPart = 0;
  static constexpr std::size_t kPeakPart = 1;
  void close_subblock();
  void note_over();

  struct Meter;  // owns the libebur128 state (its header's typedef cannot be forward-declared)
  MonoMode mono_mode_;
  std::unique_ptr<Meter> meter_;
  TruePeakMeter peaks_;
  std::string channel_mode_;
  std::string layout_warning_;
  int channels_ = 0;
  int sample_rate_ = 0;
  std::size_t subblock_frames_ = 0;  // 10 ms, rounded down as libebur128 rounds windows
  std::size_t pending_frames_ = 0;   // frames fed into the meter's current sub-block
  std::int64_t subblocks_ = 0;       // complete sub-blocks so far
  // The true-peak part's own count of the same sub-blocks.
  std::size_t peak_pending_frames_ = 0;
  std::int64_t peak_subblocks_ = 0;
  std::vector<double> ring_;  // energies of the last 300 sub-blocks (3 s)
  double momentary_max_energy_ = -1.0;
  double short_term_max_energy_ = -1.0;
  std::vector<double> short_term_series_;
  std::vector<double> momentary_series_;
  std::int64_t short_term_max_at_ = 0;  // sub-blocks counted when the loudest 3 s window ended
  bool subblock_over_ = false;          // the current sub-block holds an over
  bool previous_over_ = false;          // the sub-block before did
  std::int64_t overs_ = 0;
  std::vector<double> over_times_s_;
};

}  // namespace mixgrade
