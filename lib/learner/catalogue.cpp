#include "learner/catalogue.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/enum_table.hpp"
#include "core/error.hpp"
#include "core/toml_fields.hpp"

namespace mixgrade::learner {
namespace {

constexpr std::array kKindNames = {
    EnumName{AssignmentKind::worked_example, "worked_example"},
    EnumName{AssignmentKind::practice, "practice"},
    EnumName{AssignmentKind::challenge, "challenge"},
    EnumName{AssignmentKind::transfer_probe, "transfer_probe"},
    EnumName{AssignmentKind::review, "review"},
    EnumName{AssignmentKind::diagnostic, "diagnostic"},
};

Assignment read_assignment(const std::string& file, const toml::table& table,
                           const ConceptGraph& graph, const std::vector<std::string>& rubrics) {
  const std::string where = toml_where(file, table.source());
  const TomlFields id_field(table, stop_at_first(file, "assignment"));
  Assignment a;
  a.id = id_field.required_string("id");
  const TomlFields f(table, stop_at_first(file, "assignment '" + a.id + "'"));
  f.only_keys({"id", "title", "concept", "kind", "difficulty", "context", "instructions",
               "estimated_minutes", "rubric", "misconceptions"});
  a.source = where;
  a.title = f.required_string("title");
  const std::string kind = f.required_string("kind");
  auto parsed = parse_assignment_kind(kind);
  if (!parsed) f.fail("kind", "unknown kind '" + kind + "' (known: " + names_of(kKindNames) + ")");
  a.kind = *parsed;
  if (a.kind == AssignmentKind::diagnostic) {
    if (f.string("concept")) f.fail("concept", "a diagnostic measures every concept: no 'concept'");
  } else {
    a.concept_id = f.required_string("concept");
    if (!graph.find(a.concept_id)) {
      std::string known;
      for (const auto& c : graph.concepts()) known += (known.empty() ? "" : ", ") + c.id;
      f.fail("concept", "unknown concept '" + a.concept_id + "' (known: " + known + ")");
    }
  }
  a.misconceptions = f.strings("misconceptions").value_or(std::vector<std::string>{});
  const auto difficulty = f.integer("difficulty");
  if (!difficulty) f.fail("difficulty", "missing required integer 'difficulty' (1, 2 or 3)");
  if (*difficulty < 1 || *difficulty > 3) f.fail("difficulty", "'difficulty' must be 1, 2 or 3");
  a.difficulty = static_cast<int>(*difficulty);
  a.context = f.required_string("context");
  a.instructions = f.required_string("instructions");
  while (!a.instructions.empty() && a.instructions.front() == '\n') a.instructions.erase(0, 1);
  const auto minutes = f.integer("estimated_minutes");
  if (!minutes || *minutes <= 0 || *minutes > 600)
    f.fail("estimated_minutes", "'estimated_minutes' must be an integer from 1 to 600");
  a.estimated_minutes = static_cast<int>(*minutes);
  a.rubric = f.required_string("rubric");
  if (!rubrics.empty() && std::find(rubrics.begin(), rubrics.end(), a.rubric) == rubrics.end()) {
    std::string known;
    for (const auto& r : rubrics) known += (known.empty() ? "" : ", ") + r;
    f.fail("rubric", "unknown rubric '" + a.rubric + "' (rubrics found: " + known + ")");
  }
  return a;
}

void check_coverage(const std::filesystem::path& dir, const Catalogue& catalogue,
                    const ConceptGraph& graph) {
  for (const Concept& c : graph.concepts()) {
    auto missing = [&](const std::string& what) {
      throw InputError(dir.string(), "concept '" + c.id + "' has no " + what +
                                         " (every concept needs a worked example, practice at "
                                         "difficulties 1-3, a challenge, a transfer probe and a "
                                         "review)");
    };
    for (AssignmentKind kind : {AssignmentKind::worked_example, AssignmentKind::challenge,
                                AssignmentKind::transfer_probe, AssignmentKind::review})
      if (catalogue.select(c.id, kind).empty()) missing(std::string(to_string(kind)));
    const auto practice = catalogue.select(c.id, AssignmentKind::practice);
    for (int d = 1; d <= 3; ++d)
      if (std::none_of(practice.begin(), practice.end(),
                       [&](auto* a) { return a->difficulty == d; }))
        missing("practice at difficulty " + std::to_string(d));
    // A transfer probe must leave the contexts the concept is practised in.
    std::set<std::string> home;
    for (const Assignment& a : catalogue.assignments())
      if (a.concept_id == c.id && a.kind != AssignmentKind::transfer_probe) home.insert(a.context);
    for (const Assignment* probe : catalogue.select(c.id, AssignmentKind::transfer_probe))
      if (home.contains(probe->context))
        throw InputError(probe->source, "transfer probe '" + probe->id + "' uses context '" +
                                            probe->context +
                                            "', which the concept's other assignments already "
                                            "use: a probe must change instrument, genre or target");
  }
}

}  // namespace

std::string_view to_string(AssignmentKind kind) {
  return name_of(kKindNames, kind);
}

std::optional<AssignmentKind> parse_assignment_kind(std::string_view text) {
  return parse(kKindNames, text);
}

Catalogue::Catalogue(std::vector<Assignment> assignments) : assignments_(std::move(assignments)) {
  std::sort(assignments_.begin(), assignments_.end(),
            [](const Assignment& a, const Assignment& b) { return a.id < b.id; });
}

const Assignment* Catalogue::find(std::string_view id) const {
  auto it = std::lower_bound(assignments_.begin(), assignments_.end(), id,
                             [](const Assignment& a, std::string_view key) { return a.id < key; });
  return it != assignments_.end() && it->id == id ? &*it : nullptr;
}

std::vector<const Assignment*> Catalogue::select(std::string_view concept_id,
                                                 AssignmentKind kind) const {
  std::vector<const Assignment*> out;
  for (const Assignment& a : assignments_)
    if (a.concept_id == concept_id && a.kind == kind) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(),
                   [](auto* a, auto* b) { return a->difficulty < b->difficulty; });
  return out;
}

