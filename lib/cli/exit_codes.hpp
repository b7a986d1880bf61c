#pragma once
// Exit codes, the same for every mixgrade tool (each tool's --help footer says which it uses).
// Scripts and CI branch on them, so their meaning never changes.
namespace mixgrade {

enum ExitCode : int {
  kExitOk = 0,              // everything done (and, where there is a pass mark, passed)
  kExitBelowPass = 1,       // done, but some submission is below its pass mark
  kExitUsage = 2,           // bad options, an unusable rubric, target or history: nothing done
  kExitPartialFailure = 3,  // some inputs could not be processed (each named on stderr)
};

}  // namespace mixgrade
