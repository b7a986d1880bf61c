#include "analysis/registry.hpp"

#include "core/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace mixgrade {

// Each descriptor is defined next to its analyser (loudness.cpp, ...). One line per analyser, in
// output order: the JSON blocks, the table columns and the metric reference follow this order.
extern const AnalyserDescriptor loudness_analyser;
extern const AnalyserDescriptor dynamics_analyser;
extern const AnalyserDescriptor spectrum_analyser;
extern const AnalyserDescriptor stereo_analyser;
extern const AnalyserDescriptor delivery_analyser;

namespace {

constexpr std::array kAnalysers = {&loudness_analyser, &dynamics_analyser, &spectrum_analyser,
                                   &stereo_analyser, &delivery_analyser};

std::size_t index_of(std::string_view name) {
  for (std::size_t i = 0; i < kAnalysers.size(); ++i)
    if (kAnalysers[i]->name == name) return i;
  throw std::invalid_argument("no analyser has the block \"" + std::string(name) + "\"");
}

}  // namespace

std::span<const AnalyserDescriptor* const> analysers() {
  return kAnalysers;
}

const AnalyserDescriptor* find_analyser(std::string_view name) {
  for (const auto* d : kAnalysers)
    if (d->name == name) return d;
  return nullptr;
}

BlockSet BlockSet::all() {
  BlockSet set;
  for (const auto* d : kAnalysers) set.names_.push_back(d->name);
  return set;
}

BlockSet BlockSet::none() {
  return {};
}

BlockSet BlockSet::only(std::initializer_list<std::string_view> names) {
  BlockSet set;
  for (auto name : names) set.insert(name);
  return set;
}

bool BlockSet::contains(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

BlockSet& BlockSet::insert(std::string_view name) {
  const std::size_t index = index_of(name);
  if (contains(name)) return *this;
  // Keep registry order, and the descriptor's own (static) spelling of the name.
  auto at = std::find_if(names_.begin(), names_.end(),
                         [&](std::string_view n) { return index_of(n) > index; });
  names_.insert(at, kAnalysers[index]->name);
  return *this;
}

BlockSet& BlockSet::erase(std::string_view name) {
  index_of(name);
  std::erase(names_, name);
  return *this;
}

std::vector<const AnalyserDescriptor*> finish_order(const BlockSet& blocks) {
  // Close over "needs": everything a running analyser needs runs too.
  std::vector<bool> runs(kAnalysers.size(), false);
  std::vector<std::size_t> pending;
  for (auto name : blocks.names()) pending.push_back(index_of(name));
  while (!pending.empty()) {
    const std::size_t i = pending.back();
    pending.pop_back();
    if (runs[i]) continue;
    runs[i] = true;
    for (auto need : kAnalysers[i]->needs) pending.push_back(index_of(need));
  }
  // Kahn's algorithm, always taking the first ready analyser in registry order, so the order
  // (and with it the order of the warnings) is the registry's wherever dependencies allow.
  auto waits_for = [&](std::size_t i, const std::vector<bool>& done) {
    for (auto list : {kAnalysers[i]->needs, kAnalysers[i]->uses})
      for (auto other : list) {
        const std::size_t j = index_of(other);
        if (runs[j] && !done[j]) return true;
      }
    return false;
  };
  std::vector<const AnalyserDescriptor*> order;
  std::vector<bool> done(kAnalysers.size(), false);
  const auto total = static_cast<std::size_t>(std::count(runs.begin(), runs.end(), true));
  while (order.size() < total) {
    std::size_t next = kAnalysers.size();
    for (std::size_t i = 0; i < kAnalysers.size() && next == kAnalysers.size(); ++i)
      if (runs[i] && !done[i] && !waits_for(i, done)) next = i;
    if (next == kAnalysers.size())
      throw std::logic_error("analyser registry: the needs and uses of the analysers form a cycle");
    done[next] = true;
    order.push_back(kAnalysers[next]);
  }
  return order;
}

std::string table_number(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return "-";
  return format_fixed(*value, decimals);
}

}  // namespace mixgrade
