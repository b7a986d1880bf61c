// mixgrade-spectrum: spectral balance (third-octave and named bands, tilt, centroid, roll-off).
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool("spectrum", argc, argv);
}
