#pragma once
// SHA-256 (FIPS 180-4) of bytes and of files. The batch cache and the learner history key
// submissions by it: a collision would hand one student another's grade, so the hash must be a
// cryptographic one (the FNV-1a of rubric hashes is fine for telling rubric versions apart, not for
// thousands of student files). The digest itself is nettle's (nettle-dev): a maintained, audited
// implementation instead of one of our own. Nettle stays behind this header (linked PRIVATE).
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

struct sha256_ctx;  // nettle's, defined in <nettle/sha2.h>

namespace mixgrade {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(std::span<const unsigned char> bytes);
  void update(std::string_view text);
  // 64 lowercase hex digits. The object is spent afterwards.
  std::string hex_digest();

 private:
  std::unique_ptr<sha256_ctx> ctx_;
};

std::string sha256_hex(std::string_view bytes);
// Streams the file in 1 MiB reads. Throws InputError(path, reason) when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace mixgrade
