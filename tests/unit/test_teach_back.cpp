// Teach it back (lib/learner/teach_back.hpp): every expectation below is computed by hand from
// the rules in the header: term_share = min(1, found / 3), numbers_share 1 / 0.5 / 0,
// score = 0.5 * term_share + 0.5 * numbers_share, counts from 0.5.
#define BOOST_TEST_MODULE teach_back
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "learner/teach_back.hpp"

using namespace mixgrade;
using namespace mixgrade::learner;
namespace tt = boost::test_tools;

namespace {

Concept concept_with(std::string id, std::vector<std::string> terms) {
  Concept c{id, id, "d", {}, BktParams{}};
  c.key_terms = std::move(terms);
  return c;
}

const Concept kGain =
    concept_with("gain_staging", {"headroom", "peak", "clip", "dbfs", "gain", "level"});
const Concept kLoud = concept_with(
    "loudness_mastering", {"lufs", "true peak", "dbtp", "limiter", "normalisation", "integrated"});

CriterionRecord measured(std::string id, std::string title, std::string metric,
                         std::string concept_id, double value, std::string unit) {
  CriterionRecord c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.metric = std::move(metric);
  c.concept_id = std::move(concept_id);
  c.value = value;
  c.unit = std::move(unit);
  c.status = Status::pass;
  return c;
}

// A master: true peak -0.43 dBTP and -14.26 LUFS (loudness), sample peak -6.08 dBFS and 7.46 dB
// of crest (gain staging, for the rounding cases), -60 dB noise floor (2 % tolerance).
ScoreRecord record() {
  ScoreRecord r;
  r.criteria = {
      measured("true_peak", "True peak", "loudness.true_peak_dbtp", "loudness_mastering", -0.43,
               "dBTP"),
      measured("loudness", "Integrated loudness", "loudness.integrated_lufs", "loudness_mastering",
               -14.26, "LUFS"),
      measured("peak_level", "Peak level", "loudness.sample_peak_dbfs", "gain_staging", -6.08,
               "dBFS"),
      measured("crest", "Crest", "dynamics.crest_db", "gain_staging", 7.46, "dB"),
      measured("floor", "Noise floor", "dynamics.floor_db", "gain_staging", -60.0, "dB"),
  };
  return r;
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(terms_match_whole_words_or_a_trailing_s) {
  const ScoreRecord r = record();
  // "Clipping" is not "clip"; "clips" is. "PEAKS" is "peak" in any case.
  TeachBack tb = score_explanation("Clipping everywhere, the GAIN was high", kGain, r);
  BOOST_TEST(tb.terms_found == Strings({"gain"}), tt::per_element());
  tb = score_explanation("Two clips; PEAKS hit the ceiling. Headroomy", kGain, r);
  BOOST_TEST(tb.terms_found == Strings({"peak", "clip"}), tt::per_element());
  BOOST_TEST(tb.terms_missing == Strings({"headroom", "dbfs", "gain", "level"}), tt::per_element());
  // A phrase matches across any separator, and its last word may take an s; not a prefix.
  tb = score_explanation("the true-peak and TRUE  PEAKS, not truepeak or true peaking", kLoud, r);
  BOOST_TEST(tb.terms_found == Strings({"true peak"}), tt::per_element());
  tb = score_explanation("peaking at 0 dBFS", kGain, r);  // digits separate words too
  BOOST_TEST(tb.terms_found == Strings({"dbfs"}), tt::per_element());
  tb = score_explanation("-1dbfs", kGain, r);
  BOOST_TEST(tb.terms_found == Strings({"dbfs"}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(numbers_as_written_with_comma_decimals_and_unicode_minus) {
  const ScoreRecord r = record();
  // "v2" and "mp3" are names, "3-4" a range (3 and 4); the full stop ends the sentence.
  const TeachBack tb = score_explanation(
      "Peak at \xE2\x88\x92"
      "0,4 dBTP, -14 LUFS, 3-4 dB in the v2 mp3. Then 12.5.",
      kLoud, r);
  BOOST_TEST(tb.numbers_cited == Strings({"\xE2\x88\x92"
                                          "0,4",
                                          "-14", "3", "4", "12.5"}),
             tt::per_element());
  // −0,4 is -0.4: |-0.4 - -0.43| = 0.03 <= 0.15, the true peak; -14 is within max(0.15, 0.02 *
  // 14.26 = 0.285) of -14.26, the loudness. Both loudness_mastering: numbers_share 1. Terms:
  // dbtp, lufs, true peak? no ("Peak at" alone): lufs, dbtp -> 2/3.
  BOOST_TEST(tb.metrics_matched == Strings({"loudness.true_peak_dbtp", "loudness.integrated_lufs"}),
             tt::per_element());
  BOOST_TEST(tb.terms_found == Strings({"lufs", "dbtp"}), tt::per_element());
  BOOST_TEST(tb.score == 0.5 * 2.0 / 3.0 + 0.5, tt::tolerance(1e-12));
  BOOST_TEST(tb.counts);
  BOOST_TEST(tb.summary ==
             "Uses 2 of 6 key terms (lufs, dbtp) and cites your own reading for True peak "
             "(\xE2\x88\x92"
             "0,4 dBTP).");
}

BOOST_AUTO_TEST_CASE(tolerance_and_rounding) {
  const ScoreRecord r = record();
  auto metrics = [&](const char* text) {
    return score_explanation(text, kGain, r).metrics_matched;
  };
  // 7.46: tolerance max(0.15, 0.149) = 0.15; "7" is 7.46 rounded to 0 decimals, "7.5" to 1.
  BOOST_TEST(metrics("7") == Strings({"dynamics.crest_db"}), tt::per_element());
  BOOST_TEST(metrics("7.5") == Strings({"dynamics.crest_db"}), tt::per_element());
  BOOST_TEST(metrics("7.7").empty());  // 0.24 away, rounds to neither
  // -60: tolerance 0.02 * 60 = 1.2.
  BOOST_TEST(metrics("-61.2") == Strings({"dynamics.floor_db"}), tt::per_element());
  BOOST_TEST(metrics("-61.3").empty());
  BOOST_TEST(metrics("60").empty());  // the sign counts
  // -6.08: "-6.1" (1 decimal) and "-6" (0 decimals, also 0.08 away).
  BOOST_TEST(metrics("-6.1") == Strings({"loudness.sample_peak_dbfs"}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(a_number_of_another_concept_counts_half) {
  const ScoreRecord r = record();
  // For gain staging: no key term (loudness is not one), -14.3 matches the loudness criterion
  // (loudness_mastering): numbers_share 0.5, score 0.25.
  TeachBack tb = score_explanation("My integrated loudness is -14.3", kGain, r);
  BOOST_TEST(tb.terms_found.empty());
  BOOST_TEST(tb.metrics_matched == Strings({"loudness.integrated_lufs"}), tt::per_element());
  BOOST_TEST(tb.score == 0.25, tt::tolerance(1e-12));
  BOOST_TEST(!tb.counts);
  BOOST_TEST(tb.summary ==
             "Uses none of the 6 key terms and cites your reading for Integrated loudness, another "
             "topic: quote the numbers this one is about.");
  // Two key terms with it: 0.5 * 2/3 + 0.25 = 0.583, counts.
  tb = score_explanation("Gain down so the peak is lower; loudness -14.3", kGain, r);
  BOOST_TEST(tb.score == 0.5 * 2.0 / 3.0 + 0.25, tt::tolerance(1e-12));
  BOOST_TEST(tb.counts);
}

BOOST_AUTO_TEST_CASE(hidden_criteria_are_never_confirmed) {
  ScoreRecord r = record();
  r.criteria[0].visibility = Visibility::hidden;  // the true peak
  const TeachBack tb = score_explanation("-0.4", kLoud, r);
  BOOST_TEST(tb.metrics_matched.empty());
  BOOST_TEST(tb.score == 0.0);
  BOOST_TEST(tb.summary ==
             "Uses none of the 6 key terms, but -0.4 is not among your file's readings: quote "
             "your own measurements.");
}

BOOST_AUTO_TEST_CASE(the_half_way_threshold) {
  const ScoreRecord r = record();
  // Three terms and no number: exactly 0.5, counts.
  TeachBack tb = score_explanation("Headroom so the peak does not clip.", kGain, r);
  BOOST_TEST(tb.score == 0.5);
  BOOST_TEST(tb.counts);
  BOOST_TEST(tb.summary ==
             "Uses 3 of 6 key terms (headroom, peak, clip) but names no measured number from your "
             "file: quote your own readings.");
  // Two terms, no number: 1/3, does not.
  tb = score_explanation("Headroom so the peak is fine.", kGain, r);
  BOOST_TEST(tb.score == 0.5 * 2.0 / 3.0, tt::tolerance(1e-12));
  BOOST_TEST(!tb.counts);
  // No term, one own number: exactly 0.5, counts.
  tb = score_explanation("It reads -6.1 now.", kGain, r);
  BOOST_TEST(tb.score == 0.5);
  BOOST_TEST(tb.counts);
  // More than three terms still give 1: four terms and an own number score 1.
  tb = score_explanation("Gain, headroom, peak and level: -6.08 dBFS, no clip", kGain, r);
  BOOST_TEST(tb.terms_found.size() == 6u);
  BOOST_TEST(tb.score == 1.0);
}

BOOST_AUTO_TEST_CASE(empty_text_scores_zero) {
  const ScoreRecord r = record();
  for (const char* text : {"", "  \n\t ", "!?"}) {
    const TeachBack tb = score_explanation(text, kGain, r);
    BOOST_TEST(tb.score == 0.0);
    BOOST_TEST(!tb.counts);
    BOOST_TEST(tb.concept_id == "gain_staging");
    BOOST_TEST(tb.terms_missing.size() == 6u);
    BOOST_TEST(tb.summary.find("empty") != std::string::npos, tb.summary);
  }
}

BOOST_AUTO_TEST_CASE(a_concept_without_key_terms_is_judged_on_numbers) {
  const Concept bare = concept_with("gain_staging", {});
  // term_share 0 (no terms can be found), an own number: 0.5, counts.
  const TeachBack tb = score_explanation("now at -6.1", bare, record());
  BOOST_TEST(tb.score == 0.5);
  BOOST_TEST(tb.counts);
  BOOST_TEST(tb.summary == "Cites your own reading for Peak level (-6.1 dBFS).");
  BOOST_TEST(score_explanation("no numbers", bare, record()).summary ==
             "Names no measured number from your file: quote your own readings.");
}
