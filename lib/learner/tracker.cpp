#include "learner/tracker.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "learner/bkt.hpp"

namespace mixgrade::learner {
namespace {

// The assignment a submission answers: the one it names, else the latest assignment issued to the
// student that this rubric grades; nullptr when neither.
const Assignment* answered(const History& history, std::int64_t student, const ScoreRecord& s,
                           const Catalogue& catalogue) {
  if (!s.assignment.empty()) {
    const Assignment* a = catalogue.find(s.assignment);
    if (!a) throw InputError(s.file, "unknown assignment '" + s.assignment + "'");
    return a;
  }
  if (auto last = history.last_issued(student, s.rubric.id))
    return catalogue.find(last->assignment_id);
  return nullptr;
}

void check_concepts(const ScoreRecord& s, const ConceptGraph& graph) {
  for (const auto& c : s.criteria)
    if (!c.concept_id.empty() && !graph.find(c.concept_id))
      throw InputError(s.file, "criterion '" + c.id + "' names concept '" + c.concept_id +
                                   "', which the concept graph does not define");
  for (const auto& m : s.misconceptions)
    if (!m.concept_id.empty() && !graph.find(m.concept_id))
      throw InputError(s.file, "misconception '" + m.id + "' names concept '" + m.concept_id +
                                   "', which the concept graph does not define");
}

// Counts one grading in the learner state, as if it were recorded now at `time`: its context, the
// hint level of each missed criterion (misses of earlier attempts + 1), BKT, misconceptions and
// the next step. A withheld grading is no evidence: it shows (and records) hints, but changes no
// mastery, misconception count or issued assignment, and is no miss for later hints.
void apply_grading(History& history, std::int64_t student_id, std::int64_t attempt,
                   std::int64_t time, const ConceptGraph& graph, const Catalogue& catalogue,
                   const PolicyOptions& options, std::optional<HintLevel> fixed_hint_level,
                   Outcome& out) {
  const ScoreRecord& submission = out.submission;
  const bool evidence = !submission.withheld;
  // The context a submission was made in: that of the assignment it answers, else the rubric.
  const Assignment* assignment = answered(history, student_id, submission, catalogue);
  out.context = assignment ? assignment->context : "rubric " + submission.rubric.id;
  history.set_context(out.submission_id, out.context);
  LearnerState state = history.load_state(student_id, out.student, graph);
  const LearnerState before = state;
  auto concept_in = [&](const std::string& id) -> ConceptState& {
    return *std::find_if(state.concepts.begin(), state.concepts.end(),
                         [&](auto& x) { return x.concept_id == id; });
  };

  for (auto& c : out.submission.criteria) {
    if (!c.missed()) continue;
    const int misses = history.misses(student_id, submission.rubric.id, c.id, attempt) + 1;
    out.misses[c.id] = misses;
    c.hint_level = fixed_hint_level.value_or(hint_level_for_miss(misses));
    // Recorded even when withheld (what the page showed); misses() skips withheld gradings.
    history.insert_hint(out.submission_id, submission.rubric.id,
                        {c.id, static_cast<int>(c.hint_level), c.hint()});
  }
  // One calibrated observation per concept (bkt.hpp bkt_observe): the share of its criteria met.
  std::set<std::string> measured, missed_concepts, explained;
  if (evidence)
    for (const Evidence& e : concept_evidence(submission)) {
      ConceptState& cs = concept_in(e.concept_id);
      cs.opportunities += e.criteria;
      cs.correct += e.met;
      cs.p_known = bkt_observe(cs.p_known, e.share(), graph.at(e.concept_id).bkt);
      ++cs.observations;
      cs.last_share = e.share();
      cs.missed_in_a_row = e.met < e.criteria ? cs.missed_in_a_row + 1 : 0;
      cs.last_practised_at = time;
      cs.last_submission_id = out.submission_id;
      measured.insert(e.concept_id);
      if (e.met < e.criteria) missed_concepts.insert(e.concept_id);
    }
  // Teach it back: the explanation of the assignment's concept, as weak evidence.
  out.teach_back.reset();
  if (submission.explanation && assignment && !assignment->concept_id.empty()) {
    const std::string& id = assignment->concept_id;
    out.teach_back = score_explanation(submission.explanation->text, graph.at(id), submission);
    if (evidence) {
      ConceptState& cs = concept_in(id);
      cs.p_known =
          bkt_observe(cs.p_known, out.teach_back->score, graph.at(id).bkt, kTeachBackWeight);
      explained.insert(id);
    }
  }
  if (evidence)
    for (const auto& m : submission.misconceptions)
      history.insert_misconception(out.submission_id, m);

  out.changes.clear();
  for (std::size_t i = 0; i < state.concepts.size(); ++i) {
    ConceptState& cs = state.concepts[i];
    const bool seen = measured.contains(cs.concept_id);
    if (!seen && !explained.contains(cs.concept_id)) continue;
    // A context counts once the concept is mastered and every one of its criteria was met there.
    if (seen && cs.p_known >= graph.mastery_threshold() &&
        !missed_concepts.contains(cs.concept_id) &&
        !std::binary_search(cs.contexts.begin(), cs.contexts.end(), out.context)) {
      cs.contexts.push_back(out.context);
      std::sort(cs.contexts.begin(), cs.contexts.end());
    }
    history.save_concept(student_id, cs);
    out.changes.push_back({cs.concept_id, before.concepts[i].p_known, cs.p_known});
  }

  // Misconception repeats include this submission; reload so the policy sees exactly the history.
  out.state = history.load_state(student_id, out.student, graph);
  out.next = choose_next(out.state, graph, catalogue, options);
  if (evidence && out.next.assignment) {
    history.insert_issued(student_id, {out.next.assignment->id, out.next.assignment->rubric,
                                       out.next.concept_id, std::string(to_string(out.next.kind)),
                                       out.next.reason, out.submission_id, time});
    ++out.state.issued_counts[out.next.assignment->id];
  }
}

// The stored hints and assignment of a grading already recorded.
Outcome rerun(const History& history, std::int64_t student_id, std::int64_t existing,
              const ConceptGraph& graph, const Catalogue& catalogue, const PolicyOptions& options,
              std::optional<HintLevel> fixed_hint_level, Outcome out) {
  out.duplicate = true;
  out.submission_id = existing;
  // The hints shown the first time, not one level further.
  for (const auto& h : history.hints(existing))
    for (auto& c : out.submission.criteria)
      if (h.criterion_id == c.id)
        c.hint_level = fixed_hint_level.value_or(static_cast<HintLevel>(std::clamp(h.level, 1, 3)));
  for (const auto& row : history.submissions(student_id))
    if (row.id == existing) out.context = row.context;
  out.state = history.load_state(student_id, out.student, graph);
  if (auto issued = history.issued_for(existing)) {
    out.next = {catalogue.find(issued->assignment_id), issued->concept_id,
                parse_assignment_kind(issued->kind).value_or(AssignmentKind::practice),
                issued->reason};
  }
  if (!out.next.assignment) out.next = choose_next(out.state, graph, catalogue, options);
  return out;
}

}  // namespace

std::vector<Evidence> concept_evidence(const ScoreRecord& submission) {
  std::vector<Evidence> out;
  for (const auto& c : submission.criteria) {
    if (!c.applicable() || c.concept_id.empty()) continue;
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Evidence& e) { return e.concept_id == c.concept_id; });
    if (it == out.end()) it = out.insert(out.end(), Evidence{c.concept_id, 0, 0});
    ++it->criteria;
    it->met += c.correct() ? 1 : 0;
  }
  return out;
}

