#pragma once
// The readable table the analysis tools print by default: a header, then one row per file as
// soon as it is analysed. Missing values print as "-".
#include <string>
#include <vector>

#include "analysis/analysis.hpp"

namespace mixgrade {

struct TableBlocks {
  bool loudness = true;
  bool dynamics = true;
  bool spectrum = false;
  bool stereo = false;
};

class AnalysisTable {
 public:
  AnalysisTable(TableBlocks blocks, std::size_t file_width);
  std::string header() const;
  std::string row(const Analysis& analysis) const;
  std::string error_row(const std::string& file, const std::string& reason) const;

 private:
  struct Column {
    std::string title;
    int width;
    std::string (*cell)(const Analysis&);
  };
  std::vector<Column> columns_;
  std::size_t file_width_;
};

}  // namespace mixgrade
