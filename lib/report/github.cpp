#include "report/github.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace mixgrade {
namespace {

// Workflow-command escaping: messages escape %, CR and LF; property values also ':' and ','.
constexpr CharReplacement kMessage[] = {{'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}};
constexpr CharReplacement kProperty[] = {
    {'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}, {':', "%3A"}, {',', "%2C"}};

std::string escape(std::string_view text, bool property) {
  return property ? replace_chars(text, kProperty) : replace_chars(text, kMessage);
}

std::string command(std::string_view kind, const std::string& file, const std::string& title,
                    const std::string& message) {
  return fmt::format("::{} file={},title={}::{}\n", kind, escape(file, true), escape(title, true),
                     escape(message, false));
}

}  // namespace

std::string github_annotations(const ScoreRecord& score) {
  std::string out;
  for (const auto& c : score.criteria) {
    if (!c.missed() || !c.shown()) continue;  // a student's pull request shows these
    out += command(c.status == Status::fail ? "error" : "warning", score.file,
                   fmt::format("{} {}", c.id, c.points_text()), c.feedback + " Hint: " + c.hint());
  }
  for (const auto& m : score.misconceptions)
    out += command("notice", score.file, "misconception " + m.id, m.message);
  return out;
}

std::string github_input_error(const std::string& file, const std::string& reason) {
  return command("error", file, "could not be analysed", reason);
}

}  // namespace mixgrade
