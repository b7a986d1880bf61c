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
  auto j = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.contains("error")) return std::nullopt;
  return j;
}

void AnalysisCache::store(const std::string& content_hash,
                          const nlohmann::ordered_json& analysis) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) throw InputError(dir_.string(), "cannot create the cache folder: " + ec.message());
  write_file_atomically(entry(content_hash), dump_json(analysis) + "\n");
}

}  // namespace mixgrade
