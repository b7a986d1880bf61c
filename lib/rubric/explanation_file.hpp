#pragma once
// Finding the teach-it-back text a student hands in beside an audio file. For dir/mix.wav the
// first existing of dir/mix.explain.md, mix.explain.txt, mix.md, mix.txt, explain.md, explain.txt
// is read; the lookup never leaves dir (a symbolic link that points outside it is not read).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rubric/score_record.hpp"

namespace mixgrade {

inline constexpr std::uintmax_t kMaxExplanationFileBytes = 64 * 1024;

// The candidate files for `audio`, in the order they are tried.
std::vector<std::filesystem::path> explanation_candidates(const std::filesystem::path& audio);

// The explanation, or none; `warning` is one sentence naming the file when the first existing
// candidate could not be used: larger than 64 KiB, unreadable, binary (a NUL byte) or a link
// outside the folder. `skip` (a page this run writes, say) is never taken for an explanation, nor
// is a feedback page an earlier `mixgrade-score --markdown mix.md` left there ("# Feedback on
// mix.wav"): the lookup goes on to the next candidate.
struct ExplanationLookup {
  std::optional<Explanation> explanation;
  std::string warning;
};
ExplanationLookup find_explanation(const std::filesystem::path& audio,
                                   const std::filesystem::path& skip = {});

// One file read as the explanation of `audio`, with the same limits and warnings. An HTML file
// (.html, .htm: Moodle's online text, a text entry saved from an LMS) is reduced to its text.
// Nothing and no warning when it is a feedback page of `audio`.
ExplanationLookup read_explanation(const std::filesystem::path& file,
                                   const std::filesystem::path& audio);

// The text of an HTML fragment: tags dropped (block tags become line breaks), the common
// entities decoded (&amp; &lt; &gt; &quot; &#39; &nbsp; and numeric ones below 128).
std::string html_to_text(std::string_view html);

}  // namespace mixgrade
