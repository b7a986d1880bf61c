// The target-curve loader: a TOML file of bands gives a curve or an InputError.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "analysis/target.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      "/tmp/mixgrade-fuzz-target-" + std::to_string(::getpid()) + ".toml";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    mixgrade::load_target(path);
  } catch (const mixgrade::InputError&) {
  }
  return 0;
}
