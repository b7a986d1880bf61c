#pragma once
// Analysis options that run one analyser alone, and a look-up in the warnings.
#include <string_view>

#include "analysis/pipeline.hpp"

namespace mixgrade::test {

inline AnalysisOptions spectrum_only() {
  AnalysisOptions o;
  o.blocks = BlockSet::only({"spectrum"});
  return o;
}

inline AnalysisOptions stereo_only() {
  AnalysisOptions o;
  o.blocks = BlockSet::only({"stereo"});
  return o;
}

inline bool has_warning(const Analysis& a, std::string_view text) {
  for (const auto& w : a.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace mixgrade::test
