#include "learner/simulate.hpp"

#include <algorithm>
#include <random>
#include <set>

#include "core/error.hpp"
#include "learner/history.hpp"
#include "learner/tracker.hpp"
#include "rubric/score.hpp"

namespace mixgrade::learner {
namespace {

using Known = std::set<std::string, std::less<>>;

// Uniform [0, 1) from the top 53 bits: std::mt19937_64's output is fixed by the standard, this
// conversion is too, so a seed gives the same term on every platform.
double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// One measured value inside full marks, one where the criterion earns nothing.
double pass_value(const Criterion& c) {
  const auto& r = c.full_marks;
  if (r.min && r.max)
    return c.target && *c.target >= *r.min && *c.target <= *r.max ? *c.target
                                                                  : (*r.min + *r.max) / 2.0;
  return r.min ? *r.min : r.max ? *r.max : 0.0;
}
double fail_value(const Criterion& c) {
  const auto& r = c.full_marks;
  const double beyond = c.falloff.distance + 1.0;
  return r.max ? *r.max + beyond : r.min ? *r.min - beyond : 0.0;
}

void set_path(nlohmann::ordered_json& j, const std::string& path, double value) {
  nlohmann::ordered_json* at = &j;
  std::size_t start = 0;
  for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    at = &(*at)[path.substr(start, dot - start)];
  (*at)[path.substr(start)] = value;
}

// The hand-in of a student who knows `known`, graded as mixgrade-score --from-json grades it.
ScoreRecord hand_in(const Rubric& rubric, const Known& known, const std::string& file,
                    const std::string& assignment) {
  nlohmann::ordered_json analysis;
  analysis["file"] = file;
  GradeInputs inputs;
  for (const Criterion& c : rubric.criteria) {
    const bool ok = c.concept_id.empty() || known.contains(c.concept_id);
    if (c.manual)
      inputs.marks[c.id] = {ok ? c.points : 0.0, ok ? "" : "Needs work."};
    else
      set_path(analysis, c.metric, ok ? pass_value(c) : fail_value(c));
  }
  ScoreRecord record = score_analysis(rubric, analysis, inputs);
  for (const auto& r : record.criteria) {
    const bool ok = known.contains(r.concept_id);
    if (!r.concept_id.empty() && r.correct() != ok)
      throw InputError(rubric.file, "simulate: cannot synthesise a " +
                                        std::string(ok ? "passing" : "failing") +
                                        " value for criterion '" + r.id + "'");
  }
  record.file = file;
  record.assignment = assignment;
  record.content_hash = "sha256:simulated:" + file;  // one attempt per simulated hand-in
  return record;
}

const Rubric& rubric_of(const std::vector<Rubric>& rubrics, const Assignment& a) {
  for (const Rubric& r : rubrics)
    if (r.identity.id == a.rubric) return r;
  throw InputError(a.source, "simulate: assignment '" + a.id + "' names rubric '" + a.rubric +
                                 "', which the course does not have");
}

// The weakness profiles in turn: each concept alone, then each pair, then each triple when
// max_weak is 3 (graph order).
std::vector<std::vector<std::string>> profiles(const ConceptGraph& graph, int max_weak) {
  std::vector<std::vector<std::string>> out;
  const auto& cs = graph.concepts();
  for (const auto& c : cs) out.push_back({c.id});
  for (std::size_t i = 0; i < cs.size() && max_weak >= 2; ++i)
    for (std::size_t j = i + 1; j < cs.size(); ++j) out.push_back({cs[i].id, cs[j].id});
  for (std::size_t i = 0; i < cs.size() && max_weak >= 3; ++i)
    for (std::size_t j = i + 1; j < cs.size(); ++j)
      for (std::size_t k = j + 1; k < cs.size(); ++k) out.push_back({cs[i].id, cs[j].id, cs[k].id});
  return out;
}

// What a hand-in shows: the known concepts, less those the student slips on this week.
Known shown(const Known& known, double slip, std::mt19937_64& rng) {
  if (slip <= 0) return known;
  Known out;
  for (const auto& id : known)
    if (uniform(rng) >= slip) out.insert(id);
  return out;
}

// A random stream per student: FNV-1a over the id from `seed`, the same on every platform.
std::uint64_t stream_of(std::uint64_t seed, const std::string& id) {
  for (char ch : id) seed = (seed ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
  return seed;
}

// The learning draws of one student: the k-th attempt at concept c uses draws[c][k] in every arm.
struct Student {
  std::string id;
  std::vector<std::string> weak;
  std::map<std::string, std::vector<double>> draws;
};

struct Arm {
  Known known;
  std::map<std::string, int> attempts;
  int learned_in = 0;  // week the last weak concept was learned; 0 not yet
};

Arm start(const ConceptGraph& graph, const Student& s) {
  Arm arm;
  for (const auto& c : graph.concepts())
    if (std::find(s.weak.begin(), s.weak.end(), c.id) == s.weak.end()) arm.known.insert(c.id);
  return arm;
}

bool ready(const ConceptGraph& graph, const Arm& arm, const std::string& id) {
  const auto& pre = graph.at(id).prerequisites;
  return std::all_of(pre.begin(), pre.end(), [&](auto& p) { return arm.known.contains(p); });
}

// A week spent on `concept_id`: the student may learn it.
void work_on(const ConceptGraph& graph, const Student& s, Arm& arm, const std::string& concept_id,
             int week, double rate) {
  if (concept_id.empty() || arm.known.contains(concept_id) || !ready(graph, arm, concept_id))
    return;
  const int k = arm.attempts[concept_id]++;
  const auto& draws = s.draws.at(concept_id);
  if (k < static_cast<int>(draws.size()) && draws[k] < rate) arm.known.insert(concept_id);
  if (arm.known.size() == graph.concepts().size() && arm.learned_in == 0) arm.learned_in = week;
}

int weeks_of(const Arm& arm, const Student& s, int weeks) {
  if (s.weak.empty()) return 0;
  return arm.learned_in > 0 ? arm.learned_in : weeks + 1;
}

}  // namespace

SimulationReport simulate_term(const ConceptGraph& graph, const Catalogue& catalogue,
                               const std::vector<Rubric>& rubrics, const SimulationOptions& o) {
  SimulationReport report;
  report.options = o;
  const Assignment* diagnostic = nullptr;
  if (!o.entry.empty()) {
    diagnostic = catalogue.find(o.entry);
    if (!diagnostic)
      throw InputError("--entry", "simulate: no assignment '" + o.entry + "' in the catalogue");
  }
  for (const Assignment& a : catalogue.assignments())
    if (a.kind == AssignmentKind::diagnostic && !diagnostic) diagnostic = &a;
  if (!diagnostic)
    throw InputError("assignments",
                     "simulate: the catalogue has no diagnostic assignment "
                     "(kind = \"diagnostic\") for week 0; give --entry ID");
  report.diagnostic = diagnostic->id;

  std::mt19937_64 rng(o.seed);
  std::vector<Student> students;
  const auto all = profiles(graph, o.max_weak);
  for (int i = 0; i < o.students + o.controls; ++i) {
    Student s;
    const bool control = i >= o.students;
    s.id = control ? "control" + std::to_string(i - o.students + 1)
                   : "s" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
    if (!control) s.weak = all[static_cast<std::size_t>(i) % all.size()];
    for (const auto& c : graph.concepts())
      for (int k = 0; k <= o.weeks; ++k) s.draws[c.id].push_back(uniform(rng));
    students.push_back(std::move(s));
  }

  std::int64_t now = 1'700'000'000;
  History history = History::open(":memory:", [&now] { return now; });
  const auto& concepts = graph.concepts();
  double sum_policy = 0, sum_oracle = 0, sum_random = 0;
  for (const Student& s : students) {
    SimulatedStudent out;
    out.id = s.id;
    out.weak = s.weak;

    // The policy, through the real rubrics, history and policy.
    Arm policy = start(graph, s);
    std::mt19937_64 slip_rng(stream_of(o.seed + 1, s.id));
    std::string file = "sim/" + s.id + "/week-0.wav";
    Outcome outcome =
        record_submission(history,
                          hand_in(rubric_of(rubrics, *diagnostic),
                                  shown(policy.known, o.slip, slip_rng), file, diagnostic->id),
                          s.id, graph, catalogue, o.policy);
    for (int week = 1; week <= o.weeks; ++week) {
      now += 7 * 24 * 3600;
      const NextStep next = outcome.next;
      SimulatedStep step{week,
                         next.assignment ? next.assignment->id : "",
                         next.concept_id,
                         std::string(to_string(next.kind)),
                         next.assignment ? next.assignment->estimated_minutes : 0,
                         outcome.submission.percent};
      out.steps.push_back(step);
      if (!next.assignment) break;
      const bool weak = std::find(s.weak.begin(), s.weak.end(), next.concept_id) != s.weak.end();
      if (week == 1) out.first_step_hits = weak;
      if (!weak &&
          (next.kind == AssignmentKind::practice || next.kind == AssignmentKind::worked_example))
        ++out.remedial;
      work_on(graph, s, policy, next.concept_id, week, o.learn_rate);
      file = "sim/" + s.id + "/week-" + std::to_string(week) + ".wav";
      ScoreRecord record =
          hand_in(rubric_of(rubrics, *next.assignment), shown(policy.known, o.slip, slip_rng), file,
                  next.assignment->id);
      const auto evidence = concept_evidence(record);
      if (std::none_of(evidence.begin(), evidence.end(),
                       [&](const Evidence& e) { return e.concept_id == next.concept_id; }))
        ++report.no_evidence[next.assignment->id];
      outcome = record_submission(history, record, s.id, graph, catalogue, o.policy);
    }
    out.policy_weeks = weeks_of(policy, s, o.weeks);

    // The oracle: the first unknown weak concept that is ready, every week.
    Arm oracle = start(graph, s);
    for (int week = 1; week <= o.weeks && oracle.known.size() < concepts.size(); ++week)
      for (const auto& c : concepts)
        if (!oracle.known.contains(c.id) && ready(graph, oracle, c.id)) {
          work_on(graph, s, oracle, c.id, week, o.learn_rate);
          break;
        }
    out.oracle_weeks = weeks_of(oracle, s, o.weeks);

    // Random: a uniformly drawn concept each week (its own stream, so the draws stay shared).
    Arm random = start(graph, s);
    std::mt19937_64 pick_rng(stream_of(o.seed, s.id));
    for (int week = 1; week <= o.weeks && random.known.size() < concepts.size(); ++week) {
      const auto i = static_cast<std::size_t>(uniform(pick_rng) * concepts.size());
      work_on(graph, s, random, concepts[std::min(i, concepts.size() - 1)].id, week, o.learn_rate);
    }
    out.random_weeks = weeks_of(random, s, o.weeks);

    if (s.weak.empty()) {
      report.remedial_for_controls += out.remedial;
    } else {
      ++report.with_weakness;
      report.first_hits += out.first_step_hits ? 1 : 0;
      sum_policy += out.policy_weeks;
      sum_oracle += out.oracle_weeks;
      sum_random += out.random_weeks;
    }
    report.students.push_back(std::move(out));
  }
  if (report.with_weakness > 0) {
    report.mean_policy = sum_policy / report.with_weakness;
    report.mean_oracle = sum_oracle / report.with_weakness;
    report.mean_random = sum_random / report.with_weakness;
  }
  return report;
}

}  // namespace mixgrade::learner
