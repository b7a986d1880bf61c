// mixgrade-dynamics: crest factor, PLR, TT DR, clipping, DC offset, leading/trailing silence.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool("dynamics", argc, argv);
}
