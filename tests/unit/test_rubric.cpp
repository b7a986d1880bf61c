// Loading and validating rubrics: one malformed fixture per validation rule
// (tests/data/rubrics/bad-*.toml), each ending in "# expect: LINE:COLUMN: message", the exact
// one-line error it must produce.
#define BOOST_TEST_MODULE rubric
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/edit_distance.hpp"
#include "rubric/load.hpp"
#include "rubric/metric_names.hpp"
#include "shipped.hpp"

using namespace mixgrade;
namespace fs = std::filesystem;

namespace {

const fs::path kRubrics = fs::path(MIXGRADE_TEST_DATA) / "rubrics";

std::string expected_message(const fs::path& fixture) {
  std::ifstream in(fixture);
  std::string line;
  std::string expect;
  while (std::getline(in, line))
    if (line.starts_with("# expect: ")) expect = line.substr(10);
  return expect.empty() ? "" : fixture.string() + ":" + expect;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_bad_fixture_gives_its_exact_message) {
  const RubricContext context = test::shipped_context();
  std::size_t fixtures = 0;
  for (const auto& entry : fs::directory_iterator(kRubrics)) {
    const fs::path path = entry.path();
    if (!path.filename().string().starts_with("bad-")) continue;
    ++fixtures;
    BOOST_TEST_CONTEXT(path.filename()) {
      const std::string expected = expected_message(path);
      BOOST_TEST_REQUIRE(!expected.empty(), "fixture lacks its # expect: line");
      try {
        load_rubric(path, context);
        BOOST_ERROR("loaded without an error");
      } catch (const RubricError& e) {
        BOOST_TEST(e.diagnostics().size() == 1u);
        BOOST_TEST(std::string(e.what()) == expected);
      }
    }
  }
  BOOST_TEST(fixtures >= 30u);  // one per validation rule; the glob must not silently go empty
}

BOOST_AUTO_TEST_CASE(a_valid_rubric_loads_with_every_field) {
  const Rubric r = load_rubric(kRubrics / "course.toml", test::shipped_context());
  BOOST_TEST(r.identity.id == "course-test");
  BOOST_TEST(r.identity.version == "2.1");
  BOOST_TEST(r.title == "Golden test rubric");
  BOOST_TEST(r.pass_mark == 60.0);
  BOOST_TEST(r.total_points == 100.0);
  BOOST_TEST_REQUIRE(r.criteria.size() == 5u);
  const Criterion& tp = r.criteria[1];
  BOOST_TEST(tp.metric == "loudness.true_peak_dbtp");
  BOOST_TEST(tp.unit == "dBTP");  // from the metric table
  BOOST_TEST(!tp.full_marks.min);
  BOOST_TEST(*tp.full_marks.max == -1.0);
  BOOST_TEST((tp.falloff.curve == Curve::cosine));
  BOOST_TEST(tp.pass_fraction == 0.9);
  BOOST_TEST(r.criteria[0].pass_fraction == 0.75);  // the default
  BOOST_TEST((r.criteria[0].absent == AbsentPolicy::zero));
  BOOST_TEST((r.criteria[1].absent == AbsentPolicy::not_applicable));
  BOOST_TEST(*r.criteria[2].cap_percent == 50.0);
  BOOST_TEST((r.criteria[3].visibility == Visibility::after_due_date));
  BOOST_TEST((r.criteria[4].visibility == Visibility::hidden));
  BOOST_TEST_REQUIRE(r.misconceptions.size() == 2u);
  BOOST_TEST(r.misconceptions[0].compiled.metrics.size() == 2u);
  BOOST_TEST(r.misconceptions[0].concept_id == "loudness_mastering");
}

BOOST_AUTO_TEST_CASE(manual_criteria_late_policy_and_not_applicable_rule_load) {
  const Rubric r = parse_rubric(R"(id = "m"
title = "Manual"
version = "1"
pass_mark = 50
not_applicable = "drop"
[late]
due = 2026-11-20T17:00:00+01:00
per_day = 4
cap = 12
unit = "points"
[[criteria]]
id = "balance"
title = "Mix balance"
manual = true
points = 20
concept = "mix_balance"
)",
                                "manual.toml", test::shipped_context());
  BOOST_TEST((r.not_applicable == NotApplicablePolicy::drop));
  BOOST_TEST_REQUIRE(r.criteria.size() == 1u);
  BOOST_TEST(r.criteria[0].manual);
  BOOST_TEST(r.criteria[0].metric.empty());
  BOOST_TEST(r.total_points == 20.0);
  // 17:00 at +01:00 is 16:00 UTC: 2026-11-20 is day 20777 of the Unix epoch.
  BOOST_TEST(*r.late.due == 20777LL * 86400 + 16 * 3600);
  BOOST_TEST(r.late.per_day == 4.0);
  BOOST_TEST(*r.late.cap == 12.0);
  BOOST_TEST((r.late.unit == LateUnit::points));
  // The defaults: scale, no late penalty.
  const Rubric plain = load_rubric(kRubrics / "course.toml", test::shipped_context());
  BOOST_TEST((plain.not_applicable == NotApplicablePolicy::scale));
  BOOST_TEST(!plain.late.due);
}

