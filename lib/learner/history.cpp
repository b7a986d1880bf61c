#include "learner/history.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "core/error.hpp"
#include "core/json.hpp"

namespace mixgrade::learner {
namespace {

// "MXGD": marks the file as a mixgrade history so another application's database is refused.
constexpr int kApplicationId = 0x4D584744;

// Migration i takes the schema from version i to i + 1. Append, never edit: deployed databases
// have already run the earlier steps.
// Version 2 changed no table: the identity of a submission without a content hash became what was
// graded (ScoreRecord::identity), no longer the rendered feedback; rebuild_identities() rewrites
// the stored ones so that a score line recorded before is still recognised.
const std::vector<std::string> kMigrations = {
    R"sql(
CREATE TABLE students (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL);
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id),
  identity TEXT NOT NULL,
  content_hash TEXT,
  file TEXT NOT NULL,
  rubric_id TEXT NOT NULL,
  rubric_version TEXT NOT NULL,
  rubric_hash TEXT NOT NULL,
  context TEXT NOT NULL,
  assignment_id TEXT,
  score REAL NOT NULL,
  max_score REAL NOT NULL,
  percent REAL NOT NULL,
  passed INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL,
  UNIQUE (student_id, identity));
CREATE TABLE criterion_results (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  position INTEGER NOT NULL,
  criterion_id TEXT NOT NULL,
  metric TEXT,
  concept TEXT,
  value REAL,
  points REAL NOT NULL,
  max_points REAL NOT NULL,
  pass_fraction REAL,
  status TEXT NOT NULL,
  correct INTEGER NOT NULL,
  PRIMARY KEY (submission_id, position));
CREATE TABLE mastery (
  student_id INTEGER NOT NULL REFERENCES students(id),
  concept TEXT NOT NULL,
  p_known REAL NOT NULL,
  opportunities INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  last_practised_at INTEGER NOT NULL,
  last_submission_id INTEGER NOT NULL,
  PRIMARY KEY (student_id, concept));
CREATE TABLE mastery_contexts (
  student_id INTEGER NOT NULL REFERENCES students(id),
  concept TEXT NOT NULL,
  context TEXT NOT NULL,
  PRIMARY KEY (student_id, concept, context));
CREATE TABLE hints_shown (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  rubric_id TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (submission_id, criterion_id));
CREATE TABLE misconceptions_seen (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  misconception_id TEXT NOT NULL,
  concept TEXT,
  message TEXT NOT NULL,
  PRIMARY KEY (submission_id, misconception_id));
CREATE TABLE assignments_issued (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id),
  submission_id INTEGER NOT NULL UNIQUE REFERENCES submissions(id),
  assignment_id TEXT NOT NULL,
  rubric_id TEXT NOT NULL,
  concept TEXT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  issued_at INTEGER NOT NULL);
CREATE INDEX hints_by_criterion ON hints_shown (rubric_id, criterion_id);
)sql",
    "SELECT 1  -- version 2: identities rebuilt in C++ (rebuild_identities)",
    // Version 3: regrades. A row is one grading of an attempt; `attempt` orders attempts (the id
    // of the attempt's first grading), a superseded grading stays as the audit trail, and the
    // record itself (record_json) is kept so the learner state can be replayed and an override's
    // reason is in the history. Rows from version 2 are each their own attempt.
    R"sql(
ALTER TABLE submissions ADD COLUMN attempt INTEGER;
ALTER TABLE submissions ADD COLUMN attempt_key TEXT;
ALTER TABLE submissions ADD COLUMN grading TEXT;
ALTER TABLE submissions ADD COLUMN record_json TEXT;
ALTER TABLE submissions ADD COLUMN withheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN superseded_by INTEGER REFERENCES submissions(id);
ALTER TABLE submissions ADD COLUMN superseded_at INTEGER;
UPDATE submissions SET attempt = id;
UPDATE submissions SET attempt_key = 'content:' || content_hash || char(31) || rubric_id
  WHERE content_hash IS NOT NULL;
CREATE INDEX submissions_by_attempt ON submissions (student_id, attempt_key);
)sql",
    // Version 4: calibrated evidence, one observation per concept per submission (bkt.hpp
    // bkt_observe). Rows from version 3 count as one observation whose share is the share of
    // criteria met so far; their P(L) stays until a regrade replays the student.
    R"sql(
