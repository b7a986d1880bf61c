// mixgrade-analyze: every analyser in one decode pass (the verbs and their blocks:
// lib/cli/analysis_tool.cpp).
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool("analyze", argc, argv);
}
