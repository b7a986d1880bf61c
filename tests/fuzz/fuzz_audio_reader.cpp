// The audio reader (libsndfile underneath) and the analysis it feeds: any bytes as a file give an
// analysis or an InputError, never a crash, a hang or a NaN.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "analysis/pipeline.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/mixgrade-fuzz-audio-" + std::to_string(::getpid());
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    mixgrade::analyse_file(path, mixgrade::AnalysisOptions{});
  } catch (const mixgrade::InputError&) {
  }
  return 0;
}
