#pragma once
// The analyser interface: one decode pass feeds every enabled analyser (the shape of
// bbc/audiowaveform's AudioProcessor: init, process, done).
//
// An analyser sees the format once, then any number of blocks of interleaved float frames of any
// size (1 frame or the whole file must give the same answer), then finish() writes its typed block
// into the Analysis. Analysers never see files, never know of each other, and never throw for
// properties of the audio (silence, shortness): those become null values plus a warning.
#include <cstddef>
#include <span>

#include "io/audio_format.hpp"

namespace mixgrade {

struct Analysis;

class Analyser {
 public:
  virtual ~Analyser() = default;
  virtual void begin(const AudioFormat& format) = 0;
  virtual void process(std::span<const float> interleaved) = 0;
  virtual void finish(Analysis& result) = 0;

  // Work that splits into parts sharing no state until finish() (the loudness analyser's meter
  // and its true peak) may run them on different threads: each part sees every block in order,
  // and process(block) must equal process_part(p, block) for every p in turn. The fan-out
  // (fanout.hpp) uses this; everything else calls process().
  virtual std::size_t parts() const { return 1; }
  virtual void process_part(std::size_t /*part*/, std::span<const float> interleaved) {
    process(interleaved);
  }
};

}  // namespace mixgrade
