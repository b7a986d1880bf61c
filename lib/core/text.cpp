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

std::string trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace mixgrade
