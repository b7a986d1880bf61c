#pragma once
// Numbers as people read them. Every page, table and export formats through here, so the same
// value never reads "-14.2" on one page and "-14.23" on another.
#include <optional>
#include <string>

namespace mixgrade {

// `value` rounded to `decimals` places (never -0.0): what the JSON outputs write, and what the
// score record holds, so a record read back from JSON equals the one written.
double round_to(double value, int decimals);

// Fixed decimals, never "-0.0": format_fixed(-0.04, 1) == "0.0".
std::string format_fixed(double value, int decimals);

// At most `decimals` places with trailing zeros dropped: "72.5", "80", "-4.8"; "" when not finite.
std::string format_number(double value, int decimals = 2);

}  // namespace mixgrade
