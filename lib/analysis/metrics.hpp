#pragma once
// The one table that documents every metric: --help, the README's metric reference and the rubric
// validator's list of valid names all come from here. Each analyser declares its own rows in its
// descriptor (registry.hpp); this table is the format block's rows followed by theirs, in registry
// order.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

struct MetricInfo {
  std::string_view path;      // JSON path, e.g. "loudness.integrated_lufs"
  std::string_view unit;      // "LUFS", "dB", "s", ... ("" for plain numbers)
  std::string_view standard;  // where the definition comes from
  std::string_view meaning;   // what is measured, and how
  std::string_view plain;     // one plain sentence for a student ("" when there is none)
  // Cues for a student who missed a criterion on this metric: where to look (which meter or
  // view, which part of the song) and what to ignore here ("" when there is none).
  std::string_view look{};
  std::string_view ignore{};
  // One value per channel or band (a JSON array), not one number: shown and exported, never
  // compared by a criterion or a condition.
  bool list = false;
};

// A metric reference as the analysers write it, one entry per metric: a line
//   path | unit | standard | list  (unit and standard may be left out or empty; "list" marks a
//                                   metric holding one value per channel or band)
// then the meaning on lines indented by spaces, joined with single spaces; an indented line
// starting "plain:" begins the plain-language sentence that student pages show the first time
// the metric appears (optional; it runs to the next metric line); "look:" and "ignore:" begin the
// cues a page shows under a missed criterion (optional, the same way). The rows' text lives
// as long as the program. Throws std::logic_error for text not of that form (a programming
// error: test_registry parses every analyser's).
std::vector<MetricInfo> parse_metric_docs(std::string_view docs);

// Every metric, in output order.
std::span<const MetricInfo> metric_table();
// The row of one metric path, or nullptr.
const MetricInfo* find_metric(std::string_view path);

// The rows whose path starts with "<block>." ("loudness", "dynamics", ...); all rows for "".
std::string metric_reference_text(std::string_view block);      // for --help
std::string metric_reference_markdown(std::string_view block);  // for the README
// One table with the rows of several blocks.
std::string metric_reference_markdown(std::span<const std::string_view> blocks);

}  // namespace mixgrade
