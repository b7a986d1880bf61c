#pragma once
// The command line shared by mixgrade-analyze, -loudness, -dynamics, -spectrum and -stereo: many
// files in, a table or JSON Lines out, one line on stderr per file that could not be read.
#include <string_view>

namespace mixgrade {

// Runs mixgrade-<verb> for the analysis verbs: analyze (every registered analyser), loudness,
// dynamics, spectrum (also --target and --reference), stereo. Their names, summaries and blocks
// are one table in analysis_tool.cpp.
int run_analysis_tool(std::string_view verb, int argc, char** argv);

}  // namespace mixgrade
