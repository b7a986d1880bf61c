#pragma once
// mixgrade-batch: a class download in; per-student results, feedback and next steps, class
// gradebooks, JUnit and a summary out. Also `mixgrade-batch merge` (joins --shard runs) and
// --gradescope (one submission inside a Gradescope autograder container).
namespace mixgrade {

int run_batch_tool(int argc, char** argv);

}  // namespace mixgrade
