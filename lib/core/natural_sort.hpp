#pragma once
// Orders student ids and names the way people read them: "student9" before "student10".
#include <string_view>

namespace mixgrade {

// Compares strings with runs of digits taken as numbers ("9" < "10"), then byte order.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace mixgrade
