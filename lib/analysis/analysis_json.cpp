#include "analysis/analysis_json.hpp"

#include "analysis/registry.hpp"

namespace mixgrade {

nlohmann::ordered_json json_numbers(const std::vector<std::optional<double>>& values,
                                    int decimals) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& v : values) out.push_back(json_number(v, decimals));
  return out;
}

nlohmann::ordered_json to_json(const Analysis& a, const JsonOptions& options) {
  nlohmann::ordered_json j;
  j["file"] = a.file;
  j["format"] = {
      {"container", a.format.container},     {"encoding", a.format.encoding},
      {"sample_rate", a.format.sample_rate}, {"channels", a.format.channels},
      {"frames", a.format.frames},           {"duration_s", json_number(a.format.duration_s(), 3)}};
  for (const auto* analyser : analysers())
    if (analyser->present(a)) j[std::string(analyser->name)] = analyser->json(a, options);
  j["warnings"] = a.warnings;
  return j;
}

}  // namespace mixgrade
