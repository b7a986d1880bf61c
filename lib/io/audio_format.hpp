#pragma once
#include <cstdint>
#include <string>

namespace mixgrade {

// What the decoder knows about a file before (and, for frames, after) reading it.
struct AudioFormat {
  std::string container;  // "wav", "aiff", "flac", "ogg", "mp3", ...
  std::string encoding;   // "pcm16", "pcm24", "float32", "vorbis", "opus", "mp3", ...
  int sample_rate = 0;
  int channels = 0;
  std::int64_t frames =
      0;  // as declared by the header; the pipeline replaces it with frames decoded
  double duration_s() const { return sample_rate > 0 ? double(frames) / sample_rate : 0.0; }
};

}  // namespace mixgrade
