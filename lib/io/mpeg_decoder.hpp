#pragma once
// MPEG audio (MP1/MP2/MP3) decoded with libmpg123 directly rather than through libsndfile, which
// gives its libmpg123 handle no way to be quiet: libmpg123 then writes its own notes and warnings
// to stderr ("Xing stream size off by more than 1%") in the middle of a class run's output. The
// flags are libsndfile's (float output, gapless, no resampling, no "Frankenstein" streams), so the
// samples are the same; MPG123_QUIET is added, and errors become one InputError naming the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

struct mpg123_handle_struct;

namespace mixgrade {

class MpegDecoder {
 public:
  explicit MpegDecoder(const std::filesystem::path& path);  // throws InputError
  ~MpegDecoder();
  MpegDecoder(const MpegDecoder&) = delete;
  MpegDecoder& operator=(const MpegDecoder&) = delete;

  int sample_rate() const { return rate_; }
  int channels() const { return channels_; }
  std::int64_t frames() const { return frames_; }  // from a scan of every frame header
  int layer() const { return layer_; }             // 1, 2 or 3

  // Up to max_frames interleaved frames into out (max_frames * channels floats); 0 at the end.
  std::size_t read(float* out, std::size_t max_frames);

 private:
  std::string name_;
  mpg123_handle_struct* handle_ = nullptr;
  int rate_ = 0;
  int channels_ = 0;
  int layer_ = 0;
  std::int64_t frames_ = 0;
  std::int64_t read_ = 0;
};

}  // namespace mixgrade
