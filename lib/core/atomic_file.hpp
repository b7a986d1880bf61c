#pragma once
// Output files are written whole or not at all: the content goes to a temporary file in the same
// folder (so the rename never crosses file systems), is flushed to disk, and is renamed over the
// target. rename(2) is atomic on POSIX: a reader, an interrupted batch or a concurrent shard sees
// the old file or the new one, never half of one.
#include <cstddef>
#include <filesystem>
#include <string_view>

namespace mixgrade {

// A file that already holds exactly `content` is left as it is (no write, no flush).
// Throws InputError(path, reason) when the folder is not writable or the disk is full; the
// temporary file is removed in that case.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Removes the temporary files a killed run left behind (".NAME.tmp-XXXXXX") in `dir` and its
// subfolders down to `depth` levels. Only for a folder this process holds the lock of (a class
// run's OUT): anyone else's temporaries there would be a live write. Returns how many.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir, int depth = 2);

}  // namespace mixgrade
