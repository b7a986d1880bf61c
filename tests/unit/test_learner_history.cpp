// The learner history end to end: BKT through recorded submissions, hint escalation, regrading,
// two concurrent writer processes, determinism, and refusal of corrupt or newer databases.
#define BOOST_TEST_MODULE learner_history
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/error.hpp"
#include "learner/bkt.hpp"
#include "learner/history.hpp"
#include "learner/tracker.hpp"
#include "report/next_step.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::learner;
using mixgrade::test::TempDir;

namespace {

const std::string kRubrics = std::string(MIXGRADE_SOURCE_DIR) + "/rubrics";
constexpr std::int64_t kNow = 1764000000;  // 2025-11-24T16:00:00Z

struct Fixture {
  ConceptGraph graph = load_concept_graph(kRubrics + "/concepts.toml");
  Catalogue catalogue = load_catalogue(kRubrics + "/assignments", graph, {});
  TempDir dir;
  std::string db() const { return (dir / "history.db").string(); }
};

CriterionRecord criterion(const std::string& id, const std::string& concept_id, double points,
                          Status status) {
  CriterionRecord c;
  c.id = id;
  c.metric = "loudness.sample_peak_dbfs";
  c.value = -1.0;
  c.points = points;
  c.max_points = 10;
  c.status = status;
  c.feedback = id + " feedback";
  c.concept_id = concept_id;
  c.pass_fraction = 0.8;
  c.hints = {id + " direction", id + " rule", id + " apply"};
  return c;
}

// A first-mix submission: `headroom` (gain_staging) earns `points` of 10, `tilt` (eq) always
// fails, `width` (stereo) is not applicable.
ScoreRecord submission(const std::string& hash, double points) {
  ScoreRecord s;
  s.file = hash + ".wav";
  s.content_hash = hash;
  s.rubric = {"first-mix", "1", "sha256:abc"};
  s.criteria = {
      criterion("headroom", "gain_staging", points, points >= 8 ? Status::pass : Status::partial),
      criterion("tilt", "eq_tonal_balance", 0, Status::fail),
      criterion("width", "stereo_imaging", 0, Status::not_applicable)};
  s.criteria[2].value.reset();
  s.misconceptions = {{"dull_tilt", "eq_tonal_balance", "Louder is not clearer."}};
  s.score = points;
  s.max_score = 20;
  s.percent = points * 5;
  s.passed = false;
  return s;
}

double mastery(const LearnerState& s, const std::string& id) {
  return s.find(id)->p_known;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Turns a schema 4 database back into the schema 2 tables (which version 1 shared).
constexpr const char* kDropVersion3 =
    "ALTER TABLE mastery DROP COLUMN observations; "
    "ALTER TABLE mastery DROP COLUMN last_share; "
    "ALTER TABLE mastery DROP COLUMN missed_in_a_row; "
    "DROP INDEX submissions_by_attempt; "
    "ALTER TABLE submissions DROP COLUMN attempt; "
    "ALTER TABLE submissions DROP COLUMN attempt_key; "
    "ALTER TABLE submissions DROP COLUMN grading; "
    "ALTER TABLE submissions DROP COLUMN record_json; "
    "ALTER TABLE submissions DROP COLUMN withheld; "
    "ALTER TABLE submissions DROP COLUMN superseded_by; "
    "ALTER TABLE submissions DROP COLUMN superseded_at; ";

std::string open_error(const std::string& path) {
  try {
    History::open(path, fixed_clock(kNow));
  } catch (const mixgrade::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(mastery_follows_bkt_and_skips_not_applicable, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  const Outcome o = record_submission(h, submission("a", 10), "ana", graph, catalogue);
  const BktParams& p = graph.at("gain_staging").bkt;
  BOOST_TEST(mastery(o.state, "gain_staging") == bkt_update(p.prior, true, p),
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(mastery(o.state, "gain_staging") == 0.6, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(mastery(o.state, "eq_tonal_balance") == 0.116 / 0.66,
             boost::test_tools::tolerance(1e-12));
  // not_applicable is no evidence: stereo imaging keeps its prior and has no opportunity.
  BOOST_TEST(mastery(o.state, "stereo_imaging") == 0.2);
  BOOST_TEST(o.state.find("stereo_imaging")->opportunities == 0);
  BOOST_TEST(o.changes.size() == 2u);
  BOOST_TEST(o.next.assignment != nullptr);
  // EQ missed and nothing was issued for it yet: its worked example, not more gain staging.
  BOOST_TEST(o.next.assignment->id == "eq-tonal-worked");
  BOOST_TEST(o.state.find("eq_tonal_balance")->missing());
  BOOST_TEST(o.state.find("gain_staging")->observations == 1);
}

// Evidence calibration: one hand-in is one observation per concept, however many of its criteria
// measure the concept. Two gain-staging criteria met move P(L) from 0.2 to 0.6, as one does (the
// old count made it 0.2 -> 0.6 -> 0.89, and the student was sent back to a concept they had just
// passed perfectly). One of two met is half of each outcome (Jeffrey's rule):
//   0.5 x 0.18/0.34 + 0.5 x 0.02/0.66 = 0.279857, then + 0.720143 x 0.15 = 0.387879.
BOOST_FIXTURE_TEST_CASE(one_observation_per_concept_per_hand_in, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  ScoreRecord both = submission("b", 10);
  both.criteria[1] = criterion("clips", "gain_staging", 10, Status::pass);
  Outcome o = record_submission(h, both, "ana", graph, catalogue);
  BOOST_TEST(mastery(o.state, "gain_staging") == 0.6, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(o.state.find("gain_staging")->opportunities == 2);  // criteria still counted
  BOOST_TEST(o.state.find("gain_staging")->observations == 1);
  BOOST_TEST(o.state.find("gain_staging")->last_share == 1.0);

  ScoreRecord half = submission("c", 10);
  half.criteria[1] = criterion("clips", "gain_staging", 0, Status::fail);
  o = record_submission(h, half, "bo", graph, catalogue);
  BOOST_TEST(mastery(o.state, "gain_staging") == 0.387879, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(o.state.find("gain_staging")->last_share == 0.5);
  BOOST_TEST(o.state.find("gain_staging")->missed_in_a_row == 1);
  BOOST_TEST(o.next.concept_id == "gain_staging");  // it misses, and it is the root
}

BOOST_FIXTURE_TEST_CASE(hints_escalate_over_three_misses, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  const std::vector<std::string> expected = {"tilt direction", "tilt rule", "tilt apply",
                                             "tilt apply"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Outcome o =
        record_submission(h, submission("take" + std::to_string(i), 10), "ana", graph, catalogue);
    const CriterionRecord& tilt = o.submission.criteria[1];
    BOOST_TEST(tilt.missed());
    BOOST_TEST(static_cast<int>(tilt.hint_level) ==
               static_cast<int>(std::min<std::size_t>(i + 1, 3)));
    BOOST_TEST(tilt.hint() == expected[i]);
    BOOST_TEST(!o.submission.criteria[0].missed());  // a met criterion shows no hint
    BOOST_TEST(o.submission.criteria[0].hint().empty());
  }
  // Hints are per student: another student starts again at the direction.
  const Outcome other = record_submission(h, submission("take0", 10), "ben", graph, catalogue);
  BOOST_TEST(other.submission.criteria[1].hint() == "tilt direction");
}

BOOST_FIXTURE_TEST_CASE(repeated_misconception_moves_its_concept_first, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  // Three good takes master gain staging; the dull-tilt misconception is seen each time.
  Outcome o;
  for (const char* hash : {"m1", "m2", "m3"})
    o = record_submission(h, submission(hash, 10), "ana", graph, catalogue);
  BOOST_TEST(mastery(o.state, "gain_staging") >= 0.95);
  BOOST_TEST(o.state.find("eq_tonal_balance")->misconception_repeats == 3);
  BOOST_TEST(o.next.concept_id == "eq_tonal_balance");
  BOOST_TEST(o.next.reason.find("misconception") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(regrading_the_same_submission_counts_once, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  const Outcome first = record_submission(h, submission("same", 6), "ana", graph, catalogue);
  const Outcome again = record_submission(h, submission("same", 6), "ana", graph, catalogue);
  BOOST_TEST(!first.duplicate);
  BOOST_TEST(again.duplicate);
  BOOST_TEST(again.submission_id == first.submission_id);
  BOOST_TEST(again.changes.empty());
  for (const auto& c : graph.concepts()) {
    BOOST_TEST(mastery(again.state, c.id) == mastery(first.state, c.id), c.id);
    BOOST_TEST(again.state.find(c.id)->opportunities == first.state.find(c.id)->opportunities);
  }
  // The same hints and the same assignment as the first time, not the next escalation.
  BOOST_TEST(again.submission.criteria[1].hint() == first.submission.criteria[1].hint());
  BOOST_TEST((again.submission.criteria[1].hint_level == first.submission.criteria[1].hint_level));
  BOOST_TEST(again.next.assignment == first.next.assignment);
  BOOST_TEST(load_student(h, "ana", graph)->submissions.size() == 1u);
  // Without a content hash, the file and graded payload identify it; a new rubric version counts.
  ScoreRecord no_hash = submission("", 6);
  no_hash.file = "mix.wav";
  BOOST_TEST(!record_submission(h, no_hash, "ana", graph, catalogue).duplicate);
  BOOST_TEST(record_submission(h, no_hash, "ana", graph, catalogue).duplicate);
  no_hash.rubric.version = "2";
  BOOST_TEST(!record_submission(h, no_hash, "ana", graph, catalogue).duplicate);
}

BOOST_FIXTURE_TEST_CASE(same_inputs_give_identical_output, Fixture) {
  auto run = [&](const std::string& path) {
    History h = History::open(path, fixed_clock(kNow));
    std::vector<Outcome> outcomes;
    for (const char* hash : {"x1", "x2", "x3"})
      outcomes.push_back(
          record_submission(h, submission(hash, hash[1] == '1' ? 4 : 9), "ana", graph, catalogue));
    return mixgrade::next_step_markdown(outcomes, graph, "map.svg") +
           mixgrade::next_step_json(outcomes, graph, "map.svg").dump();
  };
  const std::string a = run((dir / "a.db").string());
  const std::string b = run((dir / "b.db").string());
  BOOST_TEST(a == b);
  BOOST_TEST(a.find("Teach it back") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(two_processes_writing_at_once_lose_nothing, Fixture) {
  History::open(db(), fixed_clock(kNow));  // create the schema once, as the tool's first run would
  constexpr int kPerWriter = 15;
  std::vector<pid_t> children;
  for (int writer = 0; writer < 2; ++writer) {
    const pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      // Child: no Boost.Test macros here; report through the exit status only.
      int status = 0;
      try {
        History h = History::open(db(), fixed_clock(kNow + writer));
        for (int i = 0; i < kPerWriter; ++i) {
          // Both writers touch the same student's mastery row, the lost-update case.
          record_submission(h,
                            submission("w" + std::to_string(writer) + "-" + std::to_string(i), 9),
                            "shared", graph, catalogue);
        }
      } catch (const std::exception&) {
        status = 1;
      }
      _exit(status);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
  }
  History h = History::open(db(), fixed_clock(kNow));  // runs quick_check again
  const auto report = load_student(h, "shared", graph);
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(report->submissions.size() == 2u * kPerWriter);
  BOOST_TEST(report->state.find("gain_staging")->opportunities == 2 * kPerWriter);
  BOOST_TEST(report->state.find("eq_tonal_balance")->opportunities == 2 * kPerWriter);
  // Serialised updates: mastery equals 30 sequential BKT steps in either interleaving, because
  // every step of a writer saw the other's committed state (headroom always correct).
  double p = graph.at("gain_staging").bkt.prior;
  for (int i = 0; i < 2 * kPerWriter; ++i) p = bkt_update(p, true, graph.at("gain_staging").bkt);
  BOOST_TEST(report->state.find("gain_staging")->p_known == p, boost::test_tools::tolerance(1e-9));
}

BOOST_FIXTURE_TEST_CASE(corrupt_database_is_refused_and_untouched, Fixture) {
  const std::string path = db();
  {
    std::ofstream out(path, std::ios::binary);
    out << "This is a spreadsheet, not a database.\n" << std::string(5000, 'x');
  }
  const std::string before = read_file(path);
  BOOST_TEST(open_error(path) == path +
                                     ": not a usable mixgrade history: file is not a database "
                                     "(the file was left untouched)");
  BOOST_TEST(read_file(path) == before);
  BOOST_TEST(!std::filesystem::exists(path + "-wal"));
}

BOOST_FIXTURE_TEST_CASE(damaged_pages_are_refused_and_untouched, Fixture) {
  const std::string path = db();
  {
    History h = History::open(path, fixed_clock(kNow));
    for (int i = 0; i < 40; ++i)
      record_submission(h, submission("d" + std::to_string(i), 9), "ana", graph, catalogue);
  }
  {
    // Checkpoint the WAL into the main file, then overwrite the b-tree page headers of pages
    // 2-6 with noise (page 1 holds the schema; the header is where SQLite looks first).
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE);", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    const std::string noise(16, '\xA5');
    for (int page = 1; page <= 5; ++page) {
      f.seekp(page * 4096);
      f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
    }
  }
  const std::string before = read_file(path);
  const std::string message = open_error(path);
  BOOST_TEST(message.starts_with(path + ": not a usable mixgrade history: "), message);
  BOOST_TEST(message.ends_with("(the file was left untouched)"), message);
  BOOST_TEST(message.find('\n') == std::string::npos);
  BOOST_TEST(read_file(path) == before);
}

BOOST_FIXTURE_TEST_CASE(newer_schema_is_refused_and_untouched, Fixture) {
  const std::string path = db();
  History::open(path, fixed_clock(kNow));
  {
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA user_version=7; PRAGMA wal_checkpoint(TRUNCATE);", nullptr, nullptr,
                 nullptr);
    sqlite3_close(raw);
  }
  const std::string before = read_file(path);
  BOOST_TEST(open_error(path) == path +
                                     ": history schema version 7 is newer than this mixgrade "
                                     "understands (4); upgrade mixgrade (the file was left "
                                     "untouched)");
  BOOST_TEST(read_file(path) == before);
}

// Version 1 stored another identity for a submission without a content hash (the rendered
// payload). Opening such a history rewrites them: the score line recorded then is still the same
// submission, and grading it again is no new attempt.
BOOST_FIXTURE_TEST_CASE(a_version_1_history_still_knows_what_it_recorded, Fixture) {
  const std::string path = db();
  ScoreRecord line = submission("", 6);
  line.file = "mix.wav";
  {
    History h = History::open(path, fixed_clock(kNow));
    BOOST_TEST(!record_submission(h, line, "ana", graph, catalogue).duplicate);
  }
  {
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    const std::string downgrade = std::string(kDropVersion3) +
                                  "UPDATE submissions SET identity = 'file:mix.wav|old payload'; "
                                  "PRAGMA user_version=1; PRAGMA wal_checkpoint(TRUNCATE);";
    BOOST_REQUIRE(sqlite3_exec(raw, downgrade.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  History h = History::open(path, fixed_clock(kNow));
  const Outcome again = record_submission(h, line, "ana", graph, catalogue);
  BOOST_TEST(again.duplicate);
  BOOST_TEST(load_student(h, "ana", graph)->submissions.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(foreign_sqlite_database_is_refused, Fixture) {
  const std::string path = db();
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_exec(raw, "CREATE TABLE invoices (id INTEGER);", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  BOOST_TEST(
      open_error(path) ==
      path + ": is an SQLite database but not a mixgrade history (the file was left untouched)");
}

BOOST_FIXTURE_TEST_CASE(schema_version_and_wal_are_set, Fixture) {
  History::open(db(), fixed_clock(kNow));
  sqlite3* raw = nullptr;
  sqlite3_open(db().c_str(), &raw);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr);
    sqlite3_step(stmt);
    std::string out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  };
  BOOST_TEST(scalar("PRAGMA user_version") == std::to_string(kHistorySchemaVersion));
  BOOST_TEST(scalar("PRAGMA journal_mode") == "wal");
  sqlite3_close(raw);
}

BOOST_FIXTURE_TEST_CASE(context_comes_from_the_assignment_answered, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  const Outcome first = record_submission(h, submission("c1", 2), "ana", graph, catalogue);
  BOOST_TEST(first.context == "rubric first-mix");                 // nothing issued yet
  BOOST_TEST(first.next.assignment->id == "gain-staging-worked");  // graded by first-mix
  const Outcome second = record_submission(h, submission("c2", 2), "ana", graph, catalogue);
  BOOST_TEST(second.context == first.next.assignment->context);
  ScoreRecord named = submission("c3", 2);
  named.assignment = "mix-balance-transfer-folk";
  BOOST_TEST(record_submission(h, named, "ana", graph, catalogue).context == "acoustic folk trio");
}

BOOST_FIXTURE_TEST_CASE(bad_line_rolls_back_everything, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  ScoreRecord bad = submission("b1", 9);
  bad.assignment = "no-such-assignment";
  BOOST_CHECK_THROW(record_submission(h, bad, "ana", graph, catalogue), mixgrade::InputError);
  bad = submission("b2", 9);
  bad.criteria[1].concept_id = "orchestration";
  BOOST_CHECK_THROW(record_submission(h, bad, "ana", graph, catalogue), mixgrade::InputError);
  const auto report = load_student(h, "ana", graph);
  BOOST_TEST((!report || report->submissions.empty()));
  // The history is still writable afterwards.
  BOOST_TEST(!record_submission(h, submission("b3", 9), "ana", graph, catalogue).duplicate);
}

namespace {

// Attempt `hash` graded under rubric version 2: a fixed threshold lets `headroom` pass with 9.
ScoreRecord under_v2(const std::string& hash, double points) {
  ScoreRecord s = submission(hash, points);
  s.rubric = {"first-mix", "2", "sha256:def"};
  return s;
}

void same_learner_state(const LearnerState& got, const LearnerState& want,
                        const ConceptGraph& graph) {
  for (const auto& c : graph.concepts()) {
    const ConceptState& g = *got.find(c.id);
    const ConceptState& w = *want.find(c.id);
    BOOST_TEST(g.p_known == w.p_known, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g.opportunities == w.opportunities, c.id);
    BOOST_TEST(g.correct == w.correct, c.id);
    BOOST_TEST(g.misconception_repeats == w.misconception_repeats, c.id);
    BOOST_TEST(g.contexts == w.contexts, c.id);
  }
  BOOST_TEST(got.issued_counts == want.issued_counts);
}

std::vector<int> tilt_levels(const History& h, const std::string& student) {
  std::vector<int> out;
  const auto id = h.find_student(student);
  for (const auto& row : h.submissions(*id))
    for (const auto& hint : h.hints(row.id))
      if (hint.criterion_id == "tilt") out.push_back(hint.level);
  return out;
}

}  // namespace

// A rubric fix re-grades the same two files: the history ends exactly as if each attempt had been
// graded once under version 2, and the version 1 gradings stay as audit rows.
BOOST_FIXTURE_TEST_CASE(a_regrade_replaces_the_attempt_and_replays_the_learner, Fixture) {
  History fresh = History::open((dir / "fresh.db").string(), fixed_clock(kNow));
  record_submission(fresh, under_v2("a1", 9), "ana", graph, catalogue);
  const Outcome fresh2 = record_submission(fresh, under_v2("a2", 9), "ana", graph, catalogue);

  History h = History::open(db(), fixed_clock(kNow));
  BOOST_TEST(!record_submission(h, submission("a1", 6), "ana", graph, catalogue).regrade);
  const Outcome second = record_submission(h, submission("a2", 6), "ana", graph, catalogue);
  BOOST_TEST(static_cast<int>(second.submission.criteria[1].hint_level) == 2);  // second miss
  const Outcome re1 = record_submission(h, under_v2("a1", 9), "ana", graph, catalogue);
  const Outcome re2 = record_submission(h, under_v2("a2", 9), "ana", graph, catalogue);
  BOOST_TEST(re1.regrade);
  BOOST_TEST(re2.regrade);
  BOOST_TEST(!re1.duplicate);
  // The hint each attempt had: attempt 1 is a first miss, attempt 2 the second, not the fourth.
  BOOST_TEST(static_cast<int>(re1.submission.criteria[1].hint_level) == 1);
  BOOST_TEST(static_cast<int>(re2.submission.criteria[1].hint_level) == 2);
  BOOST_TEST(re2.misses.at("tilt") == 2);
  BOOST_TEST(!re2.misses.contains("headroom"));
  same_learner_state(re2.state, fresh2.state, graph);
  same_learner_state(load_student(h, "ana", graph)->state, load_student(fresh, "ana", graph)->state,
                     graph);
  BOOST_TEST(tilt_levels(h, "ana") == tilt_levels(fresh, "ana"));
  BOOST_TEST((tilt_levels(h, "ana") == std::vector<int>{1, 2}));
  BOOST_TEST(mastery(re2.state, "gain_staging") > mastery(second.state, "gain_staging"));

  // Two attempts count; the audit trail keeps both version 1 gradings.
  const auto id = *h.find_student("ana");
  BOOST_TEST(h.submissions(id).size() == 2u);
  const auto audit = h.submissions(id, true);
  BOOST_REQUIRE(audit.size() == 4u);
  BOOST_TEST(audit[0].rubric_version == "1");
  BOOST_TEST(audit[0].superseded_by == re1.submission_id);
  BOOST_TEST(audit[0].superseded_at == kNow);
  BOOST_TEST(audit[0].score == 6);
  BOOST_TEST(audit[1].superseded_by == re2.submission_id);
  BOOST_TEST(audit[2].superseded_by == 0);
  BOOST_TEST(audit[2].rubric_version == "2");

  // Nothing changed: a re-run records nothing and shows the same hint.
  const Outcome again = record_submission(h, under_v2("a2", 9), "ana", graph, catalogue);
  BOOST_TEST(again.duplicate);
  BOOST_TEST(!again.regrade);
  BOOST_TEST(again.submission_id == re2.submission_id);
  BOOST_TEST(static_cast<int>(again.submission.criteria[1].hint_level) == 2);
  BOOST_TEST(h.submissions(id, true).size() == 4u);

  // --regrade forces one, and the state is still that of one grading per attempt.
  const Outcome forced =
      record_submission(h, under_v2("a2", 9), "ana", graph, catalogue, {}, std::nullopt, true);
  BOOST_TEST(forced.regrade);
  BOOST_TEST(h.submissions(id, true).size() == 5u);
  same_learner_state(forced.state, fresh2.state, graph);
  BOOST_TEST(static_cast<int>(forced.submission.criteria[1].hint_level) == 2);
}

// Changed marks under the same rubric version (an override) are a regrade too, and the override's
// reason is in the history.
BOOST_FIXTURE_TEST_CASE(a_changed_grading_is_a_regrade_and_its_reason_is_kept, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  record_submission(h, submission("o1", 6), "ana", graph, catalogue);
  ScoreRecord overridden = submission("o1", 6);
  overridden.criteria[1].points = 5;
  overridden.criteria[1].status = Status::partial;
  overridden.criteria[1].override_reason = "judged by ear: the tilt suits the genre";
  overridden.score = 11;
  const Outcome o = record_submission(h, overridden, "ana", graph, catalogue);
  BOOST_TEST(o.regrade);
  sqlite3* raw = nullptr;
  sqlite3_open(db().c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "SELECT record_json FROM submissions WHERE superseded_by IS NULL", -1,
                     &stmt, nullptr);
  BOOST_REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const std::string stored = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  BOOST_TEST(stored.find("judged by ear: the tilt suits the genre") != std::string::npos);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

// A version 2 history (no attempts, no audit columns) is migrated: its rows are attempts, and
// grading one again under a new rubric version replaces it instead of adding a second attempt.
BOOST_FIXTURE_TEST_CASE(a_version_2_history_is_migrated_to_regrades, Fixture) {
  const std::string path = db();
  {
    History h = History::open(path, fixed_clock(kNow));
    record_submission(h, submission("m0", 4), "ana", graph, catalogue);
    record_submission(h, submission("m1", 6), "ana", graph, catalogue);
  }
  {
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    const std::string downgrade =
        std::string(kDropVersion3) + "PRAGMA user_version=2; PRAGMA wal_checkpoint(TRUNCATE);";
    BOOST_REQUIRE(sqlite3_exec(raw, downgrade.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  History h = History::open(path, fixed_clock(kNow));
  // The same grading is still a re-run.
  BOOST_TEST(record_submission(h, submission("m1", 6), "ana", graph, catalogue).duplicate);
  const Outcome re = record_submission(h, under_v2("m1", 9), "ana", graph, catalogue);
  BOOST_TEST(re.regrade);
  const auto id = *h.find_student("ana");
  BOOST_TEST(h.submissions(id).size() == 2u);
  BOOST_TEST(h.submissions(id, true).size() == 3u);
  // The replay read m0 back from its version 2 rows (no stored record): the same state as
  // grading m0 under version 1 and m1 under version 2 once each.
  History fresh = History::open((dir / "fresh.db").string(), fixed_clock(kNow));
  record_submission(fresh, submission("m0", 4), "ana", graph, catalogue);
  const Outcome once = record_submission(fresh, under_v2("m1", 9), "ana", graph, catalogue);
  same_learner_state(re.state, once.state, graph);
  BOOST_TEST(tilt_levels(h, "ana") == tilt_levels(fresh, "ana"));
  BOOST_TEST(static_cast<int>(re.submission.criteria[1].hint_level) == 2);
}

// A withheld grade (a cut-off upload) is recorded but is no evidence.
BOOST_FIXTURE_TEST_CASE(a_withheld_grade_is_no_learner_evidence, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  ScoreRecord cut = submission("w1", 10);
  cut.withheld = true;
  const Outcome o = record_submission(h, cut, "ana", graph, catalogue);
  BOOST_TEST(mastery(o.state, "gain_staging") == graph.at("gain_staging").bkt.prior);
  BOOST_TEST(o.state.find("gain_staging")->opportunities == 0);
  BOOST_TEST(o.state.find("eq_tonal_balance")->misconception_repeats == 0);
  BOOST_TEST(!h.issued_for(o.submission_id).has_value());  // no assignment issued from it
  // Re-run: the same hint as the first time.
  const Outcome again = record_submission(h, cut, "ana", graph, catalogue);
  BOOST_TEST(again.duplicate);
  BOOST_TEST(again.submission.criteria[1].hint() == "tilt direction");
  // The next real attempt is still the first miss.
  const Outcome next = record_submission(h, submission("w2", 10), "ana", graph, catalogue);
  BOOST_TEST(static_cast<int>(next.submission.criteria[1].hint_level) == 1);
}

// Teach it back counts as weak evidence for the concept of the assignment it answers: the text
// "I cut the low end with EQ and the tilt ... -1.0" finds eq, low end, cut, tilt (term share 1)
// and cites -1.0, the measured value of a criterion of another concept only (numbers share 0.5):
// score 0.75. EQ is not measured by this hand-in, so P(L) moves from the prior a quarter of the
// way towards bkt_observe(0.2, 0.75) = 0.75 x 0.529412 + 0.25 x 0.030303 = 0.404635, + 0.595365
// x 0.15 = 0.493940: 0.2 + 0.25 x 0.293940 = 0.273485. Nothing measured it, so it does not miss.
BOOST_FIXTURE_TEST_CASE(teach_it_back_is_weak_evidence_for_the_assignment_concept, Fixture) {
  History h = History::open(db(), fixed_clock(kNow));
  ScoreRecord s = submission("t", 10);
  s.criteria.erase(s.criteria.begin() + 1);  // no EQ criterion
  s.misconceptions.clear();
  s.assignment = "eq-tonal-worked";
  s.explanation = Explanation{"explain.md", "I cut the low end with EQ and the tilt read -1.0."};
  const Outcome o = record_submission(h, s, "ana", graph, catalogue);
  BOOST_REQUIRE(o.teach_back.has_value());
  BOOST_TEST(o.teach_back->concept_id == "eq_tonal_balance");
  BOOST_TEST(o.teach_back->score == 0.75, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(mastery(o.state, "eq_tonal_balance") == 0.273485, boost::test_tools::tolerance(1e-5));
  BOOST_TEST(!o.state.find("eq_tonal_balance")->missing());
  BOOST_TEST(o.state.find("eq_tonal_balance")->observations == 0);
  // Without an assignment to name the concept there is nothing to score it against.
  ScoreRecord plain = submission("u", 10);
  plain.explanation = s.explanation;
  BOOST_TEST(!record_submission(h, plain, "bo", graph, catalogue).teach_back.has_value());
}
