// The analyser registry: every descriptor is complete and consistent, needs are run and ordered,
// and what is built around the Analysis (metric table, JSON, table, option checks) follows it.
#define BOOST_TEST_MODULE registry
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "analysis/analysis_json.hpp"
#include "analysis/metrics.hpp"
#include "analysis/pipeline.hpp"
#include "analysis/registry.hpp"
#include "report/table.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

std::vector<std::string_view> names(const std::vector<const AnalyserDescriptor*>& order) {
  std::vector<std::string_view> out;
  for (const auto* d : order) out.push_back(d->name);
  return out;
}

std::size_t position(const std::vector<std::string_view>& v, std::string_view name) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), name) - v.begin());
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_descriptor_is_complete_and_its_rows_are_its_own) {
  std::set<std::string_view> seen;
  for (const auto* d : analysers()) {
    BOOST_TEST_CONTEXT(d->name) {
      BOOST_TEST(seen.insert(d->name).second);  // unique block names
      BOOST_TEST(find_analyser(d->name) == d);
      BOOST_TEST(!metrics_of(*d).empty());
      BOOST_TEST(!d->columns.empty());
      BOOST_TEST((d->make && d->present && d->drop && d->json && d->cache_key));
      for (const auto& m : metrics_of(*d))
        BOOST_TEST(m.path.starts_with(std::string(d->name) + "."), m.path);
      for (auto need : d->needs) BOOST_TEST(find_analyser(need) != nullptr, need);
      for (auto use : d->uses) BOOST_TEST(find_analyser(use) != nullptr, use);
    }
  }
  BOOST_TEST(find_analyser("nonsense") == nullptr);
}

BOOST_AUTO_TEST_CASE(metric_table_is_format_then_each_analyser_in_registry_order) {
  const auto table = metric_table();
  std::size_t rows = 0;
  while (rows < table.size() && table[rows].path.starts_with("format.")) ++rows;
  BOOST_TEST(rows == 4u);
  for (const auto* d : analysers())
    for (const auto& m : metrics_of(*d)) {
      BOOST_REQUIRE(rows < table.size());
      BOOST_TEST(table[rows++].path == m.path);
    }
  BOOST_TEST(rows == table.size());
}

BOOST_AUTO_TEST_CASE(needs_are_run_and_finish_first_uses_only_order) {
  // Dynamics needs loudness: it runs, and before dynamics.
  BOOST_TEST(names(finish_order(BlockSet::only({"dynamics"}))) ==
                 (std::vector<std::string_view>{"loudness", "dynamics"}),
             boost::test_tools::per_element());
  // Stereo only uses loudness: alone it runs alone; with loudness it finishes after it.
  BOOST_TEST(
      names(finish_order(BlockSet::only({"stereo"}))) == (std::vector<std::string_view>{"stereo"}),
      boost::test_tools::per_element());
  const auto all = names(finish_order(BlockSet::all()));
  BOOST_TEST(all.size() == analysers().size());
  for (const auto* d : analysers()) {
    for (auto need : d->needs) BOOST_TEST(position(all, need) < position(all, d->name));
    for (auto use : d->uses) BOOST_TEST(position(all, use) < position(all, d->name));
  }
  BOOST_TEST(finish_order(BlockSet::none()).empty());
}

BOOST_AUTO_TEST_CASE(block_sets_keep_registry_order_and_reject_unknown_names) {
  BlockSet s = BlockSet::only({"stereo", "loudness"});
  BOOST_TEST(s.names() == (std::vector<std::string_view>{"loudness", "stereo"}),
             boost::test_tools::per_element());
  s.insert("loudness").erase("stereo");
  BOOST_TEST((s == BlockSet::only({"loudness"})));
  BOOST_TEST(BlockSet::all().names().size() == analysers().size());
  BOOST_CHECK_THROW(BlockSet::only({"loudnes"}), std::invalid_argument);
  BOOST_CHECK_THROW(s.erase("nonsense"), std::invalid_argument);
}

// A block run only for another's needs is measured but not reported; the one that needs it sees it.
BOOST_AUTO_TEST_CASE(a_needed_block_is_not_reported_but_its_result_is_used) {
  const Signal s = sine(1000.0, -20.0, 4.0, 48000, 2);
  AnalysisOptions dynamics_only;
  dynamics_only.blocks = BlockSet::only({"dynamics"});
  const Analysis a = analyse_signal(s, 4096, dynamics_only);
  BOOST_TEST(!a.loudness.has_value());
  BOOST_REQUIRE(a.dynamics.has_value());
  const Analysis full = analyse_signal(s, 4096);
  BOOST_REQUIRE(full.loudness.has_value());
  BOOST_TEST(a.dynamics->plr_db.value() == full.loudness->plr_db.value());

  const auto j = to_json(a);
  BOOST_TEST(!j.contains("loudness"));
  BOOST_TEST(j.contains("dynamics"));
  for (const auto* d : analysers())
    BOOST_TEST(to_json(full).contains(std::string(d->name)), d->name);
}

BOOST_AUTO_TEST_CASE(table_columns_come_from_the_shown_blocks_and_plr_is_shown_once) {
  const AnalysisTable both(BlockSet::only({"loudness", "dynamics"}), 8);
  const std::string header = both.header();
  BOOST_TEST(header.find("PLR") != std::string::npos);
  BOOST_TEST(header.find("PLR") == header.rfind("PLR"));
  BOOST_TEST(header.find("corr") == std::string::npos);
  const AnalysisTable stereo(BlockSet::only({"stereo"}), 8);
  BOOST_TEST(stereo.header().find("corr") != std::string::npos);
  BOOST_TEST(stereo.header().find("LUFS") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(metric_docs_read_as_written) {
  const auto rows = parse_metric_docs(R"(
x.a | dB | EBU Tech 3341
    First line of the meaning,
    second line.
x.b |  | somewhere
    No unit.
x.c
    Neither.
)");
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].path == "x.a");
  BOOST_TEST(rows[0].unit == "dB");
  BOOST_TEST(rows[0].standard == "EBU Tech 3341");
  BOOST_TEST(rows[0].meaning == "First line of the meaning, second line.");
  BOOST_TEST(rows[1].unit.empty());
  BOOST_TEST(rows[1].standard == "somewhere");
  BOOST_TEST((rows[2].unit.empty() && rows[2].standard.empty()));
  BOOST_CHECK_THROW(parse_metric_docs("x.a | dB\n"), std::logic_error);            // no meaning
  BOOST_CHECK_THROW(parse_metric_docs("    orphan meaning\n"), std::logic_error);  // no metric
  BOOST_CHECK_THROW(parse_metric_docs("x a\n    spaces in a path\n"), std::logic_error);
  BOOST_CHECK_THROW(parse_metric_docs("x.a | u | s | extra\n    m\n"), std::logic_error);
}
