#pragma once
// The result of analysing one file: the format plus one optional block per analyser.
#include <optional>
#include <string>
#include <vector>

#include "analysis/delivery.hpp"
#include "analysis/dynamics.hpp"
#include "analysis/loudness.hpp"
#include "analysis/spectrum.hpp"
#include "analysis/stereo.hpp"
#include "io/audio_format.hpp"

namespace mixgrade {

struct Analysis {
  std::string file;
  AudioFormat format;
  std::optional<LoudnessResult> loudness;
  std::optional<DynamicsResult> dynamics;
  std::optional<SpectrumResult> spectrum;
  std::optional<StereoResult> stereo;
  std::optional<DeliveryResult> delivery;
  std::vector<std::string> warnings;  // one line each, about the audio (not about the tool)
};

}  // namespace mixgrade
