#include "report/github.hpp"

#include <fmt/format.h>

#include "report/score_text.hpp"

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

std::string github_annotations(const Rubric& rubric, const Score& score,
                               const ScoreReportOptions& options) {
  std::string out;
  for (const auto& r : score.criteria) {
    if (r.status != Status::partial && r.status != Status::fail) continue;
    const Criterion& c = rubric.criteria[r.index];
    out += command(r.status == Status::fail ? "error" : "warning", score.file,
                   fmt::format("{} {}", c.id, points_text(r.points, r.max_points)),
                   r.feedback + " Hint: " + r.hint(options.hint_level));
  }
  for (const auto& m : score.misconceptions)
    out += command("notice", score.file, "misconception " + m.id, m.message);
  return out;
}

std::string github_input_error(const std::string& file, const std::string& reason) {
  return command("error", file, "could not be analysed", reason);
}

}  // namespace mixgrade
