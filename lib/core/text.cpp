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

std::string terminal_safe(std::string_view text, bool keep_newlines) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto escape = [](std::string& out, unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && keep_newlines) {
      out += '\n';
    } else if (c < 0x20 || c == 0x7f) {
      escape(out, c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      escape(out, static_cast<unsigned char>(text[++i]));  // a C1 control, UTF-8 encoded
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string join(std::span<const std::string> items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace mixgrade
