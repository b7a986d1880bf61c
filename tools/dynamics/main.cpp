// mixgrade-dynamics: crest factor, PLR, TT DR, clipping, DC offset, leading/trailing silence.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool(
      {.name = "mixgrade-dynamics",
       .summary = "Measure the dynamics of each file: crest factor, peak-to-loudness ratio, the TT "
                  "dynamic range value (DR), clipping, DC offset and leading/trailing silence.",
       .loudness = false,
       .dynamics = true},
      argc, argv);
}
