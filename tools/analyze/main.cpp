// mixgrade-analyze: every analyser in one decode pass.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool(
      {.name = "mixgrade-analyze",
       .summary = "Measure loudness (EBU R 128 / ITU-R BS.1770), dynamics (crest factor, TT DR, "
                  "clipping, DC offset, silence), spectral balance (third-octave levels, tilt) "
                  "and stereo width (correlation, side/mid, mono fold-down) of each file in one "
                  "decode pass. Feed the --json output to mixgrade-score.",
       .loudness = true,
       .dynamics = true,
       .spectrum = true,
       .stereo = true},
      argc, argv);
}
