#include "analysis/metrics.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

// The format block is the pipeline's own (what the decoder reports); every other row is declared by
// its analyser (registry.hpp).
constexpr std::array kFormatMetrics = {
    MetricInfo{"format.sample_rate", "Hz", "", "Samples per second per channel."},
    MetricInfo{"format.channels", "", "", "Number of channels."},
    MetricInfo{"format.frames", "", "", "Frames actually decoded (one sample per channel each)."},
    MetricInfo{"format.duration_s", "s", "", "Decoded length in seconds."},
};

// Greedy word wrap for --help, so a terminal of 80 columns reads it comfortably.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 78) {
  std::string out(indent, ' ');
  std::size_t column = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out + "\n";
}

bool in_block(const MetricInfo& m, std::string_view block) {
  return block.empty() ||
         (m.path.starts_with(block) && m.path.size() > block.size() && m.path[block.size()] == '.');
}

}  // namespace

std::span<const MetricInfo> metric_table() {
  static const std::vector<MetricInfo> table = [] {
    std::vector<MetricInfo> rows(kFormatMetrics.begin(), kFormatMetrics.end());
    for (const auto* analyser : analysers())
      rows.insert(rows.end(), analyser->metrics.begin(), analyser->metrics.end());
    return rows;
  }();
  return table;
}

std::string metric_reference_text(std::string_view block) {
  std::string out;
  for (const auto& m : metric_table()) {
    if (!in_block(m, block)) continue;
    out += "  ";
    out += m.path;
    if (!m.unit.empty()) out += " [" + std::string(m.unit) + "]";
    out += "\n";
    std::string text(m.meaning);
    if (!m.standard.empty()) text += " (" + std::string(m.standard) + ")";
    out += wrap(text, 6);
  }
  return out;
}

std::string metric_reference_markdown(std::string_view block) {
  return metric_reference_markdown(std::span<const std::string_view>(&block, 1));
}

std::string metric_reference_markdown(std::span<const std::string_view> blocks) {
  std::string out = "| metric | unit | meaning | standard |\n|---|---|---|---|\n";
  for (const auto& m : metric_table()) {
    if (std::none_of(blocks.begin(), blocks.end(),
                     [&](std::string_view b) { return in_block(m, b); }))
      continue;
    out += "| `" + std::string(m.path) + "` | " + std::string(m.unit) + " | " +
           std::string(m.meaning) + " | " + std::string(m.standard) + " |\n";
  }
  return out;
}

}  // namespace mixgrade
