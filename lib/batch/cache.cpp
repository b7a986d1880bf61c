#include "batch/cache.hpp"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "analysis/metrics.hpp"
#include "analysis/registry.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/read_file.hpp"
#include "core/sha256.hpp"
#include "core/utf8.hpp"
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

// What identifies a file's bytes without reading them, as stat(2) gives it.
struct FileIdentity {
  std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0;
  std::uint64_t inode = 0, device = 0;

  nlohmann::ordered_json to_json() const {
    return {{"size", size},
            {"mtime_ns", mtime_ns},
            {"ctime_ns", ctime_ns},
            {"inode", inode},
            {"device", device}};
  }
};

std::optional<FileIdentity> identity(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  auto ns = [](const timespec& t) { return std::int64_t{t.tv_sec} * 1000000000 + t.tv_nsec; };
  return FileIdentity{static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                      static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::string absolute_name(const std::filesystem::path& file) {
  std::error_code ec;
  const auto full = std::filesystem::absolute(file, ec);
  return (ec ? file : full).lexically_normal().string();
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

bool AnalysisCache::contains(const std::string& content_hash) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(entry(content_hash), ec);
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

std::filesystem::path AnalysisCache::file_entry(const std::filesystem::path& file) const {
  return dir_ / "files" / (sha256_hex(absolute_name(file)) + ".json");
}

std::optional<std::string> AnalysisCache::known_hash(const std::filesystem::path& file) const {
  const auto now = identity(file);
  if (!now) return std::nullopt;
  std::string text;
  try {
    text = read_input_file(file_entry(file), 4096);
  } catch (const InputError&) {
    return std::nullopt;  // never recorded, or damaged: hash the file
  }
  const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("sha256") || !j["sha256"].is_string())
    return std::nullopt;
  nlohmann::ordered_json recorded = j;
  recorded.erase("sha256");
  recorded.erase("path");
  if (recorded != now->to_json()) return std::nullopt;
  const std::string hash = j["sha256"].get<std::string>();
  if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    return std::nullopt;
  return hash;
}

void AnalysisCache::remember_hash(const std::filesystem::path& file,
                                  const std::string& content_hash) const {
  const auto id = identity(file);
  if (!id) return;
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  constexpr std::int64_t kRacy = 2'000'000'000;  // 2 s
  if (now - id->mtime_ns < kRacy || now - id->ctime_ns < kRacy) return;
  nlohmann::ordered_json j = id->to_json();
  j["path"] = valid_utf8(absolute_name(file));
  j["sha256"] = content_hash;
  const std::filesystem::path record = file_entry(file);
  std::error_code ec;
  std::filesystem::create_directories(record.parent_path(), ec);
  try {
    write_file_atomically(record, dump_json(j) + "\n");
  } catch (const InputError&) {
  }
}

}  // namespace mixgrade
