#pragma once
// Streaming decoder over libsndfile. The only file in mixgrade that touches libsndfile: analysers
// see blocks of interleaved float frames and know nothing of files.
//
// Errors (all InputError naming the file): the file cannot be opened or is empty; libsndfile does
// not recognise the format; the header declares no audio; the sample rate or channel count is
// outside what the analysers support; a read fails mid-file; a float file holds NaN or Inf.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/audio_format.hpp"
#include "io/mpeg_decoder.hpp"

struct sf_private_tag;

namespace mixgrade {

class AudioReader {
 public:
  // The limits every analyser can handle. Below 8 kHz the K-weighting shelf (1.5 kHz) and the
  // spectrum bands make no sense; above 384 kHz nothing a student hands in lives.
  static constexpr int kMinSampleRate = 8000;
  static constexpr int kMaxSampleRate = 384000;
  static constexpr int kMaxChannels = 64;

  explicit AudioReader(const std::filesystem::path& path);
  ~AudioReader();
  AudioReader(const AudioReader&) = delete;
  AudioReader& operator=(const AudioReader&) = delete;

  const AudioFormat& format() const { return format_; }
  const std::filesystem::path& path() const { return path_; }

  // Reads up to max_frames frames; returns interleaved samples (frames * channels), empty at the
  // end of the file. The span stays valid until the next call.
  std::span<const float> read(std::size_t max_frames);

  std::int64_t frames_read() const { return frames_read_; }

  // Set when the header declares more audio than the file holds (a bounce cut short, an upload
  // that stopped): libsndfile then reads what is there, and the result should say so.
  const std::string& truncation() const { return truncation_; }

 private:
  std::filesystem::path path_;
  sf_private_tag* file_ = nullptr;     // every format but MPEG audio
  std::unique_ptr<MpegDecoder> mpeg_;  // MP1/MP2/MP3
  AudioFormat format_;
  bool check_finite_ = false;
  std::vector<float> buffer_;
  std::int64_t frames_read_ = 0;
  std::string truncation_;
};

}  // namespace mixgrade
