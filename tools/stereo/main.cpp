// mixgrade-stereo: stereo width and mono compatibility.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool("stereo", argc, argv);
}
