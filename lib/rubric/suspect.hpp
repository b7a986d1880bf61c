#pragma once
// Suspect uploads: a file whose grade should not be trusted without a human look. Read from the
// analysis JSON and the rubric's [delivery] table (rubrics/README.md "Suspect uploads"):
//   cut_off      the reader found fewer bytes or frames than the header declares;
//   silent       every 400 ms block below -70 LUFS (the EBU R128 absolute gate: the loudness
//                analyser's "too quiet to measure"), digital silence, or a sample peak below
//                -60 dBFS;
//   too_short    shorter than [delivery] min_duration_s;
//   below_spec   sample rate, bit depth or channel count below [delivery];
//   several_files  the student handed in more than one audio file (discovery's warning).
// Each gives one sentence naming the file; stderr, result.json, grades.json, "Needs a look" and
// the student page all show that sentence.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rubric/rubric.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade {

// Below this sample peak a file counts as near-silent.
inline constexpr double kSilentPeakDbfs = -60.0;

std::vector<SuspectWarning> suspect_warnings(const Rubric& rubric,
                                             const nlohmann::ordered_json& analysis);

// Fills record.warnings (plus a several_files warning for each of `submission_warnings` that says
// so). A cut-off upload's grade is withheld (withheld, not passed) unless `grade_cut_off`.
void flag_suspect_upload(ScoreRecord& record, const Rubric& rubric,
                         const nlohmann::ordered_json& analysis, bool grade_cut_off,
                         const std::vector<std::string>& several_files = {});

}  // namespace mixgrade
