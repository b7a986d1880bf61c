#include "core/json.hpp"

#include <cmath>

namespace mixgrade {

nlohmann::ordered_json json_number(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return nullptr;
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(*value * scale) / scale;
  if (rounded == 0.0) rounded = 0.0;  // no "-0.0"
  return rounded;
}

nlohmann::ordered_json error_json(const std::string& file, const std::string& message) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["error"] = message;
  return j;
}

}  // namespace mixgrade
