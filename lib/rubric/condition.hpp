#pragma once
// Misconception conditions ("loudness.integrated_lufs > -9 && dynamics.plr_db < 7"), evaluated
// by muparser: arithmetic, comparisons, && || and a few maths functions, nothing that can run
// code or touch files. Metric paths are not valid muparser names, so each one is replaced by a
// generated variable of the same length ("m0______________________") before muparser sees it:
// an error position muparser reports is then a position in the instructor's text.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixgrade {

struct CompiledCondition {
  std::string expression;            // the rewritten text muparser parses
  std::vector<std::string> metrics;  // metric path of variable m<i>
};

struct ConditionProblem {
  std::size_t offset = 0;  // into the condition text
  std::string message;
  std::string unknown_metric = {};  // set when the problem is a metric path not in the table
};

// Rewrites and test-parses the condition. Returns the problem instead when a dotted name is
// not a known metric, a bare name is not a muparser function, or muparser rejects the syntax.
struct ConditionCompilation {
  std::optional<CompiledCondition> condition;
  std::optional<ConditionProblem> problem;
};
ConditionCompilation compile_condition(std::string_view text,
                                       const std::function<bool(std::string_view)>& is_metric);

// True when the condition holds; nullopt when one of its metrics is absent from the analysis
// (a rule about stereo width says nothing about a mono file).
std::optional<bool> evaluate_condition(const CompiledCondition& condition,
                                       const nlohmann::ordered_json& analysis);

}  // namespace mixgrade
