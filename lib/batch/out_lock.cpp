#include "batch/out_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace mixgrade {

OutLock::OutLock(const std::filesystem::path& out) {
  const std::filesystem::path file = out / ".mixgrade.lock";
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw InputError(file.string(), std::string("cannot lock: ") + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  spdlog::info("{}: another mixgrade-batch run is writing this folder; waiting for it to finish",
               out.string());
  while (::flock(fd_, LOCK_EX) != 0)
    if (errno != EINTR) {
      const std::string why = std::strerror(errno);
      ::close(fd_);
      throw InputError(file.string(), "cannot lock: " + why);
    }
}

OutLock::~OutLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace mixgrade
