#pragma once
// Reading an input file whole, safely: a rubric, a concepts file, a target curve, a roster, a
// marks or overrides CSV. A FIFO would block for ever and /dev/zero would never end, so only a
// regular file (a symbolic link to one is fine) is read, and only up to a limit.
#include <cstdint>
#include <filesystem>
#include <string>

namespace mixgrade {

inline constexpr std::uintmax_t kMaxInputFileBytes = 16u << 20;  // 16 MiB: far above any rubric

// Throws InputError naming the file unless it is a regular file: "cannot open the file (does it
// exist? readable?)", "a symbolic link to nothing", "is a folder",
// "not a regular file (a FIFO, a socket or a device)".
void require_regular_file(const std::filesystem::path& file);

// The bytes of `file`, after require_regular_file; InputError when it cannot be opened or read,
// or holds more than `limit` bytes (it never reads more than limit + 1).
std::string read_input_file(const std::filesystem::path& file,
                            std::uintmax_t limit = kMaxInputFileBytes);

}  // namespace mixgrade
