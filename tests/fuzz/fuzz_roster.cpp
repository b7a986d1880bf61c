// The roster CSV (a Canvas gradebook export): parsed or refused with an InputError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "batch/roster.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    mixgrade::parse_roster(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  } catch (const mixgrade::InputError&) {
  }
  return 0;
}
