#include "batch/cache.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "analysis/metrics.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/sha256.hpp"
#include "mixgrade/version.hpp"

namespace mixgrade {

namespace {

std::string fingerprint(const AnalysisOptions& o) {
  std::string text = std::string("mixgrade ") + kVersion + "\n";
  text += "loudness=" + std::to_string(o.loudness) + " dynamics=" + std::to_string(o.dynamics) +
          " spectrum=" + std::to_string(o.spectrum) + " stereo=" + std::to_string(o.stereo) +
          " mono_mode=" + std::to_string(static_cast<int>(o.mono_mode)) + "\n";
  if (o.target) {
    text += "target " + o.target->name + "\n";
    for (const auto& b : o.target->bands)
      text += fmt::format("{} {} {} {}\n", b.center_hz, b.target_db, b.low_db, b.high_db);
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
