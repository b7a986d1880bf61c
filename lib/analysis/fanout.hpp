#pragma once
// Feeds every decoded block to every analyser: serially, or with the analysers shared out among
// several threads. Each analyser still sees every block, in order, on one thread at a time, so
// the result does not depend on the number of threads.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "analysis/analyser.hpp"

namespace mixgrade {

// Returns the number of frames fed. `threads` counts the caller's thread; 1 (or one analyser)
// runs everything on the caller's thread. An exception from the source or from an analyser stops
// the pass and is rethrown here after every thread has stopped.
std::int64_t feed_blocks(const std::vector<std::unique_ptr<Analyser>>& analysers,
                         const std::function<std::span<const float>(std::size_t)>& source,
                         std::size_t block_frames, std::size_t channels, unsigned threads);

}  // namespace mixgrade
