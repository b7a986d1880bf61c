#include "rubric/metric_path.hpp"

namespace mixgrade {

std::optional<double> resolve_metric(const nlohmann::ordered_json& analysis,
                                     std::string_view path) {
  const nlohmann::ordered_json* node = &analysis;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    const std::string segment(path.substr(start, dot - start));
    const nlohmann::ordered_json* next = nullptr;
    if (node->is_object()) {
      const auto it = node->find(segment);
      if (it != node->end()) next = &*it;
    } else if (node->is_array()) {
      for (const auto& element : *node) {
        if (element.is_object() && element.contains("name") && element["name"] == segment) {
          next = &element;
          break;
        }
      }
    }
    if (next == nullptr) return std::nullopt;
    node = next;
    start = dot + 1;
  }
  // A yes/no measurement (delivery.lossy) reads as 1 or 0, so a rubric can compare it.
  if (node->is_boolean()) return node->get<bool>() ? 1.0 : 0.0;
  if (!node->is_number()) return std::nullopt;
  return node->get<double>();
}

}  // namespace mixgrade
