#pragma once
// The learner history: one SQLite database per course (default mixgrade.db). It stores students,
// submissions (content hash, file, rubric id/version/hash, time), per-criterion results, mastery
// per concept, hints shown, misconceptions seen and assignments issued.
//
// Safety: WAL journal (readers never block the writer), a busy timeout so concurrent writers wait
// instead of failing, and callers write one submission per BEGIN IMMEDIATE transaction (the write
// lock is taken before anything is read, so two processes cannot both read the old mastery and
// lose an update). The schema version lives in PRAGMA user_version; older databases are migrated
// forward, newer or foreign ones are refused, never overwritten.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learner/concepts.hpp"
#include "learner/state.hpp"
#include "rubric/score_record.hpp"

struct sqlite3;

namespace mixgrade::learner {

// Seconds since the Unix epoch. Injected so tests and reproducible runs control time.
using Clock = std::function<std::int64_t()>;
Clock system_clock();
Clock fixed_clock(std::int64_t seconds);
// The clock a tool records with: `now_option` (Unix seconds, a tool's --now), else
// SOURCE_DATE_EPOCH (reproducible builds' convention), else the system clock. Throws UsageError
// for anything but a non-negative whole number.
Clock clock_for_run(const std::string& now_option);

inline constexpr int kHistorySchemaVersion = 4;

// Regrades (schema 3). One attempt is one file content from one student under one rubric id:
// attempt_key() ("" without a content hash: then the identity alone names the attempt). Grading
// it again with the same rubric version and hash and the same grading_key() is a re-run that
// records nothing; anything else (a new rubric version, a changed marks, overrides or late CSV, a
// target, or --regrade) is a regrade: a new row replaces the attempt's current one, which stays as
// an audit row (superseded_by, superseded_at), and the learner state is replayed from the priors
// over the student's current gradings in attempt order.
std::string attempt_key(const ScoreRecord& record);
// What was graded: score, withheld, criteria (value, points, status, override reason, comment),
// adjustments and misconceptions. Feedback and hint texts do not count.
std::string grading_key(const ScoreRecord& record);

struct IssuedAssignment {
  std::string assignment_id;
  std::string rubric_id;  // the rubric that grades it: a later submission under it answers it
  std::string concept_id;
  std::string kind;
  std::string reason;
  std::int64_t submission_id = 0;
  std::int64_t issued_at = 0;
};

struct SubmissionRow {
  std::int64_t id = 0;
  std::string file;
  std::string rubric_id;
  std::string rubric_version;
  std::string context;
  double score = 0;
  double max_score = 0;
  bool passed = false;
  std::int64_t submitted_at = 0;
  std::int64_t superseded_by = 0;  // 0 while this is the attempt's current grading
  std::int64_t superseded_at = 0;
  std::string rubric_hash;
};

// The grading an attempt currently has (history.hpp "Regrades"): its row, where the attempt stands
// among the student's attempts, and what was graded.
struct ActiveGrading {
  std::int64_t id = 0;
  std::int64_t attempt = 0;  // the id of the attempt's first grading: the attempt's place in order
  std::string identity;
  std::string grading;  // grading_key() of the record; "" for rows from before schema 3
  std::string context;
  std::int64_t submitted_at = 0;  // when the attempt was handed in (a regrade keeps it)
};

struct StoredHint {
  std::string criterion_id;
  int level = 0;
  std::string text;
};

class History {
 public:
  // Opens or creates the database. Throws InputError(path, reason) when the file is not an SQLite
  // database, is corrupt, belongs to another application or has a newer schema; the file is left
  // exactly as it was.
  static History open(const std::filesystem::path& path, Clock clock);
  // Opens an existing history for reading only (--show, --list): never creates or migrates a
  // file. Throws InputError when there is none at `path`, or it is not a current mixgrade history.
  static History open_read_only(const std::filesystem::path& path);
  History(History&&) noexcept;
  History& operator=(History&&) noexcept;
  ~History();

  std::int64_t now() const { return clock_(); }
  const std::string& path() const { return path_; }

  // BEGIN IMMEDIATE on construction; ROLLBACK unless commit() was called.
  class Transaction {
   public:
    explicit Transaction(History& history);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

   private:
    History& history_;
    bool open_ = true;
  };

  std::optional<std::int64_t> find_student(const std::string& name) const;
  std::int64_t ensure_student(const std::string& name);
  std::vector<std::string> students() const;  // sorted

