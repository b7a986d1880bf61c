#pragma once
// junit.xml: the class as test results, for CI servers (Jenkins, GitLab, GitHub test reporters).
// One <testsuite> per student, one <testcase> per rubric criterion; a criterion that lost points
// is a <failure> (message: the feedback; text: measured value, points and hint), a criterion that
// did not apply is <skipped>, and a student whose file could not be analysed has one "analysis"
// testcase with an <error>.
//
// Default mode adds what lenient readers show: totals on <testsuites>, the audio file on each
// testcase (GitLab's testcase@file), per-criterion <properties> and <system-out>.
// Strict mode writes only what Jenkins' xUnit schema (junit-10.xsd) accepts, and in the shape
// the Ant schema (windyroad JUnit.xsd) requires: a bare <testsuites>, package / id / timestamp /
// hostname / time on every suite, <properties> first and <system-out> / <system-err> last, at
// most one result element per testcase.
#include <string>

#include "report/class_record.hpp"

namespace mixgrade {

struct JunitOptions {
  bool strict = false;
  std::string timestamp;  // ISO 8601 without zone, "2026-11-25T01:20:00"; the run's
                          // start (omitted when empty, which strict schemas reject)
  std::string hostname = "localhost";
};

std::string junit_xml(const ClassReport& report, const JunitOptions& options = {});

// Text made safe for XML attribute values and element content: & < > " ' escaped, characters
// XML 1.0 forbids (control characters other than tab, line feed, carriage return) dropped.
std::string xml_escape(std::string_view text);

}  // namespace mixgrade
