#pragma once
// The analyser interface: one decode pass feeds every enabled analyser (the shape of
// bbc/audiowaveform's AudioProcessor: init, process, done).
//
// An analyser sees the format once, then any number of blocks of interleaved float frames of any
// size (1 frame or the whole file must give the same answer), then finish() writes its typed block
// into the Analysis. Analysers never see files, never know of each other, and never throw for
// properties of the audio (silence, shortness): those become null values plus a warning.
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
};

}  // namespace mixgrade
