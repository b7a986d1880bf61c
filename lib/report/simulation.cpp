#include "report/simulation.hpp"

#include <map>
#include <sstream>

#include "core/format.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace mixgrade {
namespace {

using learner::SimulatedStudent;
using learner::SimulationReport;

std::string profile_of(const SimulatedStudent& s) {
  return s.weak.empty() ? "(none)" : join(s.weak, " + ");
}

std::string fixed2(double v) {
  return format_fixed(v, 2);
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

SimulationVerdict judge(const SimulationReport& r, double max_ratio) {
  SimulationVerdict v;
  for (const auto& s : r.students)
    if (s.weak.size() == 1 && !s.first_step_hits) v.single_weakness_first = false;
  v.controls_not_remedial = r.remedial_for_controls == 0;
  v.evidence_everywhere = r.no_evidence.empty();
  v.ratio = r.mean_oracle > 0 ? r.mean_policy / r.mean_oracle : 0;
  v.ratio_ok = max_ratio <= 0 || v.ratio <= max_ratio;
  return v;
}

std::string simulation_text(const SimulationReport& r, const learner::ConceptGraph& graph,
                            const SimulationVerdict& v) {
  std::ostringstream os;
  const auto& o = r.options;
  os << "Simulated term: " << r.with_weakness << " students with weak concepts and "
     << (r.students.size() - static_cast<std::size_t>(r.with_weakness)) << " with none, " << o.weeks
     << " weeks, learn rate " << fixed2(o.learn_rate) << ", seed " << o.seed
     << (o.slip > 0 ? ", slip " + fixed2(o.slip) : "")
     << (o.policy.minutes_per_week > 0
             ? ", " + std::to_string(o.policy.minutes_per_week) + " minutes a week"
             : "")
     << ".\nWeek 0: every student hands in '" << r.diagnostic
     << "'; weeks to mastery count from week 1 (never: " << o.weeks + 1 << ").\n\n";

  // Per weakness profile, in the order the students came.
  struct Row {
    int n = 0;
    double policy = 0, oracle = 0, random = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Row> rows;
  for (const auto& s : r.students) {
    if (s.weak.empty()) continue;
    const std::string p = profile_of(s);
    if (!rows.contains(p)) order.push_back(p);
    Row& row = rows[p];
    ++row.n;
    row.policy += s.policy_weeks;
    row.oracle += s.oracle_weeks;
    row.random += s.random_weeks;
  }
  std::size_t width = 8;
  for (const auto& p : order) width = std::max(width, p.size() + 2);
  os << "Weeks to mastery (mean)\n"
     << pad("profile", width) << "students  policy  oracle  random\n";
  auto line = [&](const std::string& name, const Row& row) {
    os << pad(name, width) << pad(std::to_string(row.n), 10) << pad(fixed2(row.policy / row.n), 8)
       << pad(fixed2(row.oracle / row.n), 8) << fixed2(row.random / row.n) << "\n";
  };
  for (const auto& p : order) line(p, rows[p]);
  if (r.with_weakness > 0)
    line("all", Row{r.with_weakness, r.mean_policy * r.with_weakness,
                    r.mean_oracle * r.with_weakness, r.mean_random * r.with_weakness});
  os << "policy / oracle: " << fixed2(v.ratio) << (v.ratio_ok ? "" : "  (over the goal)") << "\n\n";

  os << "First next step aims at a weak concept: " << r.first_hits << " of " << r.with_weakness
     << " students\n";
  for (const auto& c : graph.concepts())
    for (const auto& s : r.students)
      if (s.weak.size() == 1 && s.weak[0] == c.id && !s.steps.empty()) {
        os << "  only " << pad(c.id, width) << "-> " << s.steps[0].assignment << " ("
           << s.steps[0].kind << ")" << (s.first_step_hits ? "" : "  MISSES") << "\n";
        break;
      }
  os << "\nStudents with no weak concept: " << r.remedial_for_controls
     << " worked examples or practice on concepts they had shown\n";
  for (const auto& s : r.students)
    if (s.weak.empty()) {
      os << "  " << s.id << ":";
      for (const auto& step : s.steps) os << " " << step.assignment;
      os << "\n";
    }
  os << "\nAssignments whose hand-in gave no evidence of their concept: ";
  if (r.no_evidence.empty()) os << "none";
  for (auto it = r.no_evidence.begin(); it != r.no_evidence.end(); ++it)
    os << (it == r.no_evidence.begin() ? "" : ", ") << it->first << " (" << it->second << "x)";
  os << "\n";
  return os.str();
}

nlohmann::ordered_json simulation_json(const SimulationReport& r, const SimulationVerdict& v) {
  nlohmann::ordered_json j;
  j["students"] = r.with_weakness;
  j["controls"] = r.students.size() - static_cast<std::size_t>(r.with_weakness);
  j["weeks"] = r.options.weeks;
  j["seed"] = r.options.seed;
  j["learn_rate"] = r.options.learn_rate;
  j["slip"] = r.options.slip;
  j["max_weak"] = r.options.max_weak;
  j["minutes_per_week"] = r.options.policy.minutes_per_week;
  j["diagnostic"] = r.diagnostic;
  j["mean_weeks"] = {{"policy", json_number(r.mean_policy, 4)},
                     {"oracle", json_number(r.mean_oracle, 4)},
                     {"random", json_number(r.mean_random, 4)}};
  j["policy_over_oracle"] = json_number(v.ratio, 4);
  j["first_step_hits"] = r.first_hits;
  j["remedial_for_controls"] = r.remedial_for_controls;
  j["no_evidence"] = r.no_evidence;
  j["ok"] = v.ok();
  auto& list = j["per_student"] = nlohmann::ordered_json::array();
  for (const auto& s : r.students) {
    nlohmann::ordered_json js;
    js["id"] = s.id;
    js["weak"] = s.weak;
    js["weeks"] = {
        {"policy", s.policy_weeks}, {"oracle", s.oracle_weeks}, {"random", s.random_weeks}};
    js["first_step_hits"] = s.first_step_hits;
    js["remedial"] = s.remedial;
    auto& steps = js["steps"] = nlohmann::ordered_json::array();
    for (const auto& st : s.steps)
      steps.push_back({{"week", st.week},
                       {"assignment", st.assignment},
                       {"concept", st.concept_id},
                       {"kind", st.kind},
                       {"minutes", st.minutes},
                       {"previous_percent", json_number(st.percent, 3)}});
    list.push_back(std::move(js));
  }
  return j;
}

}  // namespace mixgrade
