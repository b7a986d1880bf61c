// mixgrade-target: build a target curve from reference tracks, or check a target file.
#include "cli/target_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_target_tool(argc, argv);
}
