#pragma once
// Dynamics: crest factor, TT dynamic range (DR), clipping, DC offset, leading/trailing silence.
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/analyser.hpp"

namespace mixgrade {

struct DynamicsResult {
  std::optional<double> crest_factor_db;  // highest sample peak over the RMS of all channels
  std::optional<double> plr_db;           // filled from the loudness block (true peak - integrated)
  std::optional<int> dr;                  // TT DR: mean of the channels' DR values, rounded
  std::optional<double> dr_exact;         // the same before rounding
  std::vector<std::optional<double>> channel_dr;
  std::int64_t clip_events = 0;      // flat-topped runs of >= 3 samples at the channel peak,
                                     // summed over channels
  std::int64_t clipped_samples = 0;  // samples in those runs
  // Start times of the first kMaxEventTimes of those runs (channels merged; a run starting on the
  // same frame in two channels is one time), in seconds.
  std::vector<double> clip_times_s{};
  std::vector<double> dc_offset;  // mean sample value per channel (fraction of full scale)
  double lead_silence_s = 0.0;    // before the first sample above -60 dBFS
  double trail_silence_s = 0.0;   // after the last sample above -60 dBFS
};

class DynamicsAnalyser final : public Analyser {
 public:
  // TT DR: 3 s blocks (Pleasurize Music Foundation, "Measuring DR", v3).
  static constexpr double kDrBlockSeconds = 3.0;
  // A flat top counts as clipping only when it is at least this long...
  static constexpr int kClipMinRun = 3;
  // ...and the channel's peak is near full scale (a hard-clipped master later turned down by a
  // fraction of a dB still counts).
  static constexpr double kClipFloorDbfs = -2.0;
  static constexpr double kSilenceDbfs = -60.0;

  void begin(const AudioFormat& format) override;
  void process(std::span<const float> interleaved) override;
  void finish(Analysis& result) override;

 private:
  struct Channel {
    double sum = 0.0;
    double sum_squares = 0.0;
    float peak = 0.0f;
    // TT DR blocks
    double block_sum_squares = 0.0;
    float block_peak = 0.0f;
    std::vector<double> block_rms_squared;  // one per 3 s block: a few hundred per hour
    std::vector<float> block_peaks;
    // clipping: the current run of equal samples and the runs found at the highest level so far
    float run_value = 0.0f;
    int run_length = 0;
    float clip_level = 0.0f;
    std::int64_t clip_events = 0;
    std::int64_t clipped_samples = 0;
    std::int64_t run_start = 0;               // frame of the current run's first sample
    std::vector<std::int64_t> clip_starts{};  // the first runs counted at clip_level (bounded)
  };
  void end_run(Channel& ch);
  void end_dr_block();

  int channels_ = 0;
  int sample_rate_ = 0;
  std::vector<Channel> ch_;
  std::int64_t frames_ = 0;
  std::int64_t block_frames_ = 0;  // frames in the current DR block
  std::int64_t dr_block_length_ = 0;
  std::int64_t first_loud_ = -1;
  std::int64_t last_loud_ = -1;
  float silence_threshold_ = 0.0f;
  float clip_floor_ = 0.0f;
};

}  // namespace mixgrade
