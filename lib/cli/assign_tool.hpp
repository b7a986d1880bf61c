#pragma once
// mixgrade-assign: score lines in, history updated, each student's next step out.
namespace mixgrade {

int run_assign_tool(int argc, char** argv);

}  // namespace mixgrade
