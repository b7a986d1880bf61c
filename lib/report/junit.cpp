#include "report/junit.hpp"

#include <cctype>

#include "core/format.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"
#include "report/gradebook.hpp"

namespace mixgrade {

std::string xml_escape(std::string_view raw) {
  // XML 1.0 takes UTF-8 text only, and not U+FFFE or U+FFFF: a Latin-1 file name would make the
  // whole report unreadable to the CI server.
  std::string text = valid_utf8(raw);
  for (std::string_view bad : {"\xEF\xBF\xBE", "\xEF\xBF\xBF"})
    for (auto at = text.find(bad); at != std::string::npos; at = text.find(bad, at))
      text.erase(at, bad.size());
  // Control characters other than tab and line breaks are not allowed in XML 1.0 at all.
  std::erase_if(text, [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
  static constexpr CharReplacement kXml[] = {
      {'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&apos;"}};
  return replace_chars(text, kXml);
}

namespace {

// Attributes in the order given; values escaped.
class Element {
 public:
  explicit Element(std::string name) : name_(std::move(name)) {}
  Element& attr(const std::string& key, const std::string& value) {
    attrs_ += " " + key + "=\"" + xml_escape(value) + "\"";
    return *this;
  }
  std::string open() const { return "<" + name_ + attrs_ + ">"; }
  std::string empty() const { return "<" + name_ + attrs_ + "/>"; }
  std::string close() const { return "</" + name_ + ">"; }
  std::string with_text(const std::string& text) const {
    return text.empty() ? empty() : open() + xml_escape(text) + close();
  }

 private:
  std::string name_;
  std::string attrs_;
};

// Jenkins splits classname at dots into package and class: keep the name one segment.
std::string classname_of(const StudentRow& row) {
  std::string out;
  for (unsigned char c : row.name()) {
    if (std::isalnum(c) || c >= 0x80)
      out += static_cast<char>(c);
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? row.submission.student_key : out;
}

std::string failure_text(const CriterionRecord& c) {
  std::string text = c.metric + " = " + (c.value ? format_number(*c.value) : "not measured") +
                     "; " + format_number(c.points) + "/" + format_number(c.max_points) + " points";
  if (!c.hint().empty()) text += "\nHint: " + c.hint();
  return text;
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

Counts count(const StudentRow& row) {
  if (!row.score) return {1, 0, 1, 0};
  Counts n;
  if (row.score->withheld) n = {1, 1, 0, 0};  // the "grade" testcase
  for (const auto& c : row.score->criteria) {
    ++n.tests;
    if (c.missed()) ++n.failures;
    if (!c.applicable()) ++n.skipped;
  }
  return n;
}

std::string property(const std::string& name, const std::string& value) {
  return Element("property").attr("name", name).attr("value", value).empty();
}

std::string testcase(const StudentRow& row, const CriterionRecord& c, const JunitOptions& o) {
  Element tc("testcase");
  tc.attr("name", c.id).attr("classname", classname_of(row)).attr("time", "0");
  if (!o.strict) tc.attr("file", row.submission.path.generic_string());
  std::string body;
  switch (c.status) {
    case Status::partial:
    case Status::fail:
      body = Element("failure")
                 .attr("type", std::string(to_string(c.status)))
                 .attr("message", c.feedback)
                 .with_text(failure_text(c));
      break;
    case Status::not_applicable:
      body = Element("skipped")
                 .attr("message", c.feedback.empty() ? "not applicable" : c.feedback)
                 .empty();
      break;
    case Status::pass:
      break;
  }
  if (!o.strict) {
    // Testcase properties are read by Azure DevOps and Testmo; Jenkins' schema rejects them.
    body = "<properties>" + property("metric", c.metric) +
           property("value", c.value ? format_number(*c.value) : "") +
           property("points", format_number(c.points)) +
           property("max_points", format_number(c.max_points)) + property("concept", c.concept_id) +
           "</properties>" + body;
    if (c.status == Status::pass && !c.feedback.empty())
      body += Element("system-out").with_text(c.feedback);
  }
  return "    " + (body.empty() ? tc.empty() : tc.open() + body + tc.close()) + "\n";
}

// A grade held back for review fails its own testcase, so CI shows it as not released.
std::string withheld_testcase(const StudentRow& row, const JunitOptions& o) {
  Element tc("testcase");
  tc.attr("name", "grade").attr("classname", classname_of(row)).attr("time", "0");
  if (!o.strict) tc.attr("file", row.submission.path.generic_string());
  const std::string why = withheld_text(*row.score);
  return "    " + tc.open() +
         Element("failure").attr("type", "withheld").attr("message", why).with_text(why) +
         tc.close() + "\n";
}

std::string suite(const StudentRow& row, std::size_t index, const JunitOptions& o) {
  const Counts n = count(row);
  const Submission& sub = row.submission;
  Element ts("testsuite");
  ts.attr("name", row.name());
  const std::string rubric_id = row.score ? row.score->rubric.id : "";
  ts.attr("package", "mixgrade" + (rubric_id.empty() ? "" : "." + rubric_id))
      .attr("id", std::to_string(index))
      .attr("tests", std::to_string(n.tests))
      .attr("failures", std::to_string(n.failures))
      .attr("errors", std::to_string(n.errors))
      .attr("skipped", std::to_string(n.skipped))
      .attr("time", "0");
  if (!o.timestamp.empty()) ts.attr("timestamp", o.timestamp);
  ts.attr("hostname", o.hostname);

  std::string out = "  " + ts.open() + "\n";
  out += "    <properties>";
  out += property("student_key", sub.student_key);
  if (!sub.lms_user_id.empty()) out += property("lms_user_id", sub.lms_user_id);
  out += property("file", sub.path.generic_string());
  out += property("late", sub.late ? "true" : "false");
  if (row.score) {
    const ScoreRecord& s = *row.score;
    out += property("score", format_number(s.score));
    out += property("max_score", format_number(s.max_score));
    out += property("percent", format_number(s.percent));
    out += property("passed", s.passed ? "true" : "false");
    out += property("rubric", s.rubric.id + " " + s.rubric.version + " " + s.rubric.hash);
  }
  out += "</properties>\n";

  std::string system_out;
  if (row.score) {
    if (row.score->withheld) out += withheld_testcase(row, o);
    for (const auto& c : row.score->criteria) out += testcase(row, c, o);
    for (const auto& a : row.score->adjustments)
      system_out += "Adjustment " + std::string(to_string(a.kind)) + " " + format_number(a.points) +
                    ": " + a.reason + "\n";
    for (const auto& m : row.score->misconceptions)
      system_out += "Misconception " + m.id + ": " + m.message + "\n";
  } else {
    Element tc("testcase");
    tc.attr("name", "analysis").attr("classname", classname_of(row)).attr("time", "0");
    if (!o.strict) tc.attr("file", sub.path.generic_string());
    out += "    " + tc.open() +
           Element("error")
               .attr("type", "InputError")
               .attr("message", row.error)
               .with_text(row.error) +
           tc.close() + "\n";
  }
  std::string system_err;
  for (const auto& w : sub.warnings) system_err += w + "\n";
  // The Ant schema requires both elements, empty or not.
  out += "    " + Element("system-out").with_text(system_out) + "\n";
  out += "    " + Element("system-err").with_text(system_err) + "\n";
  return out + "  " + ts.close() + "\n";
}

}  // namespace

std::string junit_xml(const ClassReport& report, const JunitOptions& options) {
  Counts total;
  for (const auto& row : report.students) {
    const Counts n = count(row);
    total.tests += n.tests;
    total.failures += n.failures;
    total.errors += n.errors;
    total.skipped += n.skipped;
  }
  Element root("testsuites");
  if (!options.strict) {
    root.attr("name", "mixgrade " + report.assignment.name)
        .attr("tests", std::to_string(total.tests))
        .attr("failures", std::to_string(total.failures))
        .attr("errors", std::to_string(total.errors))
        .attr("skipped", std::to_string(total.skipped))
        .attr("time", "0");
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.open() + "\n";
  for (std::size_t i = 0; i < report.students.size(); ++i)
    out += suite(report.students[i], i, options);
  return out + root.close() + "\n";
}

}  // namespace mixgrade
