#include "rubric/condition.hpp"

#include <muParser.h>

#include <array>
#include <cctype>
#include <cmath>
#include <map>

#include "rubric/metric_path.hpp"

namespace mixgrade {
namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// muparser's built-in functions (mu::Parser::InitFun); anything else bare is a typo.
constexpr std::array kFunctions = {"sin",  "cos",  "tan",   "asin",  "acos",  "atan", "sinh",
                                   "cosh", "tanh", "asinh", "acosh", "atanh", "log2", "log10",
                                   "log",  "ln",   "exp",   "sqrt",  "sign",  "rint", "abs",
                                   "sum",  "avg",  "min",   "max"};

bool is_function(std::string_view name) {
  for (std::string_view f : kFunctions)
    if (f == name) return true;
  return false;
}

// The generated variable for metric number `index`, padded with '_' to `length` characters.
std::string variable_name(std::size_t index, std::size_t length) {
  std::string name = "m" + std::to_string(index);
  if (name.size() < length) name.append(length - name.size(), '_');
  return name;
}

// Parses and evaluates `condition` with the given values (one per metric).
double run(const CompiledCondition& condition, std::vector<double>& values) {
  mu::Parser parser;
  for (std::size_t i = 0; i < condition.metrics.size(); ++i)
    parser.DefineVar(variable_name(i, condition.metrics[i].size()), &values[i]);
  parser.SetExpr(condition.expression);
  return parser.Eval();
}

}  // namespace

ConditionCompilation compile_condition(std::string_view text,
                                       const std::function<bool(std::string_view)>& is_metric) {
  CompiledCondition out;
  out.expression = std::string(text);
  std::map<std::string, std::size_t, std::less<>> index;
  std::size_t i = 0;
  int depth = 0;  // parentheses: commas belong inside function calls such as min(a, b)
  while (i < text.size()) {
    const char c = text[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    // muparser evaluates "a, b" as b: a stray comma would silently drop the first part.
    if (c == ',' && depth <= 0)
      return {std::nullopt,
              ConditionProblem{i, "\",\" outside a function call; join conditions with && or ||"}};
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < text.size() && std::isdigit(text[i + 1]))) {
      // A number, with an optional exponent: not a name even though it may hold a '.'.
      while (i < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
      if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      }
      continue;
    }
    if (c == '"') return {std::nullopt, ConditionProblem{i, "text strings are not allowed"}};
    if (c == '=' &&
        (i == 0 || std::string_view("<>!=").find(text[i - 1]) == std::string_view::npos) &&
        (i + 1 >= text.size() || text[i + 1] != '='))
      return {std::nullopt, ConditionProblem{i, "\"=\" assigns; compare with \"==\""}};
    if (!name_start(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && (name_char(text[i]) || text[i] == '.')) ++i;
    const std::string_view name = text.substr(start, i - start);
    if (name.find('.') == std::string_view::npos) {
      if (is_function(name)) continue;
      return {std::nullopt,
              ConditionProblem{start, "unknown name \"" + std::string(name) +
                                          "\"; conditions use metric paths such as "
                                          "loudness.integrated_lufs and functions such as abs()"}};
    }
    if (!is_metric(name))
      return {std::nullopt, ConditionProblem{start, "unknown metric \"" + std::string(name) + "\"",
                                             std::string(name)}};
    auto [it, added] = index.try_emplace(std::string(name), out.metrics.size());
    if (added) out.metrics.emplace_back(name);
    out.expression.replace(start, name.size(), variable_name(it->second, name.size()));
  }
  try {
    std::vector<double> zeros(out.metrics.size(), 0.0);
    run(out, zeros);
  } catch (const mu::Parser::exception_type& e) {
    const auto pos = e.GetPos() < 0 ? std::size_t{0} : static_cast<std::size_t>(e.GetPos());
    // muparser quotes the tokens it saw; show the instructor's metric paths, not ours.
    std::string message = e.GetMsg();
    for (std::size_t m = 0; m < out.metrics.size(); ++m) {
      const std::string generated = variable_name(m, out.metrics[m].size());
      for (auto at = message.find(generated); at != std::string::npos;
           at = message.find(generated, at + generated.size()))
        message.replace(at, generated.size(), out.metrics[m]);
    }
    return {std::nullopt, ConditionProblem{std::min(pos, text.size()), message}};
  }
  return {std::move(out), std::nullopt};
}

std::optional<bool> evaluate_condition(const CompiledCondition& condition,
                                       const nlohmann::ordered_json& analysis) {
  std::vector<double> values;
  for (const auto& path : condition.metrics) {
    const auto v = resolve_metric(analysis, path);
    if (!v) return std::nullopt;
    values.push_back(*v);
  }
  const double result = run(condition, values);
  return !std::isnan(result) && result != 0.0;
}

}  // namespace mixgrade
