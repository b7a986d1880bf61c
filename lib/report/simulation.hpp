#pragma once
// The simulated term (learner/simulate.hpp) as an instructor reads it, and as JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "learner/concepts.hpp"
#include "learner/simulate.hpp"

namespace mixgrade {

// What the run shows against its goals: every single-weakness student's first step aims at that
// weakness, no control student gets a worked example or practice, every issued assignment gave
// evidence, and (when max_ratio > 0) mean policy weeks <= max_ratio x the oracle's.
struct SimulationVerdict {
  bool single_weakness_first = true;
  bool controls_not_remedial = true;
  bool evidence_everywhere = true;
  bool ratio_ok = true;
  double ratio = 0;  // mean policy / mean oracle weeks
  bool ok() const {
    return single_weakness_first && controls_not_remedial && evidence_everywhere && ratio_ok;
  }
};
SimulationVerdict judge(const learner::SimulationReport& report, double max_ratio);

std::string simulation_text(const learner::SimulationReport& report,
                            const learner::ConceptGraph& graph, const SimulationVerdict& verdict);
nlohmann::ordered_json simulation_json(const learner::SimulationReport& report,
                                       const SimulationVerdict& verdict);

}  // namespace mixgrade
