// The score-record reader (mixgrade-assign's input): any line gives a record, an error line or
// an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "rubric/score_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    mixgrade::parse_score_line(std::string(reinterpret_cast<const char*>(data), size), "fuzz:1");
  } catch (const mixgrade::InputError&) {
  }
  return 0;
}
