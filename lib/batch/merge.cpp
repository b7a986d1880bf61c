#include "batch/merge.hpp"

#include "batch/out_lock.hpp"
#include "batch/student.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "batch/class_run.hpp"
#include "batch/roster.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/read_file.hpp"
#include "learner/history.hpp"
#include "report/class_outputs.hpp"
#include "report/class_report_html.hpp"

namespace mixgrade {

namespace {

using json = nlohmann::ordered_json;

std::string text_field(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Submission submission_from(const json& s, const std::string& source) {
  if (!s.is_object() || !s.contains("key") || !s["key"].is_string())
    throw InputError(source, "a student without a 'key'");
  Submission out;
  out.student_key = s["key"];
  out.display_name = text_field(s, "name");
  out.lms_user_id = text_field(s, "lms_user_id");
  out.late = s.value("late", false);
  out.path = text_field(s, "file");
  try {
    out.layout = parse_layout(text_field(s, "layout"));
  } catch (const UsageError& e) {
    throw InputError(source, out.student_key + ": " + e.what());
  }
  if (s.contains("warnings") && s["warnings"].is_array())
    for (const auto& w : s["warnings"])
      if (w.is_string()) out.warnings.push_back(w);
  return out;
}

// The class history, OUT/mixgrade.db: each student's rows from the slice that graded them in
// this run; a student no slice graded this time from the first slice that holds them (slices
// started from one class history agree on them). Written beside and renamed into place.
void merge_histories(const MergeOptions& m, const std::vector<ShardOutput>& parts) {
  namespace fs = std::filesystem;
  const fs::path target = m.out / "mixgrade.db";
  const fs::path building = m.out / ".mixgrade.db.merging";
  const auto remove_db = [](const fs::path& db) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      fs::remove(db.string() + suffix, ec);
  };
  remove_db(building);
  std::size_t students = 0;
  {
    learner::History merged = learner::History::open(building, learner::clock_for_run(m.now));
    std::set<std::string> done;
    const auto import = [&](std::size_t k, std::vector<std::string> names) {
      const fs::path source = m.shards[k] / "mixgrade.db";
      std::erase_if(names, [&](const std::string& n) { return done.contains(n); });
      std::error_code ec;
      if (names.empty()) return;
      if (!fs::is_regular_file(source, ec)) {
        spdlog::warn(
            "{}: no mixgrade.db (graded with --history elsewhere?): the class history "
            "has no learner state for its {} student{}",
            m.shards[k].string(), names.size(), names.size() == 1 ? "" : "s");
        done.insert(names.begin(), names.end());  // said once
        return;
      }
      merged.import_students(source, names);
      done.insert(names.begin(), names.end());
    };
    for (std::size_t k = 0; k < parts.size(); ++k) {
      std::vector<std::string> graded;
      for (const auto& g : parts[k].graded) graded.push_back(g.submission.student_key);
      import(k, graded);
    }
    for (std::size_t k = 0; k < parts.size(); ++k) {
      std::error_code ec;
      const fs::path source = m.shards[k] / "mixgrade.db";
      if (fs::is_regular_file(source, ec))
        import(k, learner::History::open_read_only(source).students());
    }
    students = merged.students().size();
  }  // closed: the write-ahead log is folded into the file
  remove_db(target);
  std::error_code ec;
  fs::rename(building, target, ec);
  if (ec) throw InputError(target.string(), "cannot write the class history: " + ec.message());
  spdlog::debug("{}: class history of {} students", target.string(), students);
}

}  // namespace

ShardOutput read_shard(const std::filesystem::path& grades_json) {
  const std::string source = grades_json.string();
  std::ifstream in(grades_json, std::ios::binary);
  if (!in)
    throw InputError(source, "cannot open (is it the --out folder of a mixgrade-batch run?)");
  std::ostringstream text;
  text << in.rdbuf();
  if (json_too_deep(text.str())) throw InputError(source, kJsonTooDeep);
  ShardOutput out;
  // Each student is taken as soon as it is parsed and dropped from the tree, so a shard of
  // thousands is never held as one JSON tree (about ten times its text).
  std::string top_key;
  const json::parser_callback_t take_student = [&](int depth, json::parse_event_t event,
                                                   json& parsed) {
    if (event == json::parse_event_t::key && depth == 1) top_key = parsed.get<std::string>();
    if (event != json::parse_event_t::object_end || depth != 2 || top_key != "students")
      return true;
    // The roster entry is joined again from --roster by the merge, as in a single run. "name"
    // is the roster's when the shard matched one; matching normalises names, so it finds the
    // same.
    Submission submission = submission_from(parsed, source);
    std::optional<ScoreOutcome> outcome;
    if (parsed.contains("result") && !parsed["result"].is_null()) {
      try {
        outcome = parse_score(parsed["result"], source);
      } catch (const InputError& e) {
        // One damaged result is that student's error, not the class's.
        outcome = ScoreOutcome{submission.path.string(), std::nullopt, e.reason()};
      }
    }
    out.graded.push_back({std::move(submission), std::move(outcome)});
    return false;
  };
  const json j = json::parse(text.str(), take_student, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("students") || !j["students"].is_array())
    throw InputError(source, "not a grades.json written by mixgrade-batch");
  if (!j["students"].empty()) throw InputError(source, "a student without a 'key'");
  if (j.contains("assignment") && j["assignment"].is_object())
    out.assignment = {text_field(j["assignment"], "name"), text_field(j["assignment"], "id")};
  if (j.contains("warnings") && j["warnings"].is_array())
    for (const auto& w : j["warnings"])
      if (w.is_string()) out.warnings.push_back(w);
  return out;
}

ShardOutput merge_shards(std::vector<ShardOutput> shards) {
  ShardOutput out;
  if (shards.empty()) return out;
  out.assignment = shards.front().assignment;
  out.warnings = shards.front().warnings;
  std::set<std::string> seen;
  for (auto& shard : shards)
    for (auto& g : shard.graded) {
      if (!seen.insert(g.submission.student_key).second)
        throw InputError(g.submission.student_key, "graded in two shards");
      out.graded.push_back(std::move(g));
    }
  std::stable_sort(out.graded.begin(), out.graded.end(), [](const auto& a, const auto& b) {
    return natural_less(a.submission.student_key, b.submission.student_key);
  });
  return out;
}

ClassReport merge_class(const MergeOptions& m) {
  namespace fs = std::filesystem;
  std::vector<ShardOutput> parts;
  for (const auto& dir : m.shards) {
    parts.push_back(read_shard(dir / "grades.json"));
    spdlog::debug("{}: {} students", dir.string(), parts.back().graded.size());
  }
  // A student graded in two shards stops the merge before anything is copied.
  ShardOutput merged = merge_shards(parts);
  const Roster roster = m.roster.empty() ? Roster{} : read_roster(m.roster);
  std::error_code made;
  fs::create_directories(m.out, made);
  if (made) throw InputError(m.out.string(), "cannot create folder: " + made.message());
  const OutLock lock(m.out);  // one run at a time on this OUT
  // Student folders first: the class files, written last, say the merge finished.
  for (std::size_t k = 0; k < parts.size(); ++k)
    for (const auto& g : parts[k].graded) {
      const fs::path from = student_folder(m.shards[k], g.submission.student_key);
      if (!fs::exists(from)) {
        // A student with no file submitted has no folder; a graded one must have had pages.
        if (g.outcome)
          spdlog::warn("{}: no folder for {}: the merged class has no pages for them",
                       m.shards[k].string(), g.submission.student_key);
        continue;
      }
      std::error_code ec;
      const fs::path to = student_folder(m.out, g.submission.student_key);
      fs::create_directories(to, ec);
      fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
      if (ec)
        throw InputError(from.string(), "cannot copy to " + m.out.string() + ": " + ec.message());
    }
  merge_histories(m, parts);
  Assignment assignment = merged.assignment;
  if (m.assignment_name) assignment.name = *m.assignment_name;
  if (m.assignment_id) assignment.id = *m.assignment_id;
  ClassReport report =
      build_class_report(std::move(merged.graded), roster, assignment, merged.warnings);
  ClassOutputOptions outputs;
  outputs.junit = {m.junit_strict, junit_timestamp(learner::clock_for_run(m.now)()), "localhost"};
  write_class_outputs(m.out, report, outputs);
  // report.html from the shards' report data (a shard run with --no-pictures has none).
  ClassPictures pictures;
  bool any = false;
  for (const auto& dir : m.shards) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / kReportDataFile, ec)) continue;
    const std::string text = read_input_file(dir / kReportDataFile);
    if (json_too_deep(text)) continue;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) continue;
    add_class_pictures(pictures, j);
    any = true;
  }
  if (any) {
    write_file_atomically(m.out / kReportDataFile,
                          dump_json(class_pictures_json(pictures), 2) + "\n");
    write_file_atomically(m.out / "report.html", class_report_html(report, pictures));
  }
  return report;
}

}  // namespace mixgrade
