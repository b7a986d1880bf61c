#pragma once
// Delivery: what was handed in, as a delivery spec states it (sample rate, bit depth, sample
// format or codec, channels, length, lossy or not), so a rubric can check "48 kHz, 24-bit,
// stereo, 2-6 minutes". It reads the format and counts the decoded frames; no sample is looked at.
#include <cstdint>
#include <optional>
#include <string>

#include "analysis/analyser.hpp"

namespace mixgrade {

struct DeliveryResult {
  int sample_rate_hz = 0;
  std::optional<int> bit_depth;  // PCM and FLAC; null for floating point and lossy codecs
  // "pcm_8", "pcm_16", "pcm_24", "pcm_32", "float", "double", "flac", "vorbis", "opus", "mp3",
  // "mp2", "mp1", "ulaw", "alaw", or "other" for an encoding not listed here.
  std::string sample_format;
  int channels = 0;
  double duration_s = 0.0;  // decoded frames over the sample rate
  // Lossy codecs (and the G.711 companders): true. null for "other", whose nature is unknown.
  std::optional<bool> lossy;
  // Bits per sample of a lossless delivery, one number a rubric can compare: the PCM or FLAC bit
  // depth, 32 for float, 64 for double, 0 for a lossy codec; null for "other".
  std::optional<int> lossless_bits;
};

// The delivery block for a format and a count of decoded frames (what the analyser reports).
DeliveryResult describe_delivery(const AudioFormat& format, std::int64_t frames);

class DeliveryAnalyser final : public Analyser {
 public:
  void begin(const AudioFormat& format) override;
  void process(std::span<const float> interleaved) override;
  void finish(Analysis& result) override;
};

}  // namespace mixgrade
