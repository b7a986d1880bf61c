#pragma once
// The readable table the analysis tools print by default: a header, then one row per file as
// soon as it is analysed. The columns are the shown analysers' own (registry.hpp), in registry
// order; missing values print as "-".
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "analysis/registry.hpp"

namespace mixgrade {

class AnalysisTable {
 public:
  AnalysisTable(const BlockSet& blocks, std::size_t file_width);
  std::string header() const;
  std::string row(const Analysis& analysis) const;
  std::string error_row(const std::string& file, const std::string& reason) const;

 private:
  std::vector<TableColumn> columns_;
  std::size_t file_width_;
};

}  // namespace mixgrade
