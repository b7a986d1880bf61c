#include "rubric/rubric.hpp"

namespace mixgrade {

std::string_view to_string(Visibility v) {
  return name_of(kVisibilityNames, v);
}
std::string_view to_string(AbsentPolicy a) {
  return name_of(kAbsentPolicyNames, a);
}
std::string_view to_string(Curve c) {
  return name_of(kCurveNames, c);
}

}  // namespace mixgrade
