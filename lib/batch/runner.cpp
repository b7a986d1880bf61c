#include "batch/runner.hpp"

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
    out.content_hash = sha256_file(s.path);
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

}  // namespace

std::vector<AnalysedSubmission> analyse_submissions(const std::vector<Submission>& submissions,
                                                    const RunnerOptions& options) {
  std::vector<AnalysedSubmission> results(submissions.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;
  auto work = [&] {
    for (std::size_t i = next++; i < submissions.size(); i = next++) {
      results[i] = analyse_one(submissions[i], options);
      const std::lock_guard lock(progress_mutex);
      ++done;
      if (options.progress) options.progress(done, submissions.size());
    }
  };
  const std::size_t workers = std::min<std::size_t>(std::max(options.jobs, 1u), submissions.size());
  {
    std::vector<std::jthread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work);
    work();  // the calling thread is a worker too
  }          // jthreads join here
  return results;
}

}  // namespace mixgrade
