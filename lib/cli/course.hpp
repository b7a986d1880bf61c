#pragma once
// Where the course is: the folder holding concepts.toml, assignments/ and the rubrics with their
// targets/ (the repository's rubrics/, installed as share/mixgrade/rubrics). One lookup for
// mixgrade-score, -batch and -assign, so that they work from any folder:
//   1. --course DIR: DIR itself, or DIR/rubrics, when it holds concepts.toml;
//   2. the working folder or one of its parents: itself or its rubrics/ holding concepts.toml;
//   3. the installed course beside the executable: <exe>/../share/mixgrade/rubrics;
//   4. an executable in the build tree: the source tree's rubrics/.
// A given --course that holds no course is an error; it never falls through to the others.
#include <filesystem>
#include <string>

namespace mixgrade {

// The course folder. Throws UsageError, one line saying where it looked and to pass --course DIR.
std::filesystem::path find_course(const std::string& course_option);

// The course of a run that grades with `rubric`: --course when given; else the rubric's own
// folder when it holds concepts.toml (a course folder); else find_course(). So a copied rubric
// in an instructor's own folder is checked against the shipped concept graph.
std::filesystem::path course_for_rubric(const std::filesystem::path& rubric,
                                        const std::string& course_option);

// What a rubric is loaded against: its course (course_for_rubric) and the concepts file, which is
// --concepts when given (then a missing course is no error: the course is only where a rubric's
// target is looked for), else the course's concepts.toml.
struct RubricCourse {
  std::filesystem::path course;  // empty only with --concepts and no course found
  std::filesystem::path concepts;
};
RubricCourse rubric_course(const std::filesystem::path& rubric, const std::string& course_option,
                           const std::string& concepts_option);

// The rubric `--rubric given` names: `given` itself when it is a file or has a folder in it;
// else a rubric of the course (find_course) called `given` or `given`.toml, so that an installed
// mixgrade grades with `--rubric first-mix`. Otherwise `given` unchanged (its loader then says
// it cannot be opened).
std::filesystem::path resolve_rubric(const std::filesystem::path& given,
                                     const std::string& course_option);

// The help text of --course, the same in every tool.
extern const char* const kCourseOptionHelp;

}  // namespace mixgrade
