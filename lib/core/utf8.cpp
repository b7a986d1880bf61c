#include "core/utf8.hpp"

namespace mixgrade {
namespace {

// Calls valid(sequence) for each valid UTF-8 sequence of text and invalid(byte) for each byte
// that does not start or continue one.
template <typename Valid, typename Invalid>
void for_each_sequence(std::string_view text, Valid valid_sequence, Invalid invalid_byte) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code = 0;
    if (b < 0x80)
      length = 1, code = b;
    else if ((b & 0xE0) == 0xC0)
      length = 2, code = b & 0x1F;
    else if ((b & 0xF0) == 0xE0)
      length = 3, code = b & 0x0F;
    else if ((b & 0xF8) == 0xF0)
      length = 4, code = b & 0x07;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      valid = (c & 0xC0) == 0x80;
      code = (code << 6) | (c & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && code >= kSmallest[length] && code <= 0x10FFFF &&
            !(code >= 0xD800 && code <= 0xDFFF);
    if (valid) {
      valid_sequence(text.substr(i, length));
      i += length;
    } else {
      invalid_byte(static_cast<unsigned char>(text[i]));
      ++i;
    }
  }
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for_each_sequence(
      text, [&](std::string_view sequence) { out.append(sequence); },
      [&](unsigned char) { out.append(kReplacement); });
  return out;
}

std::string utf8_key(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  auto escape = [&](unsigned char b) {
    out += '%';
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  };
  for_each_sequence(
      text,
      [&](std::string_view sequence) {
        if (sequence == "%")
          escape('%');
        else
          out.append(sequence);
      },
      escape);
  return out;
}

}  // namespace mixgrade
