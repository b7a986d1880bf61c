#pragma once
// The analysis cache of a batch: OUT/.cache/<key>.json holds the analysis JSON of one audio
// content, so a re-run after three late files arrive decodes three files, not the class.
//
// The key is the SHA-256 of the file's own SHA-256, the mixgrade version, the analysis options
// and the metric table. The version alone would not do: an analyser merged without a version
// bump adds metrics, and a cached analysis without them would silently score those criteria as
// "could not be measured". Failed analyses are never cached: the next run tries again.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analysis/pipeline.hpp"

namespace mixgrade {

class AnalysisCache {
 public:
  AnalysisCache(std::filesystem::path dir, const AnalysisOptions& options);

  // The cached analysis of content with this SHA-256, or nullopt (absent, unreadable or not a
  // JSON object: a damaged entry is a miss, never an error).
  std::optional<nlohmann::ordered_json> load(const std::string& content_hash) const;
  // Whether an entry exists for this content (without reading or checking it).
  bool contains(const std::string& content_hash) const;
  // Written atomically, so a concurrent worker or an interrupted run never leaves half an entry.
  // Throws InputError when the folder is not writable.
  void store(const std::string& content_hash, const nlohmann::ordered_json& analysis) const;

  // The SHA-256 recorded for `file` when it was last hashed, if the file still has the size,
  // modification and change times (nanoseconds), inode and device it had then: a warm re-run
  // then reads no audio at all. nullopt when unknown or changed (git's index works the same way).
  std::optional<std::string> known_hash(const std::filesystem::path& file) const;
  // Records the hash, unless the file changed in the last two seconds: a write within the same
  // clock tick as the hashing would leave the times unchanged ("racy git"), so such a file is
  // hashed again next time. Best effort: a cache that cannot be written is no error here.
  void remember_hash(const std::filesystem::path& file, const std::string& content_hash) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path entry(const std::string& content_hash) const;
  std::filesystem::path file_entry(const std::filesystem::path& file) const;
  std::filesystem::path dir_;
  std::string fingerprint_;
};

}  // namespace mixgrade
