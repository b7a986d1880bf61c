#include "report/next_step.hpp"

#include <fmt/format.h>
#include <ctime>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/json.hpp"
#include "learner/policy.hpp"
#include "report/concept_map.hpp"
#include "report/markdown_cell.hpp"
#include "report/student_page.hpp"

namespace mixgrade {
namespace {

using namespace learner;

std::string pct(double p) {
  return format_fixed(p * 100.0, 0) + " %";
}

std::string ordinal_miss(int misses) {
  return misses <= 1 ? "first miss" : misses == 2 ? "second miss" : "third miss or later";
}

std::string concept_title(const ConceptGraph& graph, const std::string& id) {
  const Concept* c = graph.find(id);
  return c ? c->title : id;
}

std::string criterion_title(const CriterionRecord& c) {
  return c.title.empty() ? c.id : c.title;
}

void submission_markdown(std::string& md, const Outcome& o, const ConceptGraph& graph) {
  const ScoreRecord& s = o.submission;
  // The file's own name: the student never sees the instructor's folders.
  md += "## " + std::filesystem::path(s.file).filename().string() + "\n\n";
  md += "Rubric `" + s.rubric.id + "` version " + s.rubric.version + ": **" +
        format_fixed(s.score, 1) + " / " + format_fixed(s.max_score, 1) + "** (" +
        format_fixed(s.percent, 1) + " %), " + (s.passed ? "passed" : "below the pass mark") +
        ".\n";
  if (o.duplicate)
    md += "\nThis exact submission was already recorded; it was not counted a second time.\n";
  // The same rows as feedback.md (one page model): hidden criteria count but are not shown.
  const StudentPage page = build_student_page(s);
  md += "\n| Criterion | Measured | Points | Result |\n|---|---|---:|---|\n";
  for (std::size_t i = 0; i < page.rows.size(); ++i)
    md += "| " + markdown_cell(page.rows[i].title) + " | " + markdown_cell(page.rows[i].measured) +
          " | " + page.rows[i].points + " | " + page.row_results[i] + " |\n";
  for (const auto& t : page.placeholders)
    md += "| " + markdown_cell(t) + " | shown after the due date | | |\n";
  md += "\n### Feedback\n\n";
  for (const auto& c : s.criteria) {
    if (!c.shown() || (c.feedback.empty() && !c.missed())) continue;
    md += "- **" + criterion_title(c) + "**: " + c.feedback + "\n";
    if (c.missed() && !c.hint().empty())
      md += "  - Hint (" + std::string(to_string(c.hint_level)) + ", " +
            ordinal_miss(o.misses.contains(c.id) ? o.misses.at(c.id)
                                                 : static_cast<int>(c.hint_level)) +
            "): " + c.hint() + "\n";
    if (c.missed()) {
      if (const std::string look = look_cue(c.metric); !look.empty())
        md += "  - Where to look: " + look + "\n";
      if (const std::string ignore = ignore_cue(c.metric); !ignore.empty())
        md += "  - What to ignore here: " + ignore + "\n";
    }
  }
  if (!s.misconceptions.empty()) {
    md += "\n### Worth rethinking\n\n";
    for (const auto& m : s.misconceptions)
      md += "- **" + concept_title(graph, m.concept_id) + "**: " + m.message + "\n";
  }
  if (!o.changes.empty()) {
    md += "\n### Mastery changes\n\n";
    for (const auto& ch : o.changes)
      md += "- " + concept_title(graph, ch.concept_id) + ": " + pct(ch.before) + " → " +
            pct(ch.after) + "\n";
  }
  md += "\n";
}

}  // namespace

void write_next_step(const std::filesystem::path& dir, const std::vector<Outcome>& outcomes,
                     const ConceptGraph& graph) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create folder: " + ec.message());
  const std::string dot = concept_map_dot(outcomes.back().state, graph);
  write_file_atomically(dir / "concept-map.dot", dot);
  write_file_atomically(dir / "concept-map.svg", render_svg(dot));
  write_file_atomically(dir / "next.json",
                        dump_json(next_step_json(outcomes, graph, "concept-map.svg"), 2) + "\n");
  // next.md last: its presence says the folder is complete.
  write_file_atomically(dir / "next.md", next_step_markdown(outcomes, graph, "concept-map.svg"));
}

