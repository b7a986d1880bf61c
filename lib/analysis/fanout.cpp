#include "analysis/fanout.hpp"

#include <algorithm>
#include <atomic>
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

  // For each block, the lanes take the analysers one at a time from a shared counter, so a lane
  // that finished a cheap analyser takes the next one while another lane is still in an
  // expensive one: the lanes finish a block together (loudness with true peak is about half the
  // work; fixed lanes, k, k + lanes, ..., left one core idle for much of each block). Each
  // analyser still sees every block, in order, on one thread at a time, so results do not
  // depend on who ran it. The caller's thread is a lane too and also decodes. Two barriers a
  // block: `start` publishes the block, `done` hands the buffer back to the decoder (the reader
  // reuses it), so no block is copied.
  std::span<const float> block;
  bool stop = false;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<std::size_t> next_analyser{0};
  std::barrier start(static_cast<std::ptrdiff_t>(lanes));
  std::barrier done(static_cast<std::ptrdiff_t>(lanes));
  auto run_lane = [&](std::size_t) {
    try {
      for (std::size_t i = next_analyser++; i < analysers.size(); i = next_analyser++)
        analysers[i]->process(block);
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
      next_analyser = 0;  // published to the other lanes by the barrier
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
