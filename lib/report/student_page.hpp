#pragma once
// The student's page about one graded submission, as plain data: what the Markdown page (and the
// HTML page, later) shows, decided once. Built from the score record and nothing else, so the
// page cannot disagree with the gradebook: the numbers are the record's, rounded as the record
// says (the criterion's decimals), and the page never re-derives "missed".
//
// What a student reads, in order: who and which file (the file's own name, never the
// instructor's path), a verdict (or "on hold" for a withheld grade), warnings about the upload,
// the score and each adjustment with its reason, then what to work on (feedback, a plain
// sentence for each metric the first time it appears, the hint, the instructor's comment), what
// went well, what does not count for this file, misconceptions, and the next step.
#include <string>
#include <vector>

#include "rubric/score_record.hpp"

namespace mixgrade {

struct PageCriterion {
  std::string title;            // the rubric's title, else the criterion id
  std::string measured;         // "-3.4 dBTP"; "marked by your instructor" for a manual one
  std::string points;           // "11.3/15.0"
  std::string feedback;         // the rendered feedback sentence
  std::string explanation;      // the metric in plain words, on its first appearance only
  std::string hint;             // missed criteria: the hint at the level the record holds
  std::string look;             // missed criteria: which meter, which part of the song
  std::string ignore;           // missed criteria: which numbers do not matter here
  std::string comment;          // the instructor's comment (manual criteria)
  std::string override_reason;  // why the instructor changed these points
};

struct StudentPage {
  std::string title;       // "Feedback on mix.flac"
  std::string student;     // the name to show ("" when unknown)
  std::string file;        // the file's own name, no folders
  std::string assignment;  // "Mix-down for mastering (rubric `mixdown-for-mastering` 1.2)"
  bool withheld = false;   // the grade is on hold: no score, no points
  std::string verdict;     // one line: passed / below the pass mark / on hold
  std::string score;       // "88.8 / 95.0 points (93.4 %); the pass mark is 60 %"; "" if withheld
  std::vector<std::string> warnings;      // one sentence each: a suspect upload
  std::vector<std::string> adjustments;   // one line each, with points and reason
  std::vector<PageCriterion> rows;        // every shown criterion, rubric order, for the table
  std::vector<std::string> row_results;   // per row: "met", "to work on", "does not count"
  std::vector<std::string> placeholders;  // titles of after-due-date criteria
  std::size_t hidden = 0;                 // criteria that count but are not shown
  std::vector<PageCriterion> to_work_on;  // missed, rubric order
  std::vector<PageCriterion> met;
  std::vector<PageCriterion> not_applicable;  // own section, never shown as a success
  std::vector<std::string> misconceptions;
  std::string teach_back;           // "" when no explanation was handed in
  std::string next_step;            // "" when there is none
  std::string teach_back_prompt{};  // what to explain next time ("" without a learner model)
};

struct PageContext {
  std::string student_name;  // roster name ("Last, First" is shown "First Last"), else LMS name
  std::string next_step;     // one or two sentences; "" for none
  std::string teach_back{};  // how the explanation handed in was read; "" without one
  std::string teach_back_prompt{};  // the teach-it-back prompt of the next step; "" for none
};

StudentPage build_student_page(const ScoreRecord& record, const PageContext& context = {});
std::string student_page_markdown(const StudentPage& page);

// The page for a file that could not be graded: its own name, the reason, what to do.
std::string unreadable_page_markdown(const std::string& file, const std::string& reason);

// "Okafor, Nkechi" -> "Nkechi Okafor"; any other form unchanged.
std::string display_name(const std::string& roster_name);

// The metric in one plain sentence (the metric table's "plain:" text), "" when there is none.
std::string plain_explanation(const std::string& metric);
// The metric table's cues for a missed criterion ("" when it has none): where to look, and what
// to ignore.
std::string look_cue(const std::string& metric);
std::string ignore_cue(const std::string& metric);

}  // namespace mixgrade
