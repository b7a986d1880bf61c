#include "report/github.hpp"

#include <fmt/format.h>

namespace mixgrade {
namespace {

// Workflow-command escaping: messages escape %, CR and LF; property values also ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
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
    if (!c.missed()) continue;
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
