#pragma once
// The tiny template language of feedback, hints and misconception messages: "{name}" is
// replaced by a value, everything else is copied. No escapes, no expressions: instructors write
// sentences, not code.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

struct Placeholder {
  std::string name;
  std::size_t offset = 0;  // of the "{"
};

std::vector<Placeholder> find_placeholders(std::string_view text);

// Replaces each placeholder with lookup(name); the validator has already rejected unknown names.
std::string render_template(std::string_view text,
                            const std::function<std::string(std::string_view)>& lookup);

}  // namespace mixgrade
