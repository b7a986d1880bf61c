#include "core/json.hpp"

#include <cmath>

#include "core/format.hpp"

namespace mixgrade {

nlohmann::ordered_json json_number(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return round_to(*value, decimals);
}

nlohmann::ordered_json error_json(const std::string& file, const std::string& message) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["error"] = message;
  return j;
}

}  // namespace mixgrade
