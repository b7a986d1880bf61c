#include "report/table.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mixgrade {
namespace {

std::string pad_file(const std::string& file, std::size_t width) {
  if (file.size() <= width) return file + std::string(width - file.size(), ' ');
  return "..." + file.substr(file.size() - (width - 3));
}

}  // namespace

AnalysisTable::AnalysisTable(const BlockSet& blocks, std::size_t file_width)
    : file_width_(std::clamp<std::size_t>(file_width, 8, 48)) {
  for (const auto* analyser : analysers()) {
    if (!blocks.contains(analyser->name)) continue;
    for (const auto& column : analyser->columns) {
      // A column two blocks share (PLR) is shown once, where it first appears.
      if (std::none_of(columns_.begin(), columns_.end(),
                       [&](const TableColumn& c) { return c.title == column.title; }))
        columns_.push_back(column);
    }
  }
}

std::string AnalysisTable::header() const {
  std::string out = pad_file("file", file_width_);
  for (const auto& c : columns_) out += fmt::format("  {:>{}}", c.title, c.width);
  return out + "\n";
}

std::string AnalysisTable::row(const Analysis& analysis) const {
  std::string out = pad_file(terminal_safe(analysis.file), file_width_);
  for (const auto& c : columns_) out += fmt::format("  {:>{}}", c.cell(analysis), c.width);
  return out + "\n";
}

std::string AnalysisTable::error_row(const std::string& file, const std::string& reason) const {
  return pad_file(terminal_safe(file), file_width_) + "  not analysed: " + terminal_safe(reason) +
         "\n";
}

}  // namespace mixgrade
