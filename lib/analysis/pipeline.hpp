#pragma once
// One decode pass feeding every enabled analyser.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "analysis/analysis.hpp"
#include "analysis/loudness.hpp"
#include "analysis/target.hpp"

namespace mixgrade {

class AudioReader;

struct AnalysisOptions {
  bool loudness = true;
  bool dynamics = true;
  bool spectrum = true;
  bool stereo = true;
  std::optional<TargetCurve> target;  // with spectrum: adds spectrum.target
  MonoMode mono_mode = MonoMode::bs1770;
  std::size_t block_frames = 16384;  // frames per decode block; any value gives the same answer
  // Threads sharing out the analysers of one file (1: all on the caller's thread). The batch tool
  // analyses files in parallel instead and keeps this at 1.
  unsigned threads = 1;
};

// Where blocks come from: returns up to max_frames interleaved frames, empty at the end.
using BlockSource = std::function<std::span<const float>(std::size_t max_frames)>;

// Pulls every block from the source once and runs the enabled analysers. Dynamics needs the
// loudness block for PLR, so asking for dynamics runs loudness too (the caller chooses what to
// show). `name` is the file name reported in the result.
Analysis analyse(const std::string& name, const AudioFormat& format, const BlockSource& source,
                 const AnalysisOptions& options);

// The same over a decoder; warns when the file holds less audio than its header declares.
Analysis analyse(AudioReader& reader, const AnalysisOptions& options);

// Opens the file and analyses it. Throws InputError naming the file for anything unreadable.
Analysis analyse_file(const std::filesystem::path& path, const AnalysisOptions& options);

}  // namespace mixgrade
