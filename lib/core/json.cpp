#include "core/json.hpp"

#include <cmath>

#include "core/format.hpp"

namespace mixgrade {

nlohmann::ordered_json json_number(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return round_to(*value, decimals);
}

bool json_too_deep(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::string text_or(const nlohmann::ordered_json& j, const char* key, std::string fallback) {
  if (!j.is_object()) return fallback;
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

nlohmann::ordered_json error_json(const std::string& file, const std::string& message) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["error"] = message;
  return j;
}

}  // namespace mixgrade
