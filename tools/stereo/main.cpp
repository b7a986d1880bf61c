// mixgrade-stereo: stereo width and mono compatibility.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool(
      {.name = "mixgrade-stereo",
       .summary = "Measure stereo width and mono compatibility of each file: L/R correlation, "
                  "share of 400 ms windows with negative correlation, side-to-mid energy overall "
                  "and below 150 Hz / 150 Hz-5 kHz / above 5 kHz (wide bass), L/R balance, and "
                  "the loudness lost in a mono fold-down. Mono files report mono: true.",
       .stereo = true},
      argc, argv);
}
