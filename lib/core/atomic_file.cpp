#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "core/error.hpp"

namespace mixgrade {

namespace {

// Closes the descriptor and removes the temporary file unless the rename happened.
class TempFile {
 public:
  // Not mkstemp: it creates files 0600, and gradebooks and CI reports are for sharing. open(2)
  // with 0666 lets the user's umask decide, as for any other file they create; O_EXCL with a
  // random name makes the file ours alone (another shard writing the same target picks another).
  explicit TempFile(const std::filesystem::path& target) {
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    std::uniform_int_distribution<std::size_t> pick(0, sizeof kChars - 2);
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      std::string suffix(8, ' ');
      for (char& c : suffix) c = kChars[pick(random)];
      name_ =
          (target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix)).string();
      fd_ = ::open(name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) break;
    }
    created_ = fd_ >= 0;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (created_ && !committed_) ::unlink(name_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  bool created() const { return created_; }
  const std::string& name() const { return name_; }
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  void committed() { committed_ = true; }

 private:
  std::string name_;
  int fd_ = -1;
  bool created_ = false;
  bool committed_ = false;
};

// Whether `path` is a regular file (not a link) holding exactly `content`. A re-run writes most
// pages unchanged; leaving those alone saves a flush to disk each (a warm class re-run made 85)
// and keeps their times, so rsync and make see what really changed.
bool holds(const std::filesystem::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              static_cast<std::uintmax_t>(st.st_size) == content.size();
  char buffer[65536];
  while (same && !content.empty()) {
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, content.size()));
    if (n < 0 && errno == EINTR) continue;
    same = n > 0 && content.substr(0, static_cast<std::size_t>(n)) ==
                        std::string_view(buffer, static_cast<std::size_t>(n));
    if (same) content.remove_prefix(static_cast<std::size_t>(n));
  }
  ::close(fd);
  return same;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  if (holds(path, content)) return;
  auto fail = [&](const char* what) {
    throw InputError(path.string(), std::string(what) + ": " + std::strerror(errno));
  };
  TempFile tmp(path);
  if (!tmp.created()) fail("cannot create a temporary file");
  while (!content.empty()) {
    const ssize_t n = ::write(tmp.fd(), content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write");
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(tmp.fd()) != 0) fail("cannot flush to disk");
  if (!tmp.close()) fail("cannot close");
  if (::rename(tmp.name().c_str(), path.c_str()) != 0) fail("cannot replace");
  tmp.committed();
}

std::size_t remove_stale_temporaries(const std::filesystem::path& dir, int depth) {
  namespace fs = std::filesystem;
  std::size_t removed = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st) && depth > 0) {
      removed += remove_stale_temporaries(it->path(), depth - 1);
    } else if (fs::is_regular_file(st) && name.starts_with(".") &&
               name.find(".tmp-") != std::string::npos) {
      std::error_code gone;
      if (fs::remove(it->path(), gone)) ++removed;
    }
  }
  return removed;
}

}  // namespace mixgrade