std::string iso_utc(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string teach_back_sentence(const Outcome& o) {
  if (!o.teach_back || !o.submission.explanation) return "";
  const TeachBack& tb = *o.teach_back;
  return "Your explanation (" +
         std::filesystem::path(o.submission.explanation->file).filename().string() +
         "): " + tb.summary + " Score " + format_fixed(tb.score * 100.0, 0) + " %" +
         (tb.counts ? ", counted as (weak) evidence that you understand it."
                    : "; below 50 % it counts for little: name the ideas and quote your own "
                      "measured numbers.");
}

std::string teach_back_prompt(const Outcome& o, const ConceptGraph& graph) {
  const Concept& focus =
      graph.at(o.next.concept_id.empty() ? graph.concepts().front().id : o.next.concept_id);
  return "Before you start, explain **" + focus.title +
         "** in your own words, as if to a classmate who missed the lesson: what it is, how you "
         "would hear or measure a problem with it in your own mix, and one thing you would change "
         "next time, quoting the numbers mixgrade measured in your file. Three or four sentences "
         "are enough: save them as explain.md beside your next hand-in.";
}

std::string next_step_markdown(const std::vector<Outcome>& outcomes, const ConceptGraph& graph,
                               const std::string& map_file) {
  const Outcome& last = outcomes.back();
  std::string md = "# Next step for " + last.student + "\n\n";
  for (const auto& o : outcomes) submission_markdown(md, o, graph);

  md += "## Where you stand\n\n| Concept | Mastery | Status |\n|---|---:|---|\n";
  for (const auto& cs : last.state.concepts)
    md += "| " + concept_title(graph, cs.concept_id) + " | " + pct(cs.p_known) + " | " +
          std::string(to_string(concept_status(last.state, graph, cs.concept_id))) + " |\n";
  md += "\nMastered means at least " + pct(graph.mastery_threshold()) + ".\n\n";

  const NextStep& next = last.next;
  if (next.assignment) {
    const Assignment& a = *next.assignment;
    md += "## Your next assignment: " + a.title + "\n\n";
    md += "*" + std::string(to_string(a.kind)) + " · " + concept_title(graph, a.concept_id) +
          " · difficulty " + std::to_string(a.difficulty) + " · " + a.context + " · about " +
          std::to_string(a.estimated_minutes) + " minutes · graded with rubric `" + a.rubric +
          "`*\n\n";
    md += "Why this one: " + next.reason + ".\n\n" + a.instructions;
    if (md.back() != '\n') md += "\n";
    md += "\n";
  }
  md += "## Concept map\n\n![Your concept map](" + map_file +
        ")\n\nGreen is mastered, red is just started; a bold outline means ready to learn now, a "
        "dashed one means a prerequisite still needs work first.\n\n";
  md += "## Teach it back\n\n";
  if (last.teach_back) md += teach_back_sentence(last) + "\n\n";
  md += teach_back_prompt(last, graph) + "\n";
  return md;
}

nlohmann::ordered_json next_step_json(const std::vector<Outcome>& outcomes,
                                      const ConceptGraph& graph, const std::string& map_file) {
  using nlohmann::ordered_json;
  const Outcome& last = outcomes.back();
  ordered_json j;
  j["student"] = last.student;
  ordered_json subs = ordered_json::array();
  for (const auto& o : outcomes) {
    ordered_json s;
    s["file"] = o.submission.file;
    // Names the attempt the same way in every history (row ids differ between a slice's history
    // and the merged class history); a re-run compares it to keep the page (batch/student.cpp).
    s["content_hash"] = o.submission.content_hash;
    s["duplicate"] = o.duplicate;
    s["context"] = o.context;
    s["rubric"] = {{"id", o.submission.rubric.id},
                   {"version", o.submission.rubric.version},
                   {"hash", o.submission.rubric.hash}};
    s["score"] = json_number(o.submission.score, 3);
    s["max_score"] = json_number(o.submission.max_score, 3);
    s["percent"] = json_number(o.submission.percent, 3);
    s["passed"] = o.submission.passed;
    ordered_json criteria = ordered_json::array();
    for (const auto& cr : o.submission.criteria) {
      if (cr.visibility == Visibility::hidden) continue;  // as on the student's pages
      ordered_json c;
      c["id"] = cr.id;
      if (!cr.shown()) {  // after the due date: a placeholder, as in next.md
        c["visibility"] = to_string(cr.visibility);
        criteria.push_back(c);
        continue;
      }
      c["concept"] = cr.concept_id;
      c["status"] = to_string(cr.status);
      c["points"] = json_number(cr.points, 3);
      c["max_points"] = json_number(cr.max_points, 3);
      c["correct"] = cr.correct();
      c["feedback"] = cr.feedback;
      c["hint_level"] = cr.missed() ? ordered_json(to_string(cr.hint_level)) : nullptr;
      c["hint"] = cr.missed() ? ordered_json(cr.hint()) : nullptr;
      criteria.push_back(c);
    }
    s["criteria"] = criteria;
    ordered_json mis = ordered_json::array();
    for (const auto& m : o.submission.misconceptions)
      mis.push_back({{"id", m.id}, {"concept", m.concept_id}, {"message", m.message}});
    s["misconceptions"] = mis;
    ordered_json changes = ordered_json::array();
    for (const auto& ch : o.changes)
      changes.push_back({{"concept", ch.concept_id},
                         {"before", json_number(ch.before, 4)},
                         {"after", json_number(ch.after, 4)}});
    s["mastery_changes"] = changes;
    if (const auto& tb = o.teach_back)
      s["teach_back"] = {{"file", o.submission.explanation->file},
                         {"concept", tb->concept_id},
                         {"terms_found", tb->terms_found},
                         {"terms_missing", tb->terms_missing},
                         {"numbers_cited", tb->numbers_cited},
                         {"metrics_matched", tb->metrics_matched},
                         {"score", json_number(tb->score, 3)},
                         {"counts", tb->counts},
                         {"summary", tb->summary}};
    subs.push_back(s);
  }
  j["submissions"] = subs;
  j["mastery"] = student_json({last.state, {}, std::nullopt}, graph)["concepts"];
  if (const Assignment* a = last.next.assignment) {
    j["next"] = {{"assignment", a->id},
                 {"title", a->title},
                 {"concept", a->concept_id},
                 {"kind", std::string(to_string(a->kind))},
                 {"difficulty", a->difficulty},
                 {"context", a->context},
                 {"estimated_minutes", a->estimated_minutes},
                 {"rubric", a->rubric},
                 {"reason", last.next.reason}};
  } else {
    j["next"] = nullptr;
  }
  j["concept_map"] = map_file;
  return j;
}

nlohmann::ordered_json student_json(const StudentReport& report, const ConceptGraph& graph) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["student"] = report.state.student;
  ordered_json concepts = ordered_json::array();
  for (const auto& cs : report.state.concepts) {
    concepts.push_back(
        {{"concept", cs.concept_id},
         {"title", graph.at(cs.concept_id).title},
         {"p_known", json_number(cs.p_known, 4)},
         {"status", std::string(to_string(concept_status(report.state, graph, cs.concept_id)))},
         {"opportunities", cs.opportunities},
         {"correct", cs.correct},
         {"last_practised", cs.last_practised_at == 0
                                ? ordered_json(nullptr)
                                : ordered_json(iso_utc(cs.last_practised_at))},
         {"contexts", cs.contexts},
         {"misconception_repeats", cs.misconception_repeats}});
  }
  j["concepts"] = concepts;
  ordered_json subs = ordered_json::array();
  // Attempts are numbered in order (the database's row ids differ between histories that hold the
  // same attempts, such as a merged class history).
  for (std::size_t attempt = 1; const auto& s : report.submissions)
    subs.push_back({{"attempt", attempt++},
                    {"file", s.file},
                    {"rubric", s.rubric_id},
                    {"rubric_version", s.rubric_version},
                    {"context", s.context},
                    {"score", json_number(s.score, 3)},
                    {"max_score", json_number(s.max_score, 3)},
                    {"passed", s.passed},
                    {"submitted_at", iso_utc(s.submitted_at)}});
  j["submissions"] = subs;
  if (report.last_issued)
    j["next"] = {{"assignment", report.last_issued->assignment_id},
                 {"concept", report.last_issued->concept_id},
                 {"kind", report.last_issued->kind},
                 {"reason", report.last_issued->reason},
                 {"issued_at", iso_utc(report.last_issued->issued_at)}};
  else
    j["next"] = nullptr;
  return j;
}

