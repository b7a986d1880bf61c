#include "report/grades_json.hpp"

#include "core/json.hpp"

namespace mixgrade {

namespace {

nlohmann::ordered_json roster_json(const RosterEntry& r) {
  return {{"student", r.student},
          {"id", r.id},
          {"sis_user_id", r.sis_user_id},
          {"sis_login_id", r.sis_login_id},
          {"section", r.section}};
}

nlohmann::ordered_json student_json(const StudentRow& row) {
  const Submission& sub = row.submission;
  nlohmann::ordered_json j;
  j["key"] = sub.student_key;
  j["name"] = row.name();
  j["lms_user_id"] = sub.lms_user_id;
  j["roster"] = row.roster ? roster_json(*row.roster) : nlohmann::ordered_json(nullptr);
  j["file"] = sub.path.empty() ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(sub.path.generic_string());
  j["late"] = sub.late;
  j["layout"] = std::string(to_string(sub.layout));
  j["warnings"] = sub.warnings;
  const auto& s = row.score;
  j["score"] = s ? json_number(s->score, 2) : nullptr;
  j["max_score"] = s ? json_number(s->max_score, 2) : nullptr;
  j["percent"] = s ? json_number(s->percent, 2) : nullptr;
  j["passed"] = s ? nlohmann::ordered_json(s->passed) : nullptr;
  j["error"] = s ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.error);
  // Suspect uploads (rubric/suspect.hpp): written only when there are some, as result has them.
  if (s && s->withheld) j["withheld"] = true;
  if (s && !s->warnings.empty()) {
    auto suspect = nlohmann::ordered_json::array();
    for (const auto& w : s->warnings)
      suspect.push_back({{"kind", to_string(w.kind)}, {"message", w.message}});
    j["suspect"] = std::move(suspect);
  }
  // The score record as the student's result.json has it; {file, error}; null without a file.
  if (row.score)
    j["result"] = to_json(*row.score);
  else
    j["result"] = sub.path.empty() ? nlohmann::ordered_json(nullptr)
                                   : error_json(sub.path.string(), row.error);
  return j;
}

}  // namespace

namespace {

// Everything but the students, whose array is left empty.
nlohmann::ordered_json class_json(const ClassReport& report) {
  nlohmann::ordered_json j;
  j["assignment"] = {{"name", report.assignment.name}, {"id", report.assignment.id}};
  if (auto r = report.rubric())
    j["rubric"] = {{"id", r->id}, {"version", r->version}, {"hash", r->hash}};
  else
    j["rubric"] = nullptr;
  j["counts"] = {{"students", report.students.size()},
                 {"graded", report.graded()},
                 {"passed", report.passed()},
                 {"failed_to_process", report.failed_to_process()},
                 {"late", report.late()},
                 {"not_submitted", report.not_submitted.size()}};
  if (report.withheld() > 0) j["counts"]["withheld"] = report.withheld();
  if (report.regrades > 0) j["counts"]["regrades"] = report.regrades;
  j["students"] = nlohmann::ordered_json::array();
  auto missing = nlohmann::ordered_json::array();
  for (const auto& r : report.not_submitted) missing.push_back(roster_json(r));
  j["not_submitted"] = std::move(missing);
  j["warnings"] = report.warnings;
  return j;
}

}  // namespace

nlohmann::ordered_json grades_json(const ClassReport& report) {
  nlohmann::ordered_json j = class_json(report);
  for (const auto& row : report.students) j["students"].push_back(student_json(row));
  return j;
}

std::string grades_json_text(const ClassReport& report) {
  const std::string head = dump_json(class_json(report), 2);
  // The empty array is the only place the students go: a quote inside a string is escaped.
  const std::string empty = "\"students\": []";
  const std::size_t at = head.find(empty);
  if (report.students.empty() || at == std::string::npos) return head;
  std::string text = head.substr(0, at) + "\"students\": [";
  for (std::size_t i = 0; i < report.students.size(); ++i) {
    // An element of the top object's array is indented by 4; its dump's own line breaks are
    // all layout (a line break inside a string is escaped).
    const std::string one = dump_json(student_json(report.students[i]), 2);
    text += i == 0 ? "\n    " : ",\n    ";
    for (const char c : one) {
      text += c;
      if (c == '\n') text += "    ";
    }
  }
  text += "\n  ]";
  text.append(head, at + empty.size());
  return text;
}

}  // namespace mixgrade
