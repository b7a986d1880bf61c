// Bayesian Knowledge Tracing against values worked out by hand (Corbett & Anderson 1995).
#define BOOST_TEST_MODULE learner_bkt
#include <boost/test/unit_test.hpp>

#include "learner/bkt.hpp"

using mixgrade::learner::bkt_update;
using mixgrade::learner::BktParams;

namespace {
const BktParams kDefaults{.prior = 0.2, .learn = 0.15, .guess = 0.2, .slip = 0.1};
}

BOOST_AUTO_TEST_CASE(correct_answer_from_the_prior) {
  // posterior = 0.2*0.9 / (0.2*0.9 + 0.8*0.2) = 0.18/0.34; then + (1 - posterior) * 0.15
  // = (0.18 + 0.16*0.15) / 0.34 = 0.204/0.34 = 0.6 exactly.
  BOOST_TEST(bkt_update(0.2, true, kDefaults) == 0.6, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(wrong_answer_from_the_prior) {
  // posterior = 0.2*0.1 / (0.2*0.1 + 0.8*0.8) = 0.02/0.66; then (0.02 + 0.64*0.15)/0.66 =
  // 0.116/0.66.
  BOOST_TEST(bkt_update(0.2, false, kDefaults) == 0.116 / 0.66,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(three_correct_answers_reach_mastery) {
  // 0.2 -> 0.6 -> (0.54 + 0.08*0.15)/0.62 = 0.552/0.62 -> third step computed the same way.
  const double p1 = bkt_update(0.2, true, kDefaults);
  const double p2 = bkt_update(p1, true, kDefaults);
  BOOST_TEST(p2 == 0.552 / 0.62, boost::test_tools::tolerance(1e-12));
  const double known = p2 * 0.9, unknown = (1 - p2) * 0.2;
  const double p3 = (known + unknown * 0.15) / (known + unknown);
  BOOST_TEST(bkt_update(p2, true, kDefaults) == p3, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p2 < 0.95);
  BOOST_TEST(p3 > 0.95);  // the default mastery threshold
}

BOOST_AUTO_TEST_CASE(no_learning_without_transition) {
  // With learn = 0 the update is the pure Bayes posterior: 0.5*0.75/(0.5*0.75 + 0.5*0.25) = 0.75.
  const BktParams p{.prior = 0.5, .learn = 0.0, .guess = 0.25, .slip = 0.25};
  BOOST_TEST(bkt_update(0.5, true, p) == 0.75, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(bkt_update(0.5, false, p) == 0.25, boost::test_tools::tolerance(1e-12));
}

// bkt_observe: one calibrated observation per submission (bkt.hpp).
BOOST_AUTO_TEST_CASE(observe_all_or_nothing_equals_the_plain_update) {
  using mixgrade::learner::bkt_observe;
  BOOST_TEST(bkt_observe(0.2, 1.0, kDefaults) == 0.6, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(bkt_observe(0.2, 0.0, kDefaults) == 0.116 / 0.66, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(observe_a_share_mixes_the_two_posteriors) {
  using mixgrade::learner::bkt_observe;
  // Two of three criteria met: 2/3 x 0.18/0.34 + 1/3 x 0.02/0.66 = 0.352941 + 0.010101 = 0.363042;
  // then + 0.636958 x 0.15.
  const double post = 2.0 / 3 * 0.18 / 0.34 + 1.0 / 3 * 0.02 / 0.66;
  BOOST_TEST(post == 0.363042, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(bkt_observe(0.2, 2.0 / 3, kDefaults) == post + (1 - post) * 0.15,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(weak_evidence_moves_a_share_of_the_way) {
  using mixgrade::learner::bkt_observe;
  // A weight of 0.25 on a correct observation from 0.2: 0.2 + 0.25 x (0.6 - 0.2) = 0.3.
  BOOST_TEST(bkt_observe(0.2, 1.0, kDefaults, 0.25) == 0.3, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(bkt_observe(0.2, 1.0, kDefaults, 0.0) == 0.2, boost::test_tools::tolerance(1e-12));
  // Shares outside [0, 1] are clamped.
  BOOST_TEST(bkt_observe(0.2, 1.5, kDefaults) == 0.6, boost::test_tools::tolerance(1e-12));
}
