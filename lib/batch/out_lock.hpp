#pragma once
// One class run at a time per output folder: two runs writing one OUT at once interleave their
// pages and history and give false "already recorded" pages. The lock is an flock(2) on
// OUT/.mixgrade.lock, held for the run and released by the kernel however the process ends
// (kill -9 included), so a stale lock never blocks the next run.
#include <filesystem>

namespace mixgrade {

class OutLock {
 public:
  // Takes the lock, waiting (with one line on stderr) while another run holds it. Throws
  // InputError when the lock file cannot be created.
  explicit OutLock(const std::filesystem::path& out);
  ~OutLock();
  OutLock(const OutLock&) = delete;
  OutLock& operator=(const OutLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace mixgrade
