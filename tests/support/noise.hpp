#pragma once
// Pink noise whose spectrum is known exactly: built in the frequency domain.
#include "signals.hpp"

namespace mixgrade::test {

// 2^log2_frames frames of pink noise (power density proportional to 1/f from 10 Hz to Nyquist,
// nothing below), made as a sum of every FFT bin of that length with equal power per octave and
// random phase: every third-octave band holds the same energy by construction. Independent
// phases per channel; scaled to the given RMS level (dBFS) per channel.
Signal pink_noise(double rms_dbfs, unsigned log2_frames, int rate = 48000, int channels = 2,
                  unsigned seed = 1);

}  // namespace mixgrade::test
