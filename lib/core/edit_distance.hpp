#pragma once
// How far apart two names are, for every "did you mean" (options, metric names, keys).
#include <cstddef>
#include <string_view>

namespace mixgrade {

// Optimal string alignment distance: Levenshtein plus swapping two neighbours as one edit, the
// commonest typo on a keyboard (--jbos for --jobs, lufs_integrated_luf for ...).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace mixgrade