BOOST_AUTO_TEST_CASE(all_problems_of_a_file_are_reported_in_order) {
  const std::string text = R"(id = "two-problems"
title = "t"
version = "1"
pass_mark = 60
[[criteria]]
id = "a"
metric = "loudness.integrated_lfus"
max = -1
points = -2
concept = "gain_staging"
feedback = {pass = "p", too_high = "h"}
hints = {direction = "d", rule = "r", apply = "a"}
)";
  try {
    parse_rubric(text, "mem.toml", test::shipped_context());
    BOOST_ERROR("no error");
  } catch (const RubricError& e) {
    BOOST_TEST_REQUIRE(e.diagnostics().size() == 2u);
    BOOST_TEST(e.diagnostics()[0].line == 7u);
    BOOST_TEST(e.diagnostics()[1].line == 9u);
    BOOST_TEST(std::string(e.what()).find('\n') != std::string::npos);  // one line each
  }
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_a_one_line_error) {
  try {
    load_rubric(kRubrics / "no-such.toml", test::shipped_context());
    BOOST_ERROR("no error");
  } catch (const RubricError& e) {
    BOOST_TEST(std::string(e.what()) ==
               (kRubrics / "no-such.toml").string() +
                   ":1:1: cannot open the file (does it exist? readable?)");
  }
}

// Rubric validation reads concepts.toml with the concept-graph loader, so a graph the learner model
// would reject is a one-line RubricError at the same position, not a silently accepted id list.
BOOST_AUTO_TEST_CASE(concept_ids_come_from_the_validated_concept_graph) {
  const fs::path cycle = fs::path(MIXGRADE_TEST_DATA) / "learner/concepts/cycle.toml";
  try {
    load_concept_ids(cycle);
    BOOST_ERROR("no error");
  } catch (const RubricError& e) {
    BOOST_TEST_REQUIRE(e.diagnostics().size() == 1u);
    BOOST_TEST(std::string(e.what()) ==
               cycle.string() +
                   ":5:17: prerequisite cycle: a_first -> c_third -> b_second -> a_first (a "
                   "concept cannot be needed before itself)");
  }
  BOOST_TEST(load_concept_ids(test::kShippedRubrics / "concepts.toml").size() == 6u);
}

// find_rubric_ids reads ids with the rubric loader's reader: concepts.toml and files without a
// string id are skipped, a broken rubric too (mixgrade-score --check reports it).
BOOST_AUTO_TEST_CASE(rubric_ids_of_a_folder) {
  const auto ids = find_rubric_ids(test::kShippedRubrics);
  BOOST_TEST(ids == (std::vector<std::string>{"broadcast-r128", "club-master", "course-entry",
                                              "delivery-spec", "first-mix", "mixdown-for-mastering",
                                              "streaming-master"}),
             boost::test_tools::per_element());
  BOOST_TEST(!read_rubric_id(kRubrics / "bad-syntax.toml").has_value());
  BOOST_TEST(find_rubric_ids(kRubrics / "no-such-folder").empty());
}

BOOST_AUTO_TEST_CASE(content_hash_is_fnv1a_64) {
  // Reference vectors of FNV-1a 64 (Fowler, Noll, Vo; draft-eastlake-fnv).
  BOOST_TEST(content_hash("") == "fnv1a64:cbf29ce484222325");
  BOOST_TEST(content_hash("a") == "fnv1a64:af63dc4c8601ec8c");
  BOOST_TEST(content_hash("foobar") == "fnv1a64:85944171f73967e8");
}

BOOST_AUTO_TEST_CASE(metric_patterns_expand_and_suggestions_come_closest_first) {
  const MetricInfo rows[] = {
      {"spectrum.bands.<sub|bass>.level_db", "dB", "", "", ""},
      {"stereo.correlation", "", "", "", ""},
  };
  const auto metrics = known_metrics(rows);
  BOOST_TEST_REQUIRE(metrics.size() == 3u);
  BOOST_TEST(metrics[0].path == "spectrum.bands.sub.level_db");
  BOOST_TEST(metrics[1].path == "spectrum.bands.bass.level_db");
  BOOST_TEST(metrics[1].unit == "dB");
  BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
  BOOST_TEST(edit_distance("jbos", "jobs") == 1u);  // a swap is one edit
  const auto names =
      closest_first("stereo.corelation", {metrics[0].path, metrics[1].path, metrics[2].path});
  BOOST_TEST(names.front() == "stereo.correlation");
}
