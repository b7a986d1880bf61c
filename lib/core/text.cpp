#include "core/text.hpp"

namespace mixgrade {

std::string replace_chars(std::string_view text, std::span<const CharReplacement> table) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const CharReplacement* hit = nullptr;
    for (const auto& r : table)
      if (r.from == c) hit = &r;
    if (hit)
      out += hit->to;
    else
      out += c;
  }
  return out;
}

}  // namespace mixgrade
