#include "batch/shard.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/sha256.hpp"

namespace mixgrade {

Shard parse_shard(std::string_view text) {
  const auto fail = [&] {
    throw UsageError("--shard '" + std::string(text) +
                     "' must be K/N with whole numbers 1 <= K <= N, e.g. 3/8");
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) fail();
  Shard s;
  const auto parse = [&](std::string_view part, std::size_t& value) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || part.empty()) fail();
  };
  parse(text.substr(0, slash), s.index);
  parse(text.substr(slash + 1), s.count);
  if (s.count == 0 || s.index == 0 || s.index > s.count) fail();
  return s;
}

std::size_t shard_of(const std::string& student_key, std::size_t count) {
  // The first 60 bits of SHA-256: the same on every machine and compiler (std::hash is not).
  const std::string h = sha256_hex(student_key).substr(0, 15);
  return static_cast<std::size_t>(std::stoull(h, nullptr, 16) % count) + 1;
}

std::vector<Submission> select_shard(const std::vector<Submission>& submissions, Shard shard) {
  std::vector<Submission> out;
  for (const auto& s : submissions)
    if (shard_of(s.student_key, shard.count) == shard.index) out.push_back(s);
  return out;
}

}  // namespace mixgrade
