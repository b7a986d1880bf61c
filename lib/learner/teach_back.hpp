#pragma once
// Teach it back: does a student's short explanation of what they did use the concept's words and
// quote their own measured numbers? Pure (text, concept, record in; verdict out), so the page and
// the learner model read one verdict and a test can compute every expectation by hand.
//
// Rules:
//   terms    The text and each of the concept's key_terms are lowercased and split into words
//            (runs of letters; digits, spaces and punctuation separate words). A term is found
//            where its words appear consecutively, the last one exactly or with one trailing "s":
//            "clip" matches "Clip" and "clips", not "clipping"; "true peak" matches "true-peak".
//            term_share = min(1, found / 3)   (three key terms are enough)
//   numbers  Every number in the text, as written: digits, an optional decimal part after '.' or
//            ',' ("-0,4"), an optional sign '-' or U+2212 '−' directly before the digits when no
//            letter or digit precedes it ("3-4" is 3 and 4). A number glued after a letter or
//            digit ("mp3", "v2") is not a number.
//            A cited number c matches a criterion with a measured value v when
//              |c - v| <= max(0.15, 0.02 * |v|), or c equals v rounded to 0 or 1 decimals.
//            Only criteria shown to the student count (hidden ones must not be confirmed).
//            numbers_share = 1    a cited number matches a criterion of this concept,
//                            0.5  it matches only criteria of other concepts,
//                            0    no cited number matches.
//   score    0.5 * term_share + 0.5 * numbers_share;  counts = score >= 0.5
// Example: "Kept 6 dB of headroom, peak at -6.1 dBFS so nothing clips" for gain_staging with a
// measured sample peak of -6.08 dBFS: terms headroom, peak, clip (3 -> 1.0), -6.1 matches
// (1.0): score 1.0. The same text without the number: 0.5, still counts. Empty text scores 0.
#include <string>
#include <string_view>
#include <vector>

#include "learner/concepts.hpp"
#include "rubric/score_record.hpp"

namespace mixgrade::learner {

struct TeachBack {
  std::string concept_id;
  std::vector<std::string> terms_found, terms_missing;  // key_terms, in the concept's order
  std::vector<std::string> numbers_cited;               // numbers in the text, as written
  std::vector<std::string> metrics_matched;  // metric paths whose value a cited number matches
  double score = 0;                          // 0..1
  bool counts = false;                       // score >= 0.5: counts as (weak) correct evidence
  std::string summary;                       // one sentence for the page
};

// `topic`: the concept the explanation is about (`concept` is a keyword in C++20).
TeachBack score_explanation(std::string_view text, const Concept& topic, const ScoreRecord& record);

}  // namespace mixgrade::learner
