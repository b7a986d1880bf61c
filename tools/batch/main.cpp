// mixgrade-batch: grade a whole class from an LMS download.
#include "cli/batch_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_batch_tool(argc, argv);
}
