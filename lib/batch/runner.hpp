#pragma once
// The parallel stage of a batch: hash, look up in the cache, decode and analyse every submission.
//
// A pool of `jobs` std::jthread workers takes submission indices from one atomic counter and
// writes each result into slot i of a vector sized up front, so the result does not depend on
// how many workers there are or which file finishes first. Only analysis runs here: scoring,
// the learner history and the outputs stay on the calling thread, in submission order.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/pipeline.hpp"
#include "batch/cache.hpp"
#include "batch/discovery.hpp"

namespace mixgrade {

struct AnalysedSubmission {
  std::string content_hash;                        // SHA-256 of the file; empty if unreadable
  std::optional<nlohmann::ordered_json> analysis;  // the analysis JSON (to_json of Analysis)
  std::string error;  // why there is no analysis; empty for a student without a file
  bool from_cache = false;
  std::string cache_warning;  // the cache could not be written (the analysis is still good)
};

struct RunnerOptions {
  unsigned jobs = 1;  // at least 1
  AnalysisOptions analysis;
  const AnalysisCache* cache = nullptr;  // none: analyse everything
  // Called after each submission, from the worker that finished it, never concurrently.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// One result per submission, in the same order. Never throws for a bad file: its error is in its
// slot. A student without a file gets an empty slot (no analysis, no error).
std::vector<AnalysedSubmission> analyse_submissions(const std::vector<Submission>& submissions,
                                                    const RunnerOptions& options);

}  // namespace mixgrade
