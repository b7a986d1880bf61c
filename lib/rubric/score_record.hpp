#pragma once
// The one record of a graded submission. mixgrade-score writes it (to_json), and everything after
// grading reads it: the score text and Markdown pages, GitHub annotations, the learner model,
// next.md, the gradebooks, grades.json, JUnit and Gradescope. What "missed" means, which hint a
// student sees, what the learner counts as correct and how a number is shown are defined here
// once, so two pages about the same submission cannot disagree.
//
// JSON form (one object per line, `mixgrade-score --json`; fields may be added, none renamed):
//   {file, student?, assignment?, score, max_score, percent, passed, pass_mark,
//    rubric{id, version, hash, title},
//    criteria[{id, metric, value, points, max_points, status, feedback, hint, hint_level,
//              concept, pass_fraction, hints{direction, rule, apply}, visibility, unit,
//              decimals, cap_percent, capped}],
//    misconceptions[{id, concept, message}], content_hash?,
//    warnings[{kind, message}], withheld, adjustments[{kind, points, criterion?, reason}],
//    explanation?{file, text}}
// criteria[] also carry title, manual, comment and override_reason when set.
// or {file, error} for an input that could not be graded.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rubric/rubric.hpp"

namespace mixgrade {

// pass: full marks; partial: some points lost; fail: none earned (or the metric was absent and
// the rubric says that earns zero); not_applicable: the criterion does not count for this file.
enum class Status { pass, partial, fail, not_applicable };
std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);

// Escalating hints: the first miss of a criterion shows the direction, the second the rule, the
// third and later how to apply it.
enum class HintLevel { direction = 1, rule = 2, apply = 3 };
std::string_view to_string(HintLevel level);
std::optional<HintLevel> parse_hint_level(std::string_view text);
HintLevel hint_level_for_miss(int misses);  // misses counts this one: 1 -> direction

struct CriterionRecord {
  std::string id;
  std::string title;            // from the rubric; "" when it gives none (pages fall back to id)
  std::string metric;           // JSON path of the metric, "loudness.integrated_lufs"
  std::string unit;             // "LUFS", "dB", ... ("" for plain numbers)
  std::string concept_id;       // an id from rubrics/concepts.toml; "" when none
  std::optional<double> value;  // the measurement; nullopt when the metric is absent
  int decimals = 1;             // how the value is shown
  double points = 0;
  double max_points = 0;  // 0 when not applicable: it leaves the total too
  Status status = Status::fail;
  std::optional<double> pass_fraction;  // share of points the learner counts as correct
  Visibility visibility = Visibility::visible;
  std::optional<double> cap_percent;            // missing full marks caps the total at this percent
  bool capped = false;                          // the cap limited this total
  std::string feedback;                         // rendered
  Hints hints;                                  // rendered, all three levels
  HintLevel hint_level = HintLevel::direction;  // the level shown when missed
  bool manual = false;          // judged by the instructor (marks CSV), not measured
  std::string comment;          // the instructor's comment on a manual criterion
  std::string override_reason;  // set when an override CSV changed its points

  // Missed: the criterion lost points (partial or fail). A missed criterion shows its hint on
  // every page and counts as a miss for the next hint level.
  bool missed() const { return status == Status::partial || status == Status::fail; }
  bool applicable() const { return status != Status::not_applicable; }
  // Its value, feedback and hint may be shown to the student now: visible criteria only (hidden
  // ones count but are never shown, after_due_date ones only as a placeholder).
  bool shown() const { return visibility == Visibility::visible; }
  // Learner evidence (BKT): an applicable criterion is correct when it earns at least its pass
  // fraction of the points; without a pass fraction, or worth no points (a cap), when it passed.
  bool correct() const;
  // The hint text at hint_level when missed; "" otherwise.
  const std::string& hint() const;
  // "-14.2 LUFS", or "n/a" when the metric was absent.
  std::string value_text() const;
  // "12.5/30.0"
  std::string points_text() const;
};

