#pragma once
// File names from an LMS zip are bytes, not always UTF-8 (a Latin-1 "café.wav" from Windows).
// Outputs that must be UTF-8 (JSON, XML, TOML) pass names through here first.
#include <string>
#include <string_view>

namespace mixgrade {

// `text` with every byte that does not start or continue a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF included) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace mixgrade
