#pragma once
// The analyser registry. Every analyser describes itself once, next to its code (the way
// essentia's algorithms declare their parameters): its JSON block, its metric rows, its table
// columns, the blocks it needs, the options its result depends on, a factory and the writer of its
// JSON block. registry.cpp lists the descriptors, one line each; the pipeline, the metric
// reference (--help, --list-metrics, the README, rubric validation), the table, the JSON and the
// batch cache key are all read from that list, so a new analyser is one file, one line there, one
// member of Analysis, and its tests.
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "analysis/analyser.hpp"
#include "analysis/metrics.hpp"

namespace mixgrade {

struct Analysis;
struct AnalysisOptions;
struct JsonOptions;

// A set of analysers named by their block names, kept in registry order. Naming an analyser the
// registry does not have is a programming error: std::invalid_argument.
class BlockSet {
 public:
  static BlockSet all();  // every registered analyser
  static BlockSet none();
  static BlockSet only(std::initializer_list<std::string_view> names);

  bool contains(std::string_view name) const;
  BlockSet& insert(std::string_view name);
  BlockSet& erase(std::string_view name);
  const std::vector<std::string_view>& names() const { return names_; }
  bool operator==(const BlockSet&) const = default;

 private:
  std::vector<std::string_view> names_;  // registry order
};

// One column of the analysis table. A column two blocks share (PLR, in loudness and dynamics) is
// shown once, where it first appears.
struct TableColumn {
  std::string_view title;
  int width;
  std::string (*cell)(const Analysis&);  // "-" when the block is absent or the value unmeasured
};

// What a factory may look at: the options, the format, and every analyser of this pass (asked for
// or needed by one that was).
struct AnalyserContext {
  const AnalysisOptions& options;
  const AudioFormat& format;
  const BlockSet& running;
};

struct AnalyserDescriptor {
  // The JSON block, the name in BlockSet (the enable flag) and the --list-metrics block.
  std::string_view name;
  // Its metric reference, as text (metrics.hpp, parse_metric_docs); every path starts with
  // "<name>.". metrics_of() gives the rows.
  std::string_view metric_docs;
  std::span<const TableColumn> columns;
  // Blocks that run whenever this one does and finish() before it (dynamics reads the loudness
  // block's PLR). They are left out of the result unless asked for themselves.
  std::span<const std::string_view> needs;
  // Blocks this one reads when they run anyway, so they finish() first, but never pulled in
  // (stereo takes the stereo loudness from the loudness block instead of metering it again).
  std::span<const std::string_view> uses;
  // The options this analyser's result depends on, for the batch cache key ("" for none).
  std::string (*cache_key)(const AnalysisOptions&);
  std::unique_ptr<Analyser> (*make)(const AnalyserContext&);
  bool (*present)(const Analysis&);  // its block is in the Analysis
  void (*drop)(Analysis&);           // removes its block (run only for another's needs)
  // Its JSON block; called only when present().
  nlohmann::ordered_json (*json)(const Analysis&, const JsonOptions&);
  // Its events with times, added to the analysis JSON's "events" member (analysis_json.hpp), and
  // its series for plots, added to "series"; nullptr when it has none. Called only when present().
  void (*events)(const Analysis&, nlohmann::ordered_json& events) = nullptr;
  void (*series)(const Analysis&, nlohmann::ordered_json& series) = nullptr;
};

// Helpers for the typed Analysis member of a descriptor: present = has_block<&Analysis::x>.
template <auto Member>
bool has_block(const Analysis& a) {
  return (a.*Member).has_value();
}
template <auto Member>
void drop_block(Analysis& a) {
  (a.*Member).reset();
}
inline std::string no_cache_key(const AnalysisOptions&) {
  return {};
}
// The factory of an analyser that takes no options.
template <class A>
std::unique_ptr<Analyser> make_analyser(const AnalyserContext&) {
  return std::make_unique<A>();
}

// What a descriptor says beyond its block, its metrics, its columns, its factory and its writer;
// most analysers need nothing, use nothing and depend on no option.
struct AnalyserLinks {
  std::span<const std::string_view> needs = {};
  std::span<const std::string_view> uses = {};
  std::string (*cache_key)(const AnalysisOptions&) = no_cache_key;
  void (*events)(const Analysis&, nlohmann::ordered_json& events) = nullptr;
  void (*series)(const Analysis&, nlohmann::ordered_json& series) = nullptr;
};

// The descriptor of the analyser whose block is the Analysis member `Block`.
template <auto Block>
constexpr AnalyserDescriptor describe(
    std::string_view name, std::string_view metric_docs, std::span<const TableColumn> columns,
    std::unique_ptr<Analyser> (*make)(const AnalyserContext&),
    nlohmann::ordered_json (*json)(const Analysis&, const JsonOptions&), AnalyserLinks links = {}) {
  return {.name = name,
          .metric_docs = metric_docs,
          .columns = columns,
          .needs = links.needs,
          .uses = links.uses,
          .cache_key = links.cache_key,
          .make = make,
          .present = has_block<Block>,
          .drop = drop_block<Block>,
          .json = json,
          .events = links.events,
          .series = links.series};
}

// The block `Block` of an Analysis, or nullptr when it is absent.
template <auto Block>
const auto* find_block(const Analysis& a) {
  return (a.*Block) ? &*(a.*Block) : nullptr;
}

// Every registered analyser, in output order (JSON blocks, table columns, metric reference).
std::span<const AnalyserDescriptor* const> analysers();
// The metric rows of one analyser (parsed once from its metric_docs).
std::span<const MetricInfo> metrics_of(const AnalyserDescriptor& analyser);
// The descriptor of a block, or nullptr.
const AnalyserDescriptor* find_analyser(std::string_view name);

// The analysers a pass over `blocks` runs, in the order their finish() must be called: `blocks`
// plus everything they need (transitively), each after every block it needs or uses (a
// topological order over needs and uses; ties keep registry order). Throws std::logic_error for a
// cycle.
std::vector<const AnalyserDescriptor*> finish_order(const BlockSet& blocks);

// A table cell: the value with `decimals` places, "-" when absent, never "-0.0".
std::string table_number(std::optional<double> value, int decimals = 1);

// A table cell of one field: numbers with `decimals` places (table_number), integers and text as
// they are, "-" for an absent optional.
template <class T>
std::string table_cell(const T& value, int decimals) {
  if constexpr (std::is_same_v<T, std::string>)
    return value;
  else if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, std::optional<double>>)
    return table_number(value, decimals);
  else if constexpr (std::is_integral_v<T>)
    return std::to_string(value);
  else
    return value ? std::to_string(*value) : "-";  // std::optional<int>
}

// A column showing the field `Field` of the block `Block`: "-" when the block is absent, e.g.
// column<&Analysis::loudness, &LoudnessResult::integrated_lufs>("I LUFS", 7).
template <auto Block, auto Field, int Decimals = 1>
constexpr TableColumn column(std::string_view title, int width) {
  return {title, width, [](const Analysis& a) -> std::string {
            const auto* block = find_block<Block>(a);
            return block ? table_cell(block->*Field, Decimals) : "-";
          }};
}

}  // namespace mixgrade
