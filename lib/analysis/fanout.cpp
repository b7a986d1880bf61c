#include "analysis/fanout.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
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
  std::size_t unit_count = 0;
  for (const auto& a : analysers) unit_count += a->parts();
  const std::size_t lanes =
      std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, unit_count));
  if (lanes == 1) {
    for (auto block = source(block_frames); !block.empty(); block = source(block_frames)) {
      for (const auto& a : analysers) a->process(block);
      frames += static_cast<std::int64_t>(block.size() / channels);
    }
    return frames;
  }

  // For each block, the lanes take the units of work one at a time from a shared counter, so a
  // lane that finished a cheap one takes the next while another lane is still in an expensive
  // one: the lanes finish a block together. A unit is an analyser, or one part of an analyser
  // that splits (Analyser::parts: the loudness meter and its true peak). The units are taken
  // most expensive first, by their measured time on the blocks so far (longest processing time
  // first: in registry order the cheap units went first and the last big one ran alone at the
  // end of each block). Each unit still sees every block, in order, on one thread at a time,
  // so results do not depend on who ran it or in which order. Decoding the next block is a unit
  // too (analyser null), so it overlaps the analysis of this one instead of holding every lane
  // but the caller's at the barrier; each block is copied once, into one of two buffers, since
  // the reader reuses its own. Two barriers a block: `start` publishes the block, `done` waits
  // until every unit, the decoder's included, is through with it.
  struct Unit {
    Analyser* analyser;  // null: decode the next block
    std::size_t part;
    double seconds = 0.0;  // time per block, smoothed; written by the lane that ran it
  };
  std::vector<Unit> units;
  units.reserve(unit_count);
  for (const auto& a : analysers)
    for (std::size_t p = 0; p < a->parts(); ++p) units.push_back({a.get(), p});
  units.push_back({nullptr, 0});
  std::vector<float> buffers[2];
  std::size_t current = 0;  // buffers[current] holds the block being analysed
  std::span<const float> block;
  bool stop = false;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<std::size_t> next_unit{0};
  std::barrier start(static_cast<std::ptrdiff_t>(lanes));
  std::barrier done(static_cast<std::ptrdiff_t>(lanes));
  auto run_lane = [&](std::size_t) {
    try {
      for (std::size_t i = next_unit++; i < units.size(); i = next_unit++) {
        Unit& unit = units[i];
        const auto t0 = std::chrono::steady_clock::now();
        if (unit.analyser != nullptr) {
          unit.analyser->process_part(unit.part, block);
        } else {
          const auto next = source(block_frames);
          buffers[1 - current].assign(next.begin(), next.end());
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
        unit.seconds =
            unit.seconds == 0.0 ? took.count() : 0.75 * unit.seconds + 0.25 * took.count();
      }
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
    const auto first = source(block_frames);
    buffers[0].assign(first.begin(), first.end());
    for (; !buffers[current].empty(); current = 1 - current) {
      block = buffers[current];
      // The other lanes wait at `start`: the block, the order and the counter are published by
      // it.
      std::stable_sort(units.begin(), units.end(),
                       [](const Unit& a, const Unit& b) { return a.seconds > b.seconds; });
      next_unit = 0;
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
