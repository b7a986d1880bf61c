#pragma once
// File names from an LMS zip are bytes, not always UTF-8 (a Latin-1 "café.wav" from Windows).
// Outputs that must be UTF-8 (JSON, XML, TOML) pass names through here first.
#include <string>
#include <string_view>

namespace mixgrade {

// `text` with every byte that does not start or continue a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF included) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `text` as a UTF-8 key that still tells every input apart: each invalid byte becomes "%XX"
// (hex), and "%" itself "%25", so two folder names never give one key ("Jos\xE9" -> "Jos%E9",
// "Jos%E9" -> "Jos%25E9"). Valid UTF-8 without "%" is unchanged.
std::string utf8_key(std::string_view text);

}  // namespace mixgrade
