// LMS file-name parsing: Canvas download names and Moodle folder names, any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "batch/discovery.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string name(reinterpret_cast<const char*>(data), size);
  mixgrade::canvas_user_id(name);
  mixgrade::moodle_participant_id(name);
  return 0;
}
