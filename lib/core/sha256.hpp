#pragma once
// SHA-256 (FIPS 180-4) of bytes and of files. The batch cache and the learner history key
// submissions by it: a collision would hand one student another's grade, so the hash must be a
// cryptographic one (the FNV-1a of rubric hashes is fine for telling rubric versions apart, not for
// thousands of student files). A few dozen lines here instead of a new dependency.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace mixgrade {

class Sha256 {
 public:
  Sha256();
  void update(std::span<const unsigned char> bytes);
  void update(std::string_view text);
  // 64 lowercase hex digits. The object is spent afterwards.
  std::string hex_digest();

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes so far
};

std::string sha256_hex(std::string_view bytes);
// Streams the file in 1 MiB reads. Throws InputError(path, reason) when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace mixgrade