struct MisconceptionHit {
  std::string id;
  std::string concept_id;
  std::string message;  // rendered
};

// Why an upload needs a human look before its grade is trusted. Each comes with one sentence
// (message) that stderr, grades.json, "Needs a look" and the student page all show.
enum class SuspectKind { cut_off, silent, too_short, below_spec, several_files };
std::string_view to_string(SuspectKind kind);
std::optional<SuspectKind> parse_suspect_kind(std::string_view text);
struct SuspectWarning {
  SuspectKind kind = SuspectKind::cut_off;
  std::string message;
};

// A change to the total after the criteria, shown as its own line on every page and export, so
// that criteria points + adjustment points = score everywhere (Gradescope's tests add up).
//   scaled: not-applicable criteria, the applicable points scaled to the rubric's total;
//   cap: a missed criterion capped the total; late: the late penalty; override: an instructor's
//   override of the total (criterion overrides change that criterion and set override_reason).
enum class AdjustmentKind { scaled, cap, late, override_total };
std::string_view to_string(AdjustmentKind kind);
std::optional<AdjustmentKind> parse_adjustment_kind(std::string_view text);
struct Adjustment {
  AdjustmentKind kind = AdjustmentKind::scaled;
  double points = 0;      // signed: added to the total
  std::string criterion;  // the criterion it comes from (a cap); "" otherwise
  std::string reason;     // one sentence for the page and the exports
};

// The student's teach-it-back text handed in beside the audio (mix.explain.md next to mix.wav).
// Presentation and learner evidence only: it never changes the grade or the identity.
struct Explanation {
  static constexpr std::size_t kMaxTextBytes = 8000;
  std::string file;  // the explanation file as the grader found it
  std::string text;  // valid UTF-8 (bad bytes replaced by U+FFFD), at most kMaxTextBytes

  // `bytes` made valid UTF-8 and cut to kMaxTextBytes at a character boundary.
  static Explanation from_bytes(std::string file, std::string_view bytes);
};

struct ScoreRecord {
  std::string file;
  std::string student;       // "" when the grader was not told
  std::string assignment;    // optional: the catalogue id this hand-in answers
  std::string content_hash;  // "sha256:<hex>" when the grader hashed the file; "" otherwise
  double score = 0;
  double max_score = 0;
  double percent = 0;  // of max_score; 0 when no criterion applies
  bool passed = false;
  double pass_mark = 60;
  RubricIdentity rubric;
  std::string rubric_title;
  std::vector<CriterionRecord> criteria;
  std::vector<MisconceptionHit> misconceptions;
  std::vector<SuspectWarning> warnings;    // suspect upload: never passed silently
  bool withheld = false;                   // grade not released (a cut-off upload): blank cell
  std::vector<Adjustment> adjustments;     // in the order applied
  std::optional<Explanation> explanation;  // teach-it-back text, when one was handed in

  // What makes two records the same submission: the audio content (content_hash, else the file
  // name plus what was graded: score, values, points and statuses) under the same rubric id,
  // version and hash. Feedback and hints are presentation and do not count.
  std::string identity() const;
  // Every missed criterion shows `level`.
  void set_hint_level(HintLevel level);
};

// The outcome of one input: a record, or the reason there is none.
struct ScoreOutcome {
  std::string file;
  std::optional<ScoreRecord> record;
  std::string error;  // set exactly when record is empty
};

nlohmann::ordered_json to_json(const ScoreRecord& record);
nlohmann::ordered_json to_json(const ScoreOutcome& outcome);

// Reads one object. {file, error} gives an outcome with that error. An object that breaks the
// contract throws InputError(source, "field 'criteria[2].points' is missing"): a scoring bug is
// never silently graded as zero.
ScoreOutcome parse_score(const nlohmann::json& j, const std::string& source);
// The same from one line of text ("not valid JSON (...)" for a line that is not JSON).
ScoreOutcome parse_score_line(const std::string& line, const std::string& source);

}  // namespace mixgrade
