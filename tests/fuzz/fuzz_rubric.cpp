// The rubric loader: any text gives a rubric or a RubricError, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "rubric/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mixgrade::RubricContext context = [] {
    mixgrade::RubricContext c;
    c.concepts = {"gain_staging",         "mix_balance",    "eq_tonal_balance",
                  "compression_dynamics", "stereo_imaging", "loudness_mastering"};
    return c;
  }();
  try {
    mixgrade::parse_rubric(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml",
                           context);
  } catch (const mixgrade::RubricError&) {
  } catch (const mixgrade::InputError&) {
  }
  return 0;
}
