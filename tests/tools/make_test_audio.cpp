// Writes the small audio files the command-line tests run the tools on, so no audio needs to be
// committed: make_test_audio OUTPUT_DIR
#include <sndfile.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "signals.hpp"

using namespace mixgrade::test;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_test_audio OUTPUT_DIR\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  // EBU Tech 3341 case 1, shortened: reads -23.0 LUFS.
  write_file(out / "tone-23.wav", sine(1000.0, -23.0, 5.0), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  // A hard-clipped sine at 44.1 kHz in FLAC.
  Signal loud = sine(997.0, 6.0, 4.0, 44100);
  for (float& x : loud.samples) x = std::clamp(x, -1.0f, 1.0f);
  write_file(out / "clipped.flac", loud, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  // Mono, quiet, with a second of silence at each end.
  Signal quiet = silence(1.0, 48000, 1);
  quiet.append(sine(440.0, -40.0, 3.0, 48000, 1)).append(silence(1.0, 48000, 1));
  write_file(out / "quiet-mono.aiff", quiet, SF_FORMAT_AIFF | SF_FORMAT_PCM_16);
  // A 22.05 kHz hand-in (delivery spec: the sample rate fails): 2.5 s = 55125 frames, 24-bit.
  write_file(out / "low-rate-22k.wav", sine(1000.0, -20.0, 2.5, 22050),
             SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  // The compressed formats, 6 s of a -20 dBFS tone: the hostile corpus cuts them short.
  write_file(out / "tone.ogg", sine(1000.0, -20.0, 6.0, 44100), SF_FORMAT_OGG | SF_FORMAT_VORBIS);
  write_file(out / "tone.opus", sine(1000.0, -20.0, 6.0, 48000), SF_FORMAT_OGG | SF_FORMAT_OPUS);
  write_file(out / "tone.mp3", sine(1000.0, -20.0, 6.0, 44100),
             SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
  return 0;
}