Outcome record_submission(History& history, const ScoreRecord& submission,
                          const std::string& student, const ConceptGraph& graph,
                          const Catalogue& catalogue, const PolicyOptions& options,
                          std::optional<HintLevel> fixed_hint_level, bool force_regrade,
                          const std::function<void(const Outcome&)>& before_commit) {
  check_concepts(submission, graph);
  History::Transaction tx(history);
  Outcome out;
  out.submission = submission;
  out.student = student;
  const std::int64_t student_id = history.ensure_student(student);
  const std::string identity = submission.identity();
  const auto current = history.find_attempt(student_id, attempt_key(submission), identity);

  // A re-run: the same grading of the same attempt under the same rubric text. Rows from before
  // schema 3 kept no grading key: their identity decides, as it did then.
  if (!force_regrade && current.size() == 1 && current[0].identity == identity &&
      (current[0].grading.empty() || current[0].grading == grading_key(submission))) {
    out = rerun(history, student_id, current[0].id, graph, catalogue, options, fixed_hint_level,
                std::move(out));
    tx.commit();
    return out;
  }

  const std::int64_t now = history.now();
  if (current.empty()) {
    out.submission_id = history.insert_submission(student_id, submission, "", now);
    for (const auto& c : submission.criteria) history.insert_criterion(out.submission_id, c);
    apply_grading(history, student_id, out.submission_id, now, graph, catalogue, options,
                  fixed_hint_level, out);
    if (before_commit) before_commit(out);
    tx.commit();
    return out;
  }

  // A regrade: the new grading takes the attempt's place; the learner state is replayed from the
  // priors over the current gradings, as if each attempt had been graded once under its latest.
  out.regrade = true;
  // The attempt keeps its place and its hand-in time: only the audit row records when it was
  // superseded.
  std::int64_t attempt = current.front().attempt;
  std::int64_t handed_in = current.front().submitted_at;
  for (const auto& old : current) {
    attempt = std::min(attempt, old.attempt);
    handed_in = std::min(handed_in, old.submitted_at);
    history.retire(old.id, now);
    out.superseded.push_back(old.id);
  }
  const LearnerState before = history.load_state(student_id, student, graph);
  out.submission_id = history.insert_submission(student_id, submission, "", handed_in, attempt);
  for (const auto& c : submission.criteria) history.insert_criterion(out.submission_id, c);
  for (const auto old : out.superseded) history.supersede(old, out.submission_id);

  const auto gradings = history.active_records(student_id);
  history.clear_derived(student_id);
  Outcome regraded;
  for (const auto& g : gradings) {
    const bool this_one = g.id == out.submission_id;
    Outcome step;
    step.submission = this_one ? submission : g.record;
    step.student = student;
    step.submission_id = g.id;
    apply_grading(history, student_id, g.attempt, g.submitted_at, graph, catalogue, options,
                  this_one ? fixed_hint_level : std::nullopt, step);
    if (this_one) regraded = std::move(step);
  }
  out.submission = std::move(regraded.submission);
  out.context = regraded.context;
  out.misses = std::move(regraded.misses);
  out.next = regraded.next;
  out.state = history.load_state(student_id, student, graph);
  for (const auto& change : regraded.changes) {
    const auto* was = before.find(change.concept_id);
    const auto* now_state = out.state.find(change.concept_id);
    out.changes.push_back(
        {change.concept_id, was ? was->p_known : change.before, now_state->p_known});
  }
  if (before_commit) before_commit(out);
  tx.commit();
  return out;
}

std::optional<StudentReport> load_student(const History& history, const std::string& student,
                                          const ConceptGraph& graph) {
  const auto id = history.find_student(student);
  if (!id) return std::nullopt;
  return StudentReport{history.load_state(*id, student, graph), history.submissions(*id),
                       history.last_issued(*id)};
}

}  // namespace mixgrade::learner
