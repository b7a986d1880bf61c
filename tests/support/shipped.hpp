#pragma once
// The rubrics mixgrade ships (rubrics/), for tests that grade or validate against them. Header
// only: MIXGRADE_SOURCE_DIR is a compile definition of each test, not of the support library.
#include <filesystem>
#include <string_view>

#include "rubric/load.hpp"

namespace mixgrade::test {

inline const std::filesystem::path kShippedRubrics =
    std::filesystem::path(MIXGRADE_SOURCE_DIR) / "rubrics";

// The metric table as it is now and the shipped concept ids.
inline RubricContext shipped_context() {
  return context_with_concepts(kShippedRubrics / "concepts.toml");
}

// rubrics/<file>, validated against the shipped concepts.
inline Rubric shipped_rubric(std::string_view file) {
  return load_rubric(kShippedRubrics / file, shipped_context());
}

}  // namespace mixgrade::test
