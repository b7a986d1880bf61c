#pragma once
// Reads a metric out of the analysis JSON (to_json(Analysis), or one line of
// `mixgrade-analyze --json`), so audio files and --from-json are graded by one code path.
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace mixgrade {

// Follows the dotted path: an object by key; an array of objects by the element whose "name"
// equals the segment ("spectrum.bands.bass.level_db"). true and false read as 1 and 0. nullopt
// when any step is missing, the value is null (not measurable: mono, too short), or neither a
// number nor a boolean.
std::optional<double> resolve_metric(const nlohmann::ordered_json& analysis, std::string_view path);

}  // namespace mixgrade
