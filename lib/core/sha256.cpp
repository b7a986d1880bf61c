#include "core/sha256.hpp"

#include <nettle/sha2.h>

#include <array>
#include <fstream>
#include <vector>

#include "core/error.hpp"

namespace mixgrade {

Sha256::Sha256() : ctx_(std::make_unique<sha256_ctx>()) {
  nettle_sha256_init(ctx_.get());
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::span<const unsigned char> bytes) {
  nettle_sha256_update(ctx_.get(), bytes.size(), bytes.data());
}

void Sha256::update(std::string_view text) {
  update(std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size()));
}

std::string Sha256::hex_digest() {
  std::array<unsigned char, SHA256_DIGEST_SIZE> digest{};
  nettle_sha256_digest(ctx_.get(), digest.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * digest.size());
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex_digest();
}

std::string sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open the file");
  Sha256 h;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    h.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw InputError(path.string(), "read error");
  return h.hex_digest();
}

}  // namespace mixgrade
