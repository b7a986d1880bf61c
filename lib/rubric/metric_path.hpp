#pragma once
// Reads a metric out of the analysis JSON (to_json(Analysis), or one line of
// `mixgrade-analyze --json`), so audio files and --from-json are graded by one code path.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

// Follows the dotted path: an object by key; an array of objects by the element whose "name"
// equals the segment ("spectrum.bands.bass.level_db"). true and false read as 1 and 0. nullopt
// when any step is missing, the value is null (not measurable: mono, too short), or neither a
// number nor a boolean.
std::optional<double> resolve_metric(const nlohmann::ordered_json& analysis, std::string_view path);

// Why `analysis` cannot be graded as an analysis, "" when it can. Checked by type before any
// scoring, so a line that is not an analysis is an error, never a row of real zeros: not an
// object; "file" present but not a string; none of the analysers' blocks (format, loudness,
// dynamics, ...); a metric with a unit holding a string or an object; a count or a size below
// zero (clip events, channels, frames, sample rate, bit depth, duration); one of `graded` (the
// metrics a rubric's criteria read) present but not a number.
std::string analysis_problem(const nlohmann::ordered_json& analysis,
                             const std::vector<std::string>& graded = {});

}  // namespace mixgrade
