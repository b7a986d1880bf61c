#include "batch/runner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "analysis/analysis_json.hpp"
#include "core/error.hpp"
#include "core/sha256.hpp"

namespace mixgrade {

namespace {

AnalysedSubmission analyse_one(const Submission& s, const RunnerOptions& options) {
  AnalysedSubmission out;
  if (s.path.empty()) return out;
  if (!s.unusable.empty()) {  // never opened: it could block, or lead outside the download
    out.error = s.unusable;
    return out;
  }
  try {
    // An unchanged file (same size, times, inode) is known by the hash recorded last time: a
    // warm re-run reads no audio.
    const auto known = options.cache ? options.cache->known_hash(s.path) : std::nullopt;
    out.content_hash = known ? *known : sha256_file(s.path);
    if (!known && options.cache) options.cache->remember_hash(s.path, out.content_hash);
    if (options.cache) out.analysis = options.cache->load(out.content_hash);
    if (out.analysis) {
      out.from_cache = true;
      // The same bytes may have been cached under another name (a renamed or re-downloaded file).
      (*out.analysis)["file"] = s.path.string();
      return out;
    }
    out.analysis = to_json(analyse_file(s.path, options.analysis), {.series = true});  // plots
  } catch (const InputError& e) {
    out.error = e.reason();
    return out;
  } catch (const std::exception& e) {
    // One bad file must not take the class down, whatever went wrong inside its analysis.
    out.error = std::string("internal error: ") + e.what();
    return out;
  }
  if (options.cache) {
    try {
      options.cache->store(out.content_hash, *out.analysis);
    } catch (const std::exception& e) {
      out.cache_warning = e.what();
    }
  }
  return out;
}

// Asks the kernel to start reading a file a worker will take next, so that its I/O overlaps the
// analysis of the current one (a cold class is 1.6 GB for 40 four-minute WAVs). Not for a file
// the cache already answers for (a warm re-run reads no audio). A hint only: regular files,
// opened without blocking, nothing read here.
void prefetch(const Submission& s, const AnalysisCache* cache) {
  if (s.path.empty() || !s.unusable.empty()) return;
  if (cache) {
    const auto known = cache->known_hash(s.path);
    if (known && cache->contains(*known)) return;
  }
  const int fd = ::open(s.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
  ::close(fd);
}

}  // namespace

std::vector<AnalysedSubmission> analyse_submissions(const std::vector<Submission>& submissions,
                                                    const RunnerOptions& options) {
  std::vector<AnalysedSubmission> results(submissions.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;
  const std::size_t workers = std::min<std::size_t>(std::max(options.jobs, 1u), submissions.size());
  auto work = [&] {
    for (std::size_t i = next++; i < submissions.size(); i = next++) {
      // The file this worker's successor in the queue will open next: in flight while we work.
      if (i + workers < submissions.size()) prefetch(submissions[i + workers], options.cache);
      results[i] = analyse_one(submissions[i], options);
      const std::lock_guard lock(progress_mutex);
      ++done;
      if (options.progress) options.progress(done, submissions.size());
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work);
    work();  // the calling thread is a worker too
  }          // jthreads join here
  return results;
}

}  // namespace mixgrade
