// The misconception condition compiler and evaluator: any text is compiled or refused, and a
// compiled condition evaluates against an analysis without a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rubric/condition.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto compiled = mixgrade::compile_condition(
      text, [](std::string_view name) { return name.find('.') != std::string_view::npos; });
  if (compiled.condition) {
    static const auto analysis = nlohmann::ordered_json::parse(
        R"({"loudness": {"integrated_lufs": -14, "true_peak_dbtp": -1.2}, "dynamics": {"dr": 7}})");
    mixgrade::evaluate_condition(*compiled.condition, analysis);
  }
  return 0;
}
