#pragma once
// The JSON contract of the analysis tools (one object per file, JSON Lines). Fields may be added;
// none is renamed without a reason. Values that cannot be measured are null, never NaN or -inf.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/analysis.hpp"
#include "core/json.hpp"

namespace mixgrade {

struct JsonOptions {
  bool short_term_series = false;  // include loudness.short_term_series (10 Hz, for plots)
};

// The file, its format, then every block the Analysis holds, written by its analyser's descriptor
// in registry order (registry.hpp), then the warnings.
nlohmann::ordered_json to_json(const Analysis& analysis, const JsonOptions& options = {});

// For the block writers: a list of numbers rounded to `decimals`, null where absent.
nlohmann::ordered_json json_numbers(const std::vector<std::optional<double>>& values, int decimals);

// For the block writers: one number field of a block, written as json_number(block.*member,
// decimals) under `key`.
template <class Block>
struct NumberField {
  std::string_view key;
  std::optional<double> Block::*member;
  int decimals = 2;
};
// Writes `fields` into `j`, in their order.
template <class Block>
void put_numbers(nlohmann::ordered_json& j, const Block& block,
                 std::initializer_list<NumberField<Block>> fields) {
  for (const auto& f : fields) j[std::string(f.key)] = json_number(block.*f.member, f.decimals);
}

}  // namespace mixgrade
