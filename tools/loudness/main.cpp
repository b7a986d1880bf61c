// mixgrade-loudness: EBU R 128 / ITU-R BS.1770 loudness, loudness range and true peak.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool(
      {.name = "mixgrade-loudness",
       .summary = "Measure integrated loudness, loudness range (EBU Tech 3342), maximum momentary "
                  "and short-term loudness, sample peak and true peak (ITU-R BS.1770-4) of each "
                  "file.",
       .loudness = true,
       .dynamics = false},
      argc, argv);
}