ALTER TABLE mastery ADD COLUMN observations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mastery ADD COLUMN last_share REAL;
ALTER TABLE mastery ADD COLUMN missed_in_a_row INTEGER NOT NULL DEFAULT 0;
UPDATE mastery SET observations = 1, last_share = CAST(correct AS REAL) / opportunities,
  missed_in_a_row = CASE WHEN correct < opportunities THEN 1 ELSE 0 END
  WHERE opportunities > 0;
)sql"};

// Only the current grading of an attempt counts.
constexpr const char* kActive = "s.superseded_by IS NULL";

// One prepared statement; every failure becomes InputError naming the database file.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& path, const std::string& sql) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Statement& bind(int i, int v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Statement& bind(int i, double v) { return check(sqlite3_bind_double(stmt_, i, v)); }
  Statement& bind(int i, const std::string& v) {
    return check(
        sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  Statement& bind(int i, std::optional<double> v) {
    return v ? bind(i, *v) : check(sqlite3_bind_null(stmt_, i));
  }
  Statement& bind_text_or_null(int i, const std::string& v) {
    return v.empty() ? check(sqlite3_bind_null(stmt_, i)) : bind(i, v);
  }

  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }
  void run() {
    while (step()) {
    }
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::optional<double> optional_real(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return real(col);
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : "";
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) fail();
    return *this;
  }
  [[noreturn]] void fail() const { throw InputError(path_, sqlite3_errmsg(db_)); }

  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

std::string attempt_key(const ScoreRecord& r) {
  if (r.content_hash.empty()) return "";
  return "content:" + r.content_hash + "\x1f" + r.rubric.id;
}

std::string grading_key(const ScoreRecord& r) {
  // nlohmann::json (not ordered_json) sorts keys, so the payload is canonical.
  nlohmann::json g = {{"score", json_number(r.score, 2)}, {"withheld", r.withheld}};
  for (const auto& c : r.criteria)
    g["criteria"].push_back({{"id", c.id},
                             {"value", json_number(c.value, 3)},
                             {"points", json_number(c.points, 2)},
                             {"status", to_string(c.status)},
                             {"override_reason", c.override_reason},
                             {"comment", c.comment}});
  for (const auto& a : r.adjustments)
    g["adjustments"].push_back(
        {{"kind", to_string(a.kind)}, {"points", json_number(a.points, 2)}, {"reason", a.reason}});
  for (const auto& m : r.misconceptions) g["misconceptions"].push_back(m.id);
  return dump_json(g);
}

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

Clock fixed_clock(std::int64_t seconds) {
  return [seconds] { return seconds; };
}

Clock clock_for_run(const std::string& now_option) {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  const std::string text = !now_option.empty() ? now_option : env ? env : "";
  if (text.empty()) return system_clock();
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || v < 0) throw UsageError("time must be Unix seconds, got '" + text + "'");
  return fixed_clock(static_cast<std::int64_t>(v));
}

void History::Closer::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}

History::History(std::string path, Clock clock)
    : path_(std::move(path)), clock_(std::move(clock)) {}
History::History(History&&) noexcept = default;
History& History::operator=(History&&) noexcept = default;
History::~History() = default;

void History::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message ? message : sqlite3_errmsg(db_.get());
    sqlite3_free(message);
    throw InputError(path_, reason);
  }
}

