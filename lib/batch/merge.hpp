#pragma once
// Reading back the grades.json of shard runs, for `mixgrade-batch merge`: each student's
// submission and score JSON, exactly as the shard graded it, so the merged class files are
// built by the same code path as a single run's and come out the same.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/class_join.hpp"
#include "report/class_record.hpp"

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

// What `mixgrade-batch merge` is asked to do.
struct MergeOptions {
  std::vector<std::filesystem::path> shards;  // OUT folders of the shard runs
  std::filesystem::path out;
  std::filesystem::path roster;  // empty: no roster
  std::string now;               // JUnit timestamp: Unix seconds, else SOURCE_DATE_EPOCH or clock
  std::optional<std::string> assignment_name;  // default: the shards'
  std::optional<std::string> assignment_id;
  bool junit_strict = false;
};

// Reads the shards, copies their student folders into `out`, joins their histories into the
// class history `out`/mixgrade.db (each student's from the shard that graded them), and writes
// the class files from the joined grades.json by the same code as a single run. Throws
// InputError naming the shard.
ClassReport merge_class(const MergeOptions& options);

}  // namespace mixgrade
