#include "cli/course.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <system_error>
#include <vector>

#include "core/error.hpp"

namespace mixgrade {
namespace {

namespace fs = std::filesystem;

const char* const kMarker = "concepts.toml";

// DIR or DIR/rubrics, whichever holds concepts.toml.
std::optional<fs::path> course_in(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir / kMarker, ec)) return dir;
  if (fs::is_regular_file(dir / "rubrics" / kMarker, ec)) return dir / "rubrics";
  return std::nullopt;
}

fs::path executable() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

// Whether `path` lies inside `dir` (both absolute, normalised).
bool inside(const fs::path& path, const fs::path& dir) {
  const auto p = path.lexically_normal();
  const auto d = dir.lexically_normal();
  auto [end, _] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
  return end == d.end() || (std::next(end) == d.end() && end->empty());
}

}  // namespace

const char* const kCourseOptionHelp =
    "The course folder: concepts.toml, assignments/ and the rubrics (default: the working folder "
    "or a parent holding rubrics/, else the installed share/mixgrade)";

fs::path find_course(const std::string& course_option) {
  if (!course_option.empty()) {
    if (auto found = course_in(course_option)) return *found;
    throw UsageError(fmt::format("--course {}: no {} there or in {}/rubrics", course_option,
                                 kMarker, course_option));
  }
  std::vector<std::string> looked;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    for (fs::path dir = cwd;; dir = dir.parent_path()) {
      if (auto found = course_in(dir)) return *found;
      if (dir == dir.root_path() || dir.parent_path() == dir) break;
    }
    looked.push_back(cwd.string() + " and its parents");
  }
  if (const fs::path exe = executable(); !exe.empty()) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "mixgrade" / "rubrics";
    if (course_in(installed) == installed) return installed;
    looked.push_back(installed.lexically_normal().string());
#if defined(MIXGRADE_SOURCE_DIR) && defined(MIXGRADE_BUILD_DIR)
    if (inside(exe, MIXGRADE_BUILD_DIR)) {
      const fs::path source = fs::path(MIXGRADE_SOURCE_DIR) / "rubrics";
      if (course_in(source) == source) return source;
      looked.push_back(source.string());
    }
#endif
  }
  throw UsageError(
      fmt::format("no course found ({} with assignments/ and the rubrics): looked in "
                  "{}; pass --course DIR",
                  kMarker, fmt::join(looked, ", ")));
}

fs::path course_for_rubric(const fs::path& rubric, const std::string& course_option) {
  if (!course_option.empty()) return find_course(course_option);
  const fs::path folder = rubric.parent_path().empty() ? fs::path(".") : rubric.parent_path();
  std::error_code ec;
  if (fs::is_regular_file(folder / kMarker, ec)) return folder;
  return find_course("");
}

fs::path resolve_rubric(const fs::path& given, const std::string& course_option) {
  std::error_code ec;
  if (given.empty() || given.has_parent_path() || fs::exists(given, ec)) return given;
  try {
    const fs::path course = find_course(course_option);
    for (const fs::path& candidate : {course / given, course / (given.string() + ".toml")})
      if (fs::is_regular_file(candidate, ec)) return candidate;
  } catch (const UsageError&) {
    // No course: the rubric is what was given, and its loader says it cannot be opened.
  }
  return given;
}

RubricCourse rubric_course(const fs::path& rubric, const std::string& course_option,
                           const std::string& concepts_option) {
  RubricCourse found;
  try {
    found.course = course_for_rubric(rubric, course_option);
  } catch (const UsageError&) {
    if (concepts_option.empty() || !course_option.empty()) throw;
  }
  found.concepts = concepts_option.empty() ? found.course / kMarker : fs::path(concepts_option);
  return found;
}

}  // namespace mixgrade
