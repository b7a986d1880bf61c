#pragma once
// Parts of the mixgrade-score --json contract that both of its readers share: the learner model
// (lib/learner/score_line) and the class outputs (lib/report/score_record).
#include <string>

namespace mixgrade {

struct MisconceptionHit {
  std::string id;
  std::string concept_id;
  std::string message;
};

struct RubricRef {
  std::string id;
  std::string version;  // numbers are kept as their JSON text ("3", "1.2")
  std::string hash;
};

}  // namespace mixgrade
