#include "core/read_file.hpp"

#include <algorithm>

#include <fstream>
#include <system_error>

#include "core/error.hpp"

namespace mixgrade {

namespace fs = std::filesystem;

void require_regular_file(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);  // follows symbolic links
  const std::string name = file.string();
  if (ec || !fs::exists(status)) {
    if (fs::is_symlink(fs::symlink_status(file, ec)))
      throw InputError(name, "a symbolic link to nothing (or a link loop)");
    throw InputError(name, "cannot open the file (does it exist? readable?)");
  }
  if (fs::is_directory(status)) throw InputError(name, "is a folder, not a file");
  if (!fs::is_regular_file(status))
    throw InputError(name, "not a regular file (a FIFO, a socket or a device): not read");
}

std::string read_input_file(const fs::path& file, std::uintmax_t limit) {
  require_regular_file(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), "cannot open the file (does it exist? readable?)");
  // In chunks, not one buffer of the limit: a 16 MiB buffer zeroed for each 2 KB next.json was
  // most of a warm class re-run's time.
  std::string bytes;
  char chunk[65536];
  while (bytes.size() <= limit) {
    in.read(chunk, sizeof chunk);
    if (in.bad()) throw InputError(file.string(), "cannot read the file");
    const auto got = static_cast<std::size_t>(in.gcount());
    bytes.append(chunk,
                 std::min<std::size_t>(got, static_cast<std::size_t>(limit) + 1 - bytes.size()));
    if (got < sizeof chunk) break;
  }
  if (bytes.size() > limit)
    throw InputError(file.string(),
                     "larger than " + std::to_string(limit >> 20) + " MiB: not read");
  return bytes;
}

}  // namespace mixgrade