std::string student_table(const StudentReport& report, const ConceptGraph& graph,
                          const Catalogue& catalogue) {
  std::string out =
      fmt::format("Student {}: {} submission(s)\n\n{:<40} {:>8}  {:<9} {:>5}  {:<20} {}\n",
                  report.state.student, report.submissions.size(), "concept", "mastery", "status",
                  "right", "last practised", "contexts");
  for (const auto& cs : report.state.concepts) {
    std::string contexts;
    for (const auto& c : cs.contexts) contexts += (contexts.empty() ? "" : "; ") + c;
    out +=
        fmt::format("{:<40} {:>8}  {:<9} {:>5}  {:<20} {}\n", graph.at(cs.concept_id).title,
                    pct(cs.p_known), to_string(concept_status(report.state, graph, cs.concept_id)),
                    fmt::format("{}/{}", cs.correct, cs.opportunities),
                    cs.last_practised_at ? iso_utc(cs.last_practised_at) : "never", contexts);
  }
  if (report.last_issued) {
    const Assignment* a = catalogue.find(report.last_issued->assignment_id);
    out += "\nNext: " + report.last_issued->assignment_id +
           (a ? " (" + a->title + ")" : std::string()) + ", " + report.last_issued->kind + "\n";
  }
  return out;
}

}  // namespace mixgrade
