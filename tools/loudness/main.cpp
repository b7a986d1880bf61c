// mixgrade-loudness: EBU R 128 / ITU-R BS.1770 loudness, loudness range and true peak.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool("loudness", argc, argv);
}
