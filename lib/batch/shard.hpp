#pragma once
// --shard K/N: one deterministic slice of a class, so N processes (a Slurm job array, GNU
// parallel over machines) grade it together and `mixgrade-batch merge` joins their outputs.
//
// A student's shard comes from a hash of their student key, not from their position in the
// list: a late file added to the download does not move anyone else to another shard, so each
// shard keeps finding its students in its own cache and its own learner history.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "batch/discovery.hpp"

namespace mixgrade {

struct Shard {
  std::size_t index = 1;  // K, 1-based
  std::size_t count = 1;  // N
};

// "K/N" with 1 <= K <= N; anything else throws UsageError saying so.
Shard parse_shard(std::string_view text);

// The shard (1..count) that grades this student.
std::size_t shard_of(const std::string& student_key, std::size_t count);

// The submissions of `shard`, in their given order.
std::vector<Submission> select_shard(const std::vector<Submission>& submissions, Shard shard);

}  // namespace mixgrade
