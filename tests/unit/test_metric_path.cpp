// Metric paths a rubric names: yes/no measurements read as 1 and 0.
#define BOOST_TEST_MODULE metric_path
#include <boost/test/unit_test.hpp>

#include "rubric/metric_path.hpp"

using namespace mixgrade;

BOOST_AUTO_TEST_CASE(booleans_read_as_one_and_zero) {
  const auto j = nlohmann::ordered_json::parse(R"({
    "delivery": {"lossy": true, "sample_format": "vorbis", "bit_depth": null},
    "other": {"lossy": false}})");
  BOOST_TEST(*resolve_metric(j, "delivery.lossy") == 1.0);
  BOOST_TEST(*resolve_metric(j, "other.lossy") == 0.0);
  BOOST_TEST(!resolve_metric(j, "delivery.sample_format"));  // text stays unreadable
  BOOST_TEST(!resolve_metric(j, "delivery.bit_depth"));      // null: not measurable
}
