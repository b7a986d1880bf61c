#pragma once
// The command line shared by mixgrade-analyze, mixgrade-loudness and mixgrade-dynamics: many
// files in, a table or JSON Lines out, one line on stderr per file that could not be read.
#include <string_view>

namespace mixgrade {

struct AnalysisToolSpec {
  std::string_view name;     // "mixgrade-loudness"
  std::string_view summary;  // first paragraph of --help
  bool loudness = false;     // blocks this tool shows
  bool dynamics = false;
  bool spectrum = false;  // also offers --target and --reference
  bool stereo = false;
};

int run_analysis_tool(const AnalysisToolSpec& spec, int argc, char** argv);

}  // namespace mixgrade
