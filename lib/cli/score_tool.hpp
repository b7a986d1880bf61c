#pragma once
// The command line of mixgrade-score: a rubric and submissions (audio files, or the JSON lines of
// mixgrade-analyze) in; a summary, JSON Lines or a Markdown feedback page out; exit codes for CI.
namespace mixgrade {

int run_score_tool(int argc, char** argv);

}  // namespace mixgrade
