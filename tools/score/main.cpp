// mixgrade-score: grade submissions against an instructor's rubric.
#include "cli/score_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_score_tool(argc, argv);
}