  // Only current gradings (not superseded) are found.
  std::optional<std::int64_t> find_submission(std::int64_t student,
                                              const std::string& identity) const;
  // The current gradings of one attempt: rows with this attempt key (attempt_key()), else the row
  // with this identity when the key is "". More than one only in a history written before
  // schema 3, which recorded a regrade as a new attempt.
  std::vector<ActiveGrading> find_attempt(std::int64_t student, const std::string& attempt_key,
                                          const std::string& identity) const;
  // `attempt` 0: a new attempt (its own id).
  std::int64_t insert_submission(std::int64_t student, const ScoreRecord& s,
                                 const std::string& context, std::int64_t time,
                                 std::int64_t attempt = 0);
  void insert_criterion(std::int64_t submission, const CriterionRecord& c);
  // A regrade in two steps, around inserting the new grading: retire() stamps superseded_at and
  // frees the old row's identity (the new grading may have the same), supersede() links it to
  // its replacement. The old row stays as the audit trail and no longer counts anywhere.
  void retire(std::int64_t old, std::int64_t time);
  void supersede(std::int64_t old, std::int64_t by);
  void set_context(std::int64_t submission, const std::string& context);
  // Current gradings by attempt order; with `audit`, superseded ones too (by id).
  std::vector<SubmissionRow> submissions(std::int64_t student, bool audit = false) const;
  // The current gradings of a student in attempt order, as recorded (record_json; rebuilt from
  // the criterion rows for rows from before schema 3), with their row ids.
  struct StoredGrading {
    std::int64_t id = 0;
    std::int64_t attempt = 0;
    std::int64_t submitted_at = 0;
    ScoreRecord record;
  };
  std::vector<StoredGrading> active_records(std::int64_t student) const;
  // Forgets what the learner model derived for a student (mastery, contexts, hints,
  // misconceptions seen and assignments issued of current gradings) before a replay.
  void clear_derived(std::int64_t student);

  // Current, released gradings of attempts before attempt `before` in which this criterion of
  // this rubric was missed (partial or fail).
  int misses(std::int64_t student, const std::string& rubric_id, const std::string& criterion_id,
             std::int64_t before) const;
  void insert_hint(std::int64_t submission, const std::string& rubric_id, const StoredHint& hint);
  std::vector<StoredHint> hints(std::int64_t submission) const;  // by criterion id

  void insert_misconception(std::int64_t submission, const MisconceptionHit& m);

  // Mastery of every concept of the graph (the prior for concepts never practised), contexts,
  // misconception repeats and the counts of issued assignments.
  LearnerState load_state(std::int64_t student, const std::string& name,
                          const ConceptGraph& graph) const;
  void save_concept(std::int64_t student, const ConceptState& state);

  // Merging histories (mixgrade-batch merge, --class-history). import_students() copies these
  // students' whole history (every table, audit rows too) from another current-schema history
  // file: ids move past this history's so nothing collides, and each student's rows keep their
  // order, so their learner state reads back the same. A name the source does not hold is skipped;
  // one this history holds already is an InputError. One transaction of its own (SQLite cannot
  // attach the source inside one).
  void import_students(const std::filesystem::path& source, const std::vector<std::string>& names);
  // How many submission rows of the history `source` this one lacks (same student and identity):
  // 0 when this history holds everything `source` holds.
  std::int64_t lacks(const std::filesystem::path& source);
  // Writes a consistent copy of this history to `dest`, which must not exist (VACUUM INTO).
  void copy_to(const std::filesystem::path& dest);

  void insert_issued(std::int64_t student, const IssuedAssignment& issued);
  std::optional<IssuedAssignment> issued_for(std::int64_t submission) const;
  // The assignment issued last, or the last one graded by `rubric_id` when that is not empty.
  std::optional<IssuedAssignment> last_issued(std::int64_t student,
                                              const std::string& rubric_id = "") const;

 private:
  History(std::string path, Clock clock);
  void exec(const std::string& sql);
  static History open_with(const std::filesystem::path& path, Clock clock, int sqlite_flags);
  void check_and_migrate(bool read_only);
  void rebuild_identities();  // migration 1 -> 2
  class Attached;  // another history attached as "src" while it lives (import_students, lacks)

  std::string path_;
  Clock clock_;
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace mixgrade::learner
