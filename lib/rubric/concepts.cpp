#include "rubric/concepts.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/toml_fields.hpp"

namespace mixgrade {
namespace {

BktParams read_bkt(const TomlFields& fields, const BktParams& defaults) {
  BktParams p = defaults;
  auto read = [&](std::string_view key, double& target) {
    if (auto v = fields.number(key, false, false)) {
      if (!(*v > 0.0 && *v < 1.0))
        fields.fail(key, "'" + std::string(key) +
                             "' is a probability and must lie strictly "
                             "between 0 and 1 (got " +
                             std::to_string(*v) + ")");
      target = *v;
    }
  };
  read("prior", p.prior);
  read("learn", p.learn);
  read("guess", p.guess);
  read("slip", p.slip);
  if (p.guess + p.slip >= 1.0)
    fields.fail("guess",
                "guess + slip must be below 1, otherwise a correct answer would count "
                "as evidence of not knowing the concept");
  return p;
}

// Optional; each term non-empty, stored lowercased so matching can compare bytes.
std::vector<std::string> read_key_terms(const TomlFields& fields) {
  std::vector<std::string> terms = fields.strings("key_terms").value_or(std::vector<std::string>{});
  for (auto& term : terms) {
    if (term.find_first_not_of(" \t") == std::string::npos)
      fields.fail("key_terms", "'key_terms' must hold non-empty strings");
    term = ascii_lower(term);
  }
  return terms;
}

// Depth-first search for a prerequisite cycle; returns it as "a -> b -> a" or "".
std::string find_cycle(const std::map<std::string, Concept>& by_id) {
  enum class Mark { none, active, done };
  std::map<std::string, Mark> mark;
  std::vector<std::string> stack;
  std::string cycle;
  auto visit = [&](auto& self, const std::string& id) -> bool {
    mark[id] = Mark::active;
    stack.push_back(id);
    for (const auto& pre : by_id.at(id).prerequisites) {
      if (mark[pre] == Mark::active) {
        auto start = std::find(stack.begin(), stack.end(), pre);
        for (auto it = start; it != stack.end(); ++it) cycle += *it + " -> ";
        cycle += pre;
        return true;
      }
      if (mark[pre] == Mark::none && self(self, pre)) return true;
    }
    stack.pop_back();
    mark[id] = Mark::done;
    return false;
  };
  for (const auto& [id, unused] : by_id)
    if (mark[id] == Mark::none && visit(visit, id)) return cycle;
  return "";
}

// Kahn's algorithm with the ready set ordered by id.
std::vector<Concept> topological(const std::map<std::string, Concept>& by_id) {
  std::map<std::string, std::size_t> missing;
  for (const auto& [id, c] : by_id) missing[id] = c.prerequisites.size();
  std::vector<Concept> order;
  while (order.size() < by_id.size()) {
    auto next = std::find_if(missing.begin(), missing.end(), [](auto& m) { return m.second == 0; });
    const Concept& c = by_id.at(next->first);
    missing.erase(next);
    for (auto& [id, count] : missing) {
      const auto& pre = by_id.at(id).prerequisites;
      count -= static_cast<std::size_t>(std::count(pre.begin(), pre.end(), c.id));
    }
    order.push_back(c);
  }
  return order;
}

}  // namespace

ConceptGraph::ConceptGraph(std::vector<Concept> concepts, double mastery_threshold)
    : concepts_(std::move(concepts)), mastery_threshold_(mastery_threshold) {}

const Concept* ConceptGraph::find(std::string_view id) const {
  auto it = std::find_if(concepts_.begin(), concepts_.end(), [&](auto& c) { return c.id == id; });
  return it == concepts_.end() ? nullptr : &*it;
}

const Concept& ConceptGraph::at(std::string_view id) const {
  if (const Concept* c = find(id)) return *c;
  throw std::out_of_range("unknown concept '" + std::string(id) + "'");
}

ConceptGraph load_concept_graph(const std::filesystem::path& path) {
  const std::string file = path.string();
  const toml::table root = parse_toml_file(file);
  const TomlFields top(root, stop_at_first(file, "concept graph"));
  top.only_keys({"bkt_defaults", "concepts"});

  BktParams defaults;
  double mastery = 0.95;
  if (const toml::node* node = root.get("bkt_defaults")) {
    if (!node->is_table()) top.fail("bkt_defaults", "[bkt_defaults] must be a table");
    const TomlFields fields(*node->as_table(), stop_at_first(file, "[bkt_defaults]"));
    fields.only_keys({"prior", "learn", "guess", "slip", "mastery"});
    defaults = read_bkt(fields, defaults);
    if (auto m = fields.number("mastery", false, false)) {
      if (!(*m > 0.0 && *m < 1.0))
        fields.fail("mastery", "'mastery' must lie strictly between 0 and 1");
      mastery = *m;
    }
  }

  const toml::table* concepts = root["concepts"].as_table();
  if (!concepts || concepts->empty())
    throw InputError(file, "no [concepts.<id>] tables: the graph needs at least one concept");

  std::map<std::string, Concept> by_id;
  for (const auto& [key, node] : *concepts) {
    const std::string id(key.str());
    const std::string context = "concept '" + id + "'";
    if (!node.is_table()) throw_at(file, key.source(), context + " must be a table");
    const TomlFields fields(*node.as_table(), stop_at_first(file, context));
    fields.only_keys(
        {"title", "description", "prerequisites", "prior", "learn", "guess", "slip", "key_terms"});
    Concept c{.id = id,
              .title = fields.required_string("title"),
              .description = fields.required_string("description"),
              .prerequisites = fields.strings("prerequisites").value_or(std::vector<std::string>{}),
              .bkt = read_bkt(fields, defaults),
              .key_terms = read_key_terms(fields)};
    // Trim the leading newline of multi-line strings so text renders the same everywhere.
    while (!c.description.empty() && c.description.front() == '\n') c.description.erase(0, 1);
    by_id.emplace(id, std::move(c));
  }
  // Unknown prerequisites, reported at the offending array element.
  for (const auto& [key, node] : *concepts) {
    const toml::array* pre = node.as_table()->get_as<toml::array>("prerequisites");
    if (!pre) continue;
    for (const toml::node& item : *pre) {
      const std::string name = *item.value<std::string>();
      if (name == key.str())
        throw_at(file, item.source(),
                 "concept '" + std::string(key.str()) + "' lists itself as a prerequisite");
      if (!by_id.contains(name)) {
        std::string known;
        for (const auto& [id, c] : by_id) known += (known.empty() ? "" : ", ") + id;
        throw_at(file, item.source(),
                 "concept '" + std::string(key.str()) + "' has unknown prerequisite '" + name +
                     "' (known concepts: " + known + ")");
      }
    }
  }
  if (const std::string cycle = find_cycle(by_id); !cycle.empty()) {
    const std::string first = cycle.substr(0, cycle.find(' '));
    const toml::node* pre = (*concepts)[first]["prerequisites"].node();
    throw_at(file, pre ? pre->source() : concepts->source(),
             "prerequisite cycle: " + cycle + " (a concept cannot be needed before itself)");
  }
  return ConceptGraph(topological(by_id), mastery);
}

}  // namespace mixgrade