History History::open(const std::filesystem::path& path, Clock clock) {
  return open_with(path, std::move(clock), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

History History::open_read_only(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(path.string(), std::filesystem::exists(path, ec)
                                        ? "not a history file (a folder or a device?)"
                                        : "no such history (check the path; nothing was created)");
  return open_with(
      path, [] { return std::int64_t{0}; }, SQLITE_OPEN_READONLY);
}

History History::open_with(const std::filesystem::path& path, Clock clock, int flags) {
  History h(path.string(), std::move(clock));
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(h.path_.c_str(), &raw, flags, nullptr);
  h.db_.reset(raw);
  if (rc != SQLITE_OK)
    throw InputError(h.path_, std::string("cannot open history: ") +
                                  (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  // Concurrent writers wait for each other (up to 30 s) instead of failing with "database is
  // locked".
  sqlite3_busy_timeout(raw, 30000);
  sqlite3_extended_result_codes(raw, 0);
  h.check_and_migrate((flags & SQLITE_OPEN_READONLY) != 0);
  return h;
}

void History::check_and_migrate(bool read_only) {
  const std::string untouched = " (the file was left untouched)";
  int version = 0;
  int application = 0;
  int tables = 0;
  try {
    // Reading the header is the first access: a file that is not a database fails here, before
    // anything could be written to it.
    Statement v(db_.get(), path_, "PRAGMA user_version");
    v.step();
    version = static_cast<int>(v.integer(0));
    Statement a(db_.get(), path_, "PRAGMA application_id");
    a.step();
    application = static_cast<int>(a.integer(0));
    Statement t(db_.get(), path_, "SELECT count(*) FROM sqlite_master");
    t.step();
    tables = static_cast<int>(t.integer(0));
    if (tables > 0) {
      Statement q(db_.get(), path_, "PRAGMA quick_check");
      q.step();
      if (std::string report = q.text(0); report != "ok") {
        std::replace(report.begin(), report.end(), '\n', ' ');  // one-line messages
        if (report.size() > 200) report = report.substr(0, 200) + "...";
        throw InputError(path_, "database is corrupt (quick_check: " + report + ")");
      }
    }
  } catch (const InputError& e) {
    throw InputError(path_, "not a usable mixgrade history: " + e.reason() + untouched);
  }
  if (tables > 0 && application != kApplicationId)
    throw InputError(path_, "is an SQLite database but not a mixgrade history" + untouched);
  if (version > kHistorySchemaVersion)
    throw InputError(path_, "history schema version " + std::to_string(version) +
                                " is newer than this mixgrade understands (" +
                                std::to_string(kHistorySchemaVersion) + "); upgrade mixgrade" +
                                untouched);
  if (read_only) {
    if (tables == 0) throw InputError(path_, "is empty: not a mixgrade history" + untouched);
    if (version < kHistorySchemaVersion)
      throw InputError(path_, "history schema version " + std::to_string(version) +
                                  " is older than this mixgrade's (" +
                                  std::to_string(kHistorySchemaVersion) +
                                  "); record a submission with mixgrade-assign or mixgrade-batch "
                                  "once to upgrade it" +
                                  untouched);
    return;
  }
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA foreign_keys=ON");
  if (version == kHistorySchemaVersion) return;
  Transaction tx(*this);
  // Another process may have migrated while we waited for the write lock.
  Statement again(db_.get(), path_, "PRAGMA user_version");
  again.step();
  const auto from = static_cast<std::size_t>(again.integer(0));
  for (auto v = from; v < kMigrations.size(); ++v) exec(kMigrations[v]);
  if (from == 1) rebuild_identities();
  exec("PRAGMA user_version=" + std::to_string(kHistorySchemaVersion));
  exec("PRAGMA application_id=" + std::to_string(kApplicationId));
  tx.commit();
}

void History::rebuild_identities() {
  Statement subs(db_.get(), path_,
                 "SELECT id, file, rubric_id, rubric_version, rubric_hash, score FROM submissions "
                 "WHERE content_hash IS NULL");
  while (subs.step()) {
    ScoreRecord r;
    r.file = subs.text(1);
    r.rubric = {subs.text(2), subs.text(3), subs.text(4)};
    r.score = subs.real(5);
    Statement crit(db_.get(), path_,
                   "SELECT criterion_id, value, points, status FROM criterion_results "
                   "WHERE submission_id = ? ORDER BY position");
    crit.bind(1, subs.integer(0));
    while (crit.step()) {
      CriterionRecord c;
      c.id = crit.text(0);
      c.value = crit.optional_real(1);
      c.points = crit.real(2);
      c.status = parse_status(crit.text(3)).value_or(Status::fail);
      r.criteria.push_back(std::move(c));
    }
    Statement mis(db_.get(), path_,
                  "SELECT misconception_id FROM misconceptions_seen WHERE submission_id = ? "
                  "ORDER BY rowid");
    mis.bind(1, subs.integer(0));
    while (mis.step()) r.misconceptions.push_back({mis.text(0), "", ""});
    Statement update(db_.get(), path_, "UPDATE submissions SET identity = ? WHERE id = ?");
    update.bind(1, r.identity()).bind(2, subs.integer(0)).run();
  }
}

History::Transaction::Transaction(History& history) : history_(history) {
  history_.exec("BEGIN IMMEDIATE");
}

History::Transaction::~Transaction() {
  if (open_) sqlite3_exec(history_.db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void History::Transaction::commit() {
  history_.exec("COMMIT");
  open_ = false;
}

std::optional<std::int64_t> History::find_student(const std::string& name) const {
  Statement s(db_.get(), path_, "SELECT id FROM students WHERE name = ?");
  s.bind(1, name);
  if (s.step()) return s.integer(0);
  return std::nullopt;
}

std::int64_t History::ensure_student(const std::string& name) {
  if (auto id = find_student(name)) return *id;
  Statement s(db_.get(), path_, "INSERT INTO students (name, created_at) VALUES (?, ?)");
  s.bind(1, name).bind(2, now()).run();
  return sqlite3_last_insert_rowid(db_.get());
}

std::vector<std::string> History::students() const {
  Statement s(db_.get(), path_, "SELECT name FROM students ORDER BY name");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<std::int64_t> History::find_submission(std::int64_t student,
                                                     const std::string& identity) const {
  Statement s(db_.get(), path_,
              std::string("SELECT id FROM submissions s WHERE student_id = ? AND identity = ? "
                          "AND ") +
                  kActive);
  s.bind(1, student).bind(2, identity);
  if (s.step()) return s.integer(0);
  return std::nullopt;
}

std::vector<ActiveGrading> History::find_attempt(std::int64_t student,
                                                 const std::string& attempt_key,
                                                 const std::string& identity) const {
  Statement s(db_.get(), path_,
              std::string("SELECT id, COALESCE(attempt, id), identity, COALESCE(grading, ''), "
                          "context, submitted_at FROM submissions s WHERE student_id = ?1 AND ") +
                  kActive +
                  " AND ((?2 <> '' AND attempt_key = ?2) OR (?2 = '' AND identity = ?3)) "
                  "ORDER BY id");
  s.bind(1, student).bind(2, attempt_key).bind(3, identity);
  std::vector<ActiveGrading> out;
  while (s.step())
    out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.integer(5)});
  return out;
}

std::int64_t History::insert_submission(std::int64_t student, const ScoreRecord& sub,
                                        const std::string& context, std::int64_t time,
                                        std::int64_t attempt) {
  Statement s(db_.get(), path_,
              "INSERT INTO submissions (student_id, identity, content_hash, file, rubric_id, "
              "rubric_version, rubric_hash, context, assignment_id, score, max_score, percent, "
              "passed, submitted_at, attempt_key, grading, record_json, withheld) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, student)
      .bind(2, sub.identity())
      .bind_text_or_null(3, sub.content_hash)
      .bind(4, sub.file);
  s.bind(5, sub.rubric.id).bind(6, sub.rubric.version).bind(7, sub.rubric.hash).bind(8, context);
  s.bind_text_or_null(9, sub.assignment).bind(10, sub.score).bind(11, sub.max_score);
  s.bind(12, sub.percent).bind(13, sub.passed ? 1 : 0).bind(14, time);
  s.bind_text_or_null(15, attempt_key(sub)).bind(16, grading_key(sub));
  s.bind(17, dump_json(to_json(sub))).bind(18, sub.withheld ? 1 : 0).run();
  const std::int64_t id = sqlite3_last_insert_rowid(db_.get());
  Statement a(db_.get(), path_, "UPDATE submissions SET attempt = ? WHERE id = ?");
  a.bind(1, attempt == 0 ? id : attempt).bind(2, id).run();
  return id;
}

void History::retire(std::int64_t old, std::int64_t time) {
  // The audit row keeps its grading but no longer owns the identity (UNIQUE per student).
  Statement s(db_.get(), path_,
              "UPDATE submissions SET superseded_at = ?1, "
              "identity = identity || char(31) || 'superseded ' || id WHERE id = ?2");
  s.bind(1, time).bind(2, old).run();
}

void History::supersede(std::int64_t old, std::int64_t by) {
  Statement s(db_.get(), path_, "UPDATE submissions SET superseded_by = ? WHERE id = ?");
  s.bind(1, by).bind(2, old).run();
}

void History::set_context(std::int64_t submission, const std::string& context) {
  Statement s(db_.get(), path_, "UPDATE submissions SET context = ? WHERE id = ?");
  s.bind(1, context).bind(2, submission).run();
}

std::vector<History::StoredGrading> History::active_records(std::int64_t student) const {
  Statement s(db_.get(), path_,
              std::string("SELECT id, record_json, file, content_hash, rubric_id, rubric_version, "
                          "rubric_hash, assignment_id, score, max_score, percent, passed, "
                          "withheld, COALESCE(attempt, id), submitted_at FROM submissions s "
                          "WHERE student_id = ? AND ") +
                  kActive + " ORDER BY COALESCE(attempt, id), id");
  s.bind(1, student);
  std::vector<StoredGrading> out;
  while (s.step()) {
    const std::int64_t id = s.integer(0);
    StoredGrading g{id, s.integer(13), s.integer(14), {}};
    if (const std::string stored = s.text(1); !stored.empty()) {
      ScoreOutcome o = parse_score_line(stored, path_);
      if (o.record) {
        g.record = std::move(*o.record);
        out.push_back(std::move(g));
        continue;
      }
    }
    // A row from before schema 3: what the tables kept. Its hints are the texts shown then.
    ScoreRecord r;
    r.file = s.text(2);
    r.content_hash = s.text(3);
    r.rubric = {s.text(4), s.text(5), s.text(6)};
    r.assignment = s.text(7);
    r.score = s.real(8);
    r.max_score = s.real(9);
    r.percent = s.real(10);
    r.passed = s.integer(11) != 0;
    r.withheld = s.integer(12) != 0;
    Statement crit(db_.get(), path_,
                   "SELECT r.criterion_id, r.metric, r.concept, r.value, r.points, r.max_points, "
                   "r.pass_fraction, r.status, h.text FROM criterion_results r LEFT JOIN "
                   "hints_shown h ON h.submission_id = r.submission_id AND h.criterion_id = "
                   "r.criterion_id WHERE r.submission_id = ? ORDER BY r.position");
    crit.bind(1, id);
    while (crit.step()) {
      CriterionRecord c;
      c.id = crit.text(0);
      c.metric = crit.text(1);
      c.concept_id = crit.text(2);
      c.value = crit.optional_real(3);
      c.points = crit.real(4);
      c.max_points = crit.real(5);
      c.pass_fraction = crit.optional_real(6);
      c.status = parse_status(crit.text(7)).value_or(Status::fail);
      const std::string hint = crit.text(8);
      c.hints = {hint, hint, hint};
      r.criteria.push_back(std::move(c));
    }
    Statement mis(db_.get(), path_,
                  "SELECT misconception_id, COALESCE(concept, ''), message FROM "
                  "misconceptions_seen WHERE submission_id = ? ORDER BY rowid");
    mis.bind(1, id);
    while (mis.step()) r.misconceptions.push_back({mis.text(0), mis.text(1), mis.text(2)});
    g.record = std::move(r);
    out.push_back(std::move(g));
  }
  return out;
}

void History::clear_derived(std::int64_t student) {
  const std::string active =
      std::string("(SELECT id FROM submissions s WHERE student_id = ?1 AND ") + kActive + ")";
  for (const std::string& sql : std::vector<std::string>{
           "DELETE FROM mastery WHERE student_id = ?1",
           "DELETE FROM mastery_contexts WHERE student_id = ?1",
           "DELETE FROM hints_shown WHERE submission_id IN " + active,
           "DELETE FROM misconceptions_seen WHERE submission_id IN " + active,
           "DELETE FROM assignments_issued WHERE submission_id IN " + active}) {
    Statement s(db_.get(), path_, sql);
    s.bind(1, student).run();
  }
}

void History::insert_criterion(std::int64_t submission, const CriterionRecord& c) {
  Statement s(db_.get(), path_,
              "INSERT INTO criterion_results (submission_id, position, criterion_id, metric, "
              "concept, value, points, max_points, pass_fraction, status, correct) VALUES "
              "(?, (SELECT count(*) FROM criterion_results WHERE submission_id = ?1), ?, ?, ?, ?, "
              "?, ?, ?, ?, ?)");
  s.bind(1, submission)
      .bind(2, c.id)
      .bind_text_or_null(3, c.metric)
      .bind_text_or_null(4, c.concept_id);
  s.bind(5, c.value).bind(6, c.points).bind(7, c.max_points).bind(8, c.pass_fraction);
  s.bind(9, std::string(to_string(c.status))).bind(10, c.correct() ? 1 : 0).run();
}

std::vector<SubmissionRow> History::submissions(std::int64_t student, bool audit) const {
  Statement s(db_.get(), path_,
              std::string("SELECT id, file, rubric_id, rubric_version, context, score, max_score, "
                          "passed, submitted_at, COALESCE(superseded_by, 0), "
                          "COALESCE(superseded_at, 0), rubric_hash FROM submissions s "
                          "WHERE student_id = ?1 AND (?2 OR ") +
                  kActive + ") ORDER BY " + (audit ? "id" : "COALESCE(attempt, id), id"));
  s.bind(1, student).bind(2, audit ? 1 : 0);
  std::vector<SubmissionRow> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.real(5), s.real(6),
                   s.integer(7) != 0, s.integer(8), s.integer(9), s.integer(10), s.text(11)});
  return out;
}

int History::misses(std::int64_t student, const std::string& rubric_id,
                    const std::string& criterion_id, std::int64_t except) const {
  Statement s(db_.get(), path_,
              "SELECT count(DISTINCT r.submission_id) FROM criterion_results r "
              "JOIN submissions s ON s.id = r.submission_id "
              "WHERE s.student_id = ? AND s.rubric_id = ? AND r.criterion_id = ? "
              "AND r.status IN ('partial', 'fail') AND COALESCE(s.attempt, s.id) < ? "
              "AND s.withheld = 0 AND s.superseded_by IS NULL");
  s.bind(1, student).bind(2, rubric_id).bind(3, criterion_id).bind(4, except);
  s.step();
  return static_cast<int>(s.integer(0));
}

void History::insert_hint(std::int64_t submission, const std::string& rubric_id,
                          const StoredHint& hint) {
  Statement s(db_.get(), path_,
              "INSERT INTO hints_shown (submission_id, rubric_id, criterion_id, level, text) "
              "VALUES (?, ?, ?, ?, ?)");
  s.bind(1, submission).bind(2, rubric_id).bind(3, hint.criterion_id).bind(4, hint.level);
  s.bind(5, hint.text).run();
}

std::vector<StoredHint> History::hints(std::int64_t submission) const {
  Statement s(db_.get(), path_,
              "SELECT criterion_id, level, text FROM hints_shown WHERE submission_id = ? "
              "ORDER BY criterion_id");
  s.bind(1, submission);
  std::vector<StoredHint> out;
  while (s.step()) out.push_back({s.text(0), static_cast<int>(s.integer(1)), s.text(2)});
  return out;
}

void History::insert_misconception(std::int64_t submission, const MisconceptionHit& m) {
  Statement s(db_.get(), path_,
              "INSERT OR IGNORE INTO misconceptions_seen (submission_id, misconception_id, "
              "concept, message) VALUES (?, ?, ?, ?)");
  s.bind(1, submission).bind(2, m.id).bind_text_or_null(3, m.concept_id).bind(4, m.message).run();
}

LearnerState History::load_state(std::int64_t student, const std::string& name,
                                 const ConceptGraph& graph) const {
  LearnerState state{.student = name, .concepts = {}, .issued_counts = {}, .last_kind = {}};
  for (const Concept& c : graph.concepts()) {
    ConceptState cs;
    cs.concept_id = c.id;
    cs.p_known = c.bkt.prior;
    Statement m(db_.get(), path_,
                "SELECT p_known, opportunities, correct, last_practised_at, last_submission_id, "
                "observations, coalesce(last_share, -1), missed_in_a_row "
                "FROM mastery WHERE student_id = ? AND concept = ?");
    m.bind(1, student).bind(2, c.id);
    if (m.step()) {
      cs.p_known = m.real(0);
      cs.opportunities = static_cast<int>(m.integer(1));
      cs.correct = static_cast<int>(m.integer(2));
      cs.last_practised_at = m.integer(3);
      cs.last_submission_id = m.integer(4);
      cs.observations = static_cast<int>(m.integer(5));
      cs.last_share = m.real(6);
      cs.missed_in_a_row = static_cast<int>(m.integer(7));
    }
    Statement kind(db_.get(), path_,
                   "SELECT a.kind FROM assignments_issued a JOIN submissions s ON "
                   "s.id = a.submission_id WHERE a.student_id = ? AND a.concept = ? AND " +
                       std::string(kActive) + " ORDER BY a.issued_at DESC, a.rowid DESC LIMIT 1");
    kind.bind(1, student).bind(2, c.id);
    if (kind.step()) cs.last_kind = kind.text(0);
    Statement ctx(db_.get(), path_,
                  "SELECT context FROM mastery_contexts WHERE student_id = ? AND concept = ? "
                  "ORDER BY context");
    ctx.bind(1, student).bind(2, c.id);
    while (ctx.step()) cs.contexts.push_back(ctx.text(0));
    Statement mis(
        db_.get(), path_,
        "SELECT count(*) AS n, x.misconception_id FROM misconceptions_seen x JOIN submissions s "
        "ON s.id = x.submission_id WHERE s.student_id = ? AND x.concept = ? "
        "AND s.superseded_by IS NULL GROUP BY x.misconception_id "
        "ORDER BY n DESC, x.misconception_id LIMIT 1");
    mis.bind(1, student).bind(2, c.id);
    if (mis.step()) {
      cs.misconception_repeats = static_cast<int>(mis.integer(0));
      cs.repeated_misconception = mis.text(1);
    }
    state.concepts.push_back(std::move(cs));
  }
  Statement issued(db_.get(), path_,
                   "SELECT a.assignment_id, count(*) FROM assignments_issued a JOIN submissions s "
                   "ON s.id = a.submission_id WHERE a.student_id = ? AND s.superseded_by IS NULL "
                   "GROUP BY a.assignment_id ORDER BY a.assignment_id");
  issued.bind(1, student);
  while (issued.step()) state.issued_counts[issued.text(0)] = static_cast<int>(issued.integer(1));
  Statement last(db_.get(), path_,
                 "SELECT a.kind FROM assignments_issued a JOIN submissions s ON s.id = "
                 "a.submission_id WHERE a.student_id = ? AND " +
                     std::string(kActive) + " ORDER BY a.issued_at DESC, a.rowid DESC LIMIT 1");
  last.bind(1, student);
  if (last.step()) state.last_kind = last.text(0);
  return state;
}

void History::save_concept(std::int64_t student, const ConceptState& c) {
  Statement s(db_.get(), path_,
              "INSERT INTO mastery (student_id, concept, p_known, opportunities, correct, "
              "last_practised_at, last_submission_id, observations, last_share, missed_in_a_row) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (student_id, concept) DO UPDATE SET p_known = excluded.p_known, "
              "opportunities = excluded.opportunities, correct = excluded.correct, "
              "last_practised_at = excluded.last_practised_at, "
              "last_submission_id = excluded.last_submission_id, "
              "observations = excluded.observations, last_share = excluded.last_share, "
              "missed_in_a_row = excluded.missed_in_a_row");
  s.bind(1, student).bind(2, c.concept_id).bind(3, c.p_known).bind(4, c.opportunities);
  s.bind(5, c.correct).bind(6, c.last_practised_at).bind(7, c.last_submission_id);
  s.bind(8, c.observations).bind(9, c.last_share).bind(10, c.missed_in_a_row).run();
  for (const auto& context : c.contexts) {
    Statement ctx(db_.get(), path_,
                  "INSERT OR IGNORE INTO mastery_contexts (student_id, concept, context) "
                  "VALUES (?, ?, ?)");
    ctx.bind(1, student).bind(2, c.concept_id).bind(3, context).run();
  }
}

namespace {

// Where a table's rows of one student are (?3: the student's id in the source), for
// import_students(). A table missing here stops the import: a new table must say how it merges.
struct ImportedTable {
  const char* name;
  const char* rows;
};
constexpr ImportedTable kImportedTables[] = {
    {"students", "id = ?3"},
    {"submissions", "student_id = ?3"},
    {"criterion_results",
     "submission_id IN (SELECT id FROM src.submissions WHERE student_id = ?3)"},
    {"mastery", "student_id = ?3"},
    {"mastery_contexts", "student_id = ?3"},
    {"hints_shown", "submission_id IN (SELECT id FROM src.submissions WHERE student_id = ?3)"},
    {"misconceptions_seen",
     "submission_id IN (SELECT id FROM src.submissions WHERE student_id = ?3)"},
    {"assignments_issued", "student_id = ?3"},
};

// What a column becomes in the imported row (?1: the submission id offset, ?2: the student's new
// id); "" leaves it out (a fresh id).
std::string imported_column(const std::string& table, const std::string& column) {
  const auto moved = [&] {
    return "CASE WHEN " + column + " > 0 THEN " + column + " + ?1 ELSE " + column + " END";
  };
  if (column == "id") return table == "submissions" ? moved() : "";
  if (column == "student_id") return "?2";
  if (column == "submission_id" || column == "attempt" || column == "superseded_by" ||
      column == "last_submission_id")
    return moved();
  return column;
}

}  // namespace

class History::Attached {
 public:
  Attached(History& history, const std::filesystem::path& source) : db_(history.db_.get()) {
    Statement attach(db_, history.path_, "ATTACH DATABASE ?1 AS src");
    attach.bind(1, source.string()).run();
  }
  Attached(const Attached&) = delete;
  Attached& operator=(const Attached&) = delete;
  ~Attached() { sqlite3_exec(db_, "DETACH DATABASE src", nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_;
};

void History::import_students(const std::filesystem::path& source,
                              const std::vector<std::string>& names) {
  // The source must be a current history; opening it read-only checks that, and says why not.
  const std::vector<std::string> held = open_read_only(source).students();
  const Attached attached(*this, source);
  Transaction tx(*this);
  std::vector<std::string> statements;
  {
    Statement tables(db_.get(), path_, "SELECT name FROM main.sqlite_master WHERE type = 'table'");
    while (tables.step()) {
      const std::string table = tables.text(0);
      const auto* known = std::find_if(std::begin(kImportedTables), std::end(kImportedTables),
                                       [&](const ImportedTable& t) { return table == t.name; });
      if (known == std::end(kImportedTables))
        throw std::logic_error("history table " + table + " has no rule in import_students()");
      std::string columns, values;
      Statement info(db_.get(), path_, "SELECT name FROM pragma_table_info(?1, 'main')");
      info.bind(1, table);
      while (info.step()) {
        const std::string column = info.text(0);
        const std::string value = imported_column(table, column);
        if (value.empty()) continue;
        columns += (columns.empty() ? "" : ", ") + column;
        values += (values.empty() ? "" : ", ") + value;
      }
      // Students first and submissions before the rows that point at them.
      const std::string insert = "INSERT INTO main." + table + " (" + columns + ") SELECT " +
                                 values + " FROM src." + table + " WHERE " + known->rows;
      const auto order = static_cast<std::size_t>(known - std::begin(kImportedTables));
      if (statements.size() <= order) statements.resize(order + 1);
      statements[order] = insert;
    }
  }
  for (const auto& name : names) {
    if (std::find(held.begin(), held.end(), name) == held.end()) continue;
    if (find_student(name))
      throw InputError(path_, "student " + name + " is in two of the histories merged");
    Statement id(db_.get(), path_, "SELECT id FROM src.students WHERE name = ?1");
    id.bind(1, name);
    id.step();
    const std::int64_t from = id.integer(0);
    Statement offset(db_.get(), path_, "SELECT COALESCE(MAX(id), 0) FROM main.submissions");
    offset.step();
    const std::int64_t off = offset.integer(0);
    std::int64_t to = 0;
    for (std::size_t k = 0; k < statements.size(); ++k) {
      if (statements[k].empty()) continue;
      Statement insert(db_.get(), path_, statements[k]);
      // ?2 in the students row is not used; its id is new, and read back for the other tables.
      insert.bind(1, off).bind(2, to).bind(3, from).run();
      if (k == 0) to = sqlite3_last_insert_rowid(db_.get());
    }
  }
  tx.commit();
}

std::int64_t History::lacks(const std::filesystem::path& source) {
  open_read_only(source);  // a current history, or an InputError saying why not
  const Attached attached(*this, source);
  Statement count(db_.get(), path_,
                  "SELECT count(*) FROM src.submissions s JOIN src.students st ON st.id = "
                  "s.student_id WHERE NOT EXISTS (SELECT 1 FROM main.submissions m JOIN "
                  "main.students ms ON ms.id = m.student_id WHERE ms.name = st.name AND "
                  "m.identity = s.identity)");
  count.step();
  return count.integer(0);
}

void History::copy_to(const std::filesystem::path& dest) {
  Statement vacuum(db_.get(), path_, "VACUUM INTO ?1");
  vacuum.bind(1, dest.string()).run();
}

void History::insert_issued(std::int64_t student, const IssuedAssignment& a) {
  Statement s(
      db_.get(), path_,
      "INSERT INTO assignments_issued (student_id, submission_id, assignment_id, rubric_id, "
      "concept, kind, reason, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, student).bind(2, a.submission_id).bind(3, a.assignment_id).bind(4, a.rubric_id);
  s.bind(5, a.concept_id).bind(6, a.kind).bind(7, a.reason).bind(8, a.issued_at).run();
}

namespace {
std::optional<IssuedAssignment> read_issued(Statement& s) {
  if (!s.step()) return std::nullopt;
  return IssuedAssignment{s.text(0), s.text(1),    s.text(2),   s.text(3),
                          s.text(4), s.integer(5), s.integer(6)};
}
}  // namespace

std::optional<IssuedAssignment> History::issued_for(std::int64_t submission) const {
  Statement s(
      db_.get(), path_,
      "SELECT assignment_id, rubric_id, concept, kind, reason, submission_id, issued_at FROM "
      "assignments_issued WHERE submission_id = ?");
  s.bind(1, submission);
  return read_issued(s);
}

std::optional<IssuedAssignment> History::last_issued(std::int64_t student,
                                                     const std::string& rubric_id) const {
  Statement s(
      db_.get(), path_,
      "SELECT a.assignment_id, a.rubric_id, a.concept, a.kind, a.reason, a.submission_id, "
      "a.issued_at FROM assignments_issued a JOIN submissions s ON s.id = a.submission_id "
      "WHERE a.student_id = ?1 AND (?2 = '' OR a.rubric_id = ?2) AND s.superseded_by IS NULL "
      "ORDER BY a.id DESC LIMIT 1");
  s.bind(1, student).bind(2, rubric_id);
  return read_issued(s);
}

}  // namespace mixgrade::learner
