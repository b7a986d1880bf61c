#include "analysis/fanout.hpp"

#include <algorithm>
#include <barrier>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define MIXGRADE_HAVE_MXCSR 1
#endif

namespace mixgrade {
namespace {

// Denormal numbers (below about 1e-38) make x86 arithmetic 30-50x slower: a float file of them,
// or a filter's tail decaying into them, would crawl. Flush-to-zero and denormals-are-zero for the
// analysis, on the thread that runs it, restored afterwards; no level a meter reads is near them.
class FlushDenormals {
 public:
#ifdef MIXGRADE_HAVE_MXCSR
  FlushDenormals() : saved_(_mm_getcsr()) {
    _mm_setcsr(saved_ | 0x8040u);
  }  // FTZ | DAZ
  ~FlushDenormals() {
    _mm_setcsr(saved_);
  }

 private:
  unsigned saved_;
#endif
};

}  // namespace

std::int64_t feed_blocks(const std::vector<std::unique_ptr<Analyser>>& analysers,
                         const std::function<std::span<const float>(std::size_t)>& source,
                         std::size_t block_frames, std::size_t channels, unsigned threads) {
  const FlushDenormals flush;
  std::int64_t frames = 0;
  const std::size_t lanes =
      std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, analysers.size()));
  if (lanes == 1) {
    for (auto block = source(block_frames); !block.empty(); block = source(block_frames)) {
      for (const auto& a : analysers) a->process(block);
      frames += static_cast<std::int64_t>(block.size() / channels);
    }
    return frames;
  }

  // Lane k runs analysers k, k + lanes, ...; the caller's thread is lane 0 and also decodes.
  // Two barriers a block: `start` publishes the block, `done` hands the buffer back to the
  // decoder (the reader reuses it), so no block is copied.
  std::span<const float> block;
  bool stop = false;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::barrier start(static_cast<std::ptrdiff_t>(lanes));
  std::barrier done(static_cast<std::ptrdiff_t>(lanes));
  auto run_lane = [&](std::size_t lane) {
    try {
      for (std::size_t i = lane; i < analysers.size(); i += lanes) analysers[i]->process(block);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::jthread> pool;
  auto stop_pool = [&] {
    stop = true;
    start.arrive_and_wait();
    pool.clear();  // joins
  };
  try {
    for (std::size_t lane = 1; lane < lanes; ++lane) {
      pool.emplace_back([&, lane] {
        const FlushDenormals lane_flush;
        for (;;) {
          start.arrive_and_wait();
          if (stop) return;
          run_lane(lane);
          done.arrive_and_wait();
        }
      });
    }
  } catch (const std::system_error&) {
    // No thread to be had: release the ones that started (the lanes that never did leave the
    // barrier) and do the work on this thread; nothing has been read yet.
    for (std::size_t lane = pool.size() + 1; lane < lanes; ++lane) start.arrive_and_drop();
    stop_pool();
    return feed_blocks(analysers, source, block_frames, channels, 1);
  }
  try {
    for (block = source(block_frames); !block.empty(); block = source(block_frames)) {
      start.arrive_and_wait();
      run_lane(0);
      done.arrive_and_wait();
      if (failure) break;
      frames += static_cast<std::int64_t>(block.size() / channels);
    }
  } catch (...) {
    stop_pool();
    throw;
  }
  stop_pool();
  if (failure) std::rethrow_exception(failure);
  return frames;
}

}  // namespace mixgrade
