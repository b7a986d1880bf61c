#include "analysis/pipeline.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

#include "analysis/fanout.hpp"
#include "core/error.hpp"
#include "io/audio_reader.hpp"

namespace mixgrade {

Analysis analyse(const std::string& name, const AudioFormat& format, const BlockSource& source,
                 const AnalysisOptions& options) {
  const auto order = finish_order(options.blocks);
  BlockSet running = BlockSet::none();
  for (const auto* d : order) running.insert(d->name);
  std::vector<std::unique_ptr<Analyser>> analysers;
  for (const auto* d : order) analysers.push_back(d->make({options, format, running}));

  Analysis result;
  result.file = name;
  result.format = format;
  for (auto& a : analysers) a->begin(format);
  const std::int64_t frames =
      feed_blocks(analysers, source, options.block_frames,
                  static_cast<std::size_t>(format.channels), options.threads);
  if (frames == 0) throw InputError(name, "no audio: the file ends before its first sample");
  // libsndfile trusts the header for WAV/AIFF frame counts and estimates them for compressed
  // formats; what was decoded is the truth.
  result.format.frames = frames;
  for (auto& a : analysers) a->finish(result);  // in finish_order()
  for (const auto* d : order)
    if (!options.blocks.contains(d->name)) d->drop(result);
  return result;
}

Analysis analyse(AudioReader& reader, const AnalysisOptions& options) {
  Analysis result = analyse(
      reader.path().string(), reader.format(), [&](std::size_t n) { return reader.read(n); },
      options);
  const AudioFormat& declared = reader.format();
  // Formats that store their exact length (Ogg and MP3 only estimate it): fewer frames than
  // declared means a cut-off upload or a damaged stream, which the grade must not hide.
  static constexpr std::string_view kExactLength[] = {"wav", "w64", "rf64", "aiff",
                                                      "caf", "au",  "flac"};
  const bool exact = std::find(std::begin(kExactLength), std::end(kExactLength),
                               declared.container) != std::end(kExactLength);
  if (!reader.truncation().empty()) {
    result.warnings.push_back(reader.truncation());
  } else if (exact && declared.frames > result.format.frames &&
             declared.frames != std::numeric_limits<std::int64_t>::max()) {
    result.warnings.push_back("truncated or damaged: the header declares " +
                              std::to_string(declared.frames) + " frames, " +
                              std::to_string(result.format.frames) + " could be decoded");
  }
  return result;
}

Analysis analyse_file(const std::filesystem::path& path, const AnalysisOptions& options) {
  AudioReader reader(path);
  return analyse(reader, options);
}

}  // namespace mixgrade
