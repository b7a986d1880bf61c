#include "core/read_file.hpp"

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
  std::string bytes(static_cast<std::size_t>(limit) + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) throw InputError(file.string(), "cannot read the file");
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > limit)
    throw InputError(file.string(),
                     "larger than " + std::to_string(limit >> 20) + " MiB: not read");
  return bytes;
}

}  // namespace mixgrade
