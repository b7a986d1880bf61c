#include "batch/cache.hpp"

#include <fstream>
#include <sstream>

#include "analysis/metrics.hpp"
#include "analysis/registry.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/sha256.hpp"
#include "mixgrade/version.hpp"
#include "rubric/metric_path.hpp"

namespace mixgrade {

namespace {

std::string fingerprint(const AnalysisOptions& o) {
  std::string text = std::string("mixgrade ") + kVersion + "\n";
  // Every analyser the pass runs (asked for, or needed by one that was: dynamics' PLR depends on
  // the loudness options) with the options its result depends on; a block that is only run is
  // marked so, since it is not in the cached JSON.
  for (const auto* analyser : finish_order(o.blocks)) {
    text += std::string(analyser->name) + (o.blocks.contains(analyser->name) ? "" : " (needed)");
    const std::string key = analyser->cache_key(o);
    if (!key.empty()) text += " " + key;
    text += "\n";
  }
  // block_frames and threads are left out on purpose: every block size gives the same answer
  // (tested).
  for (const auto& m : metric_table()) text += std::string(m.path) + "\n";
  // Entries hold the events and the plot series too (an entry without them would draw no plot).
  text += "events series\n";
  return text;
}

}  // namespace

AnalysisCache::AnalysisCache(std::filesystem::path dir, const AnalysisOptions& options)
    : dir_(std::move(dir)), fingerprint_(fingerprint(options)) {}

std::filesystem::path AnalysisCache::entry(const std::string& content_hash) const {
  return dir_ / (sha256_hex(content_hash + "\n" + fingerprint_) + ".json");
}

std::optional<nlohmann::ordered_json> AnalysisCache::load(const std::string& content_hash) const {
  std::ifstream in(entry(content_hash), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  // An entry is {"sha256": <of the analysis as stored>, "analysis": {...}}: one edited, truncated
  // or replaced by hand (a "{}" would grade every student 0, run after run) is a miss and is
  // analysed again, and so is one that is not an analysis.
  if (json_too_deep(text.str())) return std::nullopt;
  auto j = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("sha256") || !j["sha256"].is_string() ||
      !j.contains("analysis"))
    return std::nullopt;
  nlohmann::ordered_json analysis = std::move(j["analysis"]);
  if (sha256_hex(dump_json(analysis)) != j["sha256"].get<std::string>()) return std::nullopt;
  if (!analysis.is_object() || analysis.contains("error") || !analysis_problem(analysis).empty())
    return std::nullopt;
  return analysis;
}

void AnalysisCache::store(const std::string& content_hash,
                          const nlohmann::ordered_json& analysis) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) throw InputError(dir_.string(), "cannot create the cache folder: " + ec.message());
  nlohmann::ordered_json stored;
  stored["sha256"] = sha256_hex(dump_json(analysis));
  stored["analysis"] = analysis;
  write_file_atomically(entry(content_hash), dump_json(stored) + "\n");
}

}  // namespace mixgrade
