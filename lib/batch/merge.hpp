#pragma once
// Reading back the grades.json of shard runs, for `mixgrade-batch merge`: each student's
// submission and score JSON, exactly as the shard graded it, so the merged class files are
// built by the same code path as a single run's and come out the same.
#include <filesystem>
#include <string>
#include <vector>

#include "batch/class_join.hpp"

namespace mixgrade {

struct ShardOutput {
  Assignment assignment;
  std::vector<GradedSubmission> graded;  // in the shard's order
  std::vector<std::string> warnings;     // discovery warnings (every shard sees the whole download)
};

// Throws InputError(path, reason) when grades.json is missing or not what mixgrade-batch writes.
ShardOutput read_shard(const std::filesystem::path& grades_json);

// Joins shards: students sorted by key as discovery sorts them; warnings from the first shard.
// Throws InputError when a student appears in two shards (two runs with the same K, or shards of
// different downloads).
ShardOutput merge_shards(std::vector<ShardOutput> shards);

}  // namespace mixgrade
