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
#include "analysis/registry.hpp"
#include "analysis/target.hpp"

namespace mixgrade {

class AudioReader;

// One value for the analysis and for the batch cache key that names its result.
struct AnalysisOptions {
  // The blocks to measure and report, by name (registry.hpp). An analyser another one needs runs
  // as well, but only these blocks appear in the result.
  BlockSet blocks = BlockSet::all();
  std::optional<TargetCurve> target;      // with spectrum: adds spectrum.target
  MonoMode mono_mode = MonoMode::bs1770;  // loudness (and the PLR dynamics reads from it)
  std::size_t block_frames = 16384;  // frames per decode block; any value gives the same answer
  // Threads sharing out the analysers of one file (1: all on the caller's thread). The batch tool
  // analyses files in parallel instead and keeps this at 1.
  unsigned threads = 1;
};

// Where blocks come from: returns up to max_frames interleaved frames, empty at the end.
using BlockSource = std::function<std::span<const float>(std::size_t max_frames)>;

// Pulls every block from the source once and runs the analysers of options.blocks and of what they
// need, then finishes them in finish_order() (dynamics after the loudness it takes PLR from).
// `name` is the file name reported in the result.
Analysis analyse(const std::string& name, const AudioFormat& format, const BlockSource& source,
                 const AnalysisOptions& options);

// The same over a decoder; warns when the file holds less audio than its header declares.
Analysis analyse(AudioReader& reader, const AnalysisOptions& options);

// Opens the file and analyses it. Throws InputError naming the file for anything unreadable.
Analysis analyse_file(const std::filesystem::path& path, const AnalysisOptions& options);

}  // namespace mixgrade
