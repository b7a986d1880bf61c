// mixgrade-assign: update the learner history from score lines and write each student's next step.
#include "cli/assign_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_assign_tool(argc, argv);
}