bool measures(const Rubric& rubric, std::string_view concept_id) {
  return std::any_of(rubric.criteria.begin(), rubric.criteria.end(),
                     [&](const Criterion& c) { return c.concept_id == concept_id; });
}

std::vector<std::string> evidence_problems(const Catalogue& catalogue, const ConceptGraph& graph,
                                           const std::vector<Rubric>& rubrics) {
  std::vector<std::string> out;
  auto rubric = [&](const std::string& id) -> const Rubric* {
    for (const Rubric& r : rubrics)
      if (r.identity.id == id) return &r;
    return nullptr;
  };
  for (const Assignment& a : catalogue.assignments()) {
    const Rubric* r = rubric(a.rubric);
    if (!r) {
      out.push_back(a.source + ": assignment '" + a.id + "' names rubric '" + a.rubric +
                    "', which the course does not have");
    } else if (a.kind == AssignmentKind::diagnostic) {
      for (const Concept& c : graph.concepts())
        if (!measures(*r, c.id))
          out.push_back(a.source + ": diagnostic '" + a.id + "': rubric '" + a.rubric +
                        "' has no criterion for concept '" + c.id + "'");
    } else if (!measures(*r, a.concept_id)) {
      out.push_back(a.source + ": assignment '" + a.id + "' teaches " + a.concept_id +
                    " but its rubric '" + a.rubric +
                    "' has no criterion for it: its hand-in gives no evidence (add a criterion "
                    "or a manual criterion with concept = \"" +
                    a.concept_id + "\", or grade it with another rubric)");
    }
  }
  for (const Concept& c : graph.concepts())
    if (std::none_of(rubrics.begin(), rubrics.end(),
                     [&](const Rubric& r) { return measures(r, c.id); }))
      out.push_back("concept '" + c.id + "': no rubric of the course has a criterion for it");
  return out;
}

Catalogue load_catalogue(const std::filesystem::path& dir, const ConceptGraph& graph,
                         const std::vector<std::string>& known_rubrics) {
  std::vector<Assignment> all;
  std::set<std::string> ids;
  const auto files = toml_files_in(dir);
  if (files.empty()) throw InputError(dir.string(), "no assignment files (*.toml)");
  for (const auto& path : files) {
    const std::string file = path.string();
    const toml::table root = parse_toml_file(file);
    const TomlFields top(root, stop_at_first(file, "catalogue file"));
    top.only_keys({"assignment"});
    const toml::array* list = root.get_as<toml::array>("assignment");
    if (!list) throw InputError(file, "no [[assignment]] tables");
    for (const toml::node& node : *list) {
      const toml::table* table = node.as_table();
      if (!table) throw_at(file, node.source(), "assignment must be a table");
      Assignment a = read_assignment(file, *table, graph, known_rubrics);
      if (!ids.insert(a.id).second)
        throw_at(file, TomlFields(*table, {}).where("id"),
                 "duplicate assignment id '" + a.id + "'");
      all.push_back(std::move(a));
    }
  }
  Catalogue catalogue(std::move(all));
  check_coverage(dir, catalogue, graph);
  return catalogue;
}

}  // namespace mixgrade::learner
