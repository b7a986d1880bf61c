#pragma once
// mixgrade-target: `build` measures reference tracks and writes a spectral target curve (TOML);
// `check` validates a target file.
namespace mixgrade {

int run_target_tool(int argc, char** argv);

}  // namespace mixgrade
