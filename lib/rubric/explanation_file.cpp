#include "rubric/explanation_file.hpp"
#include "core/text.hpp"

#include <cctype>
#include <fstream>
#include <system_error>

namespace mixgrade {
namespace {

namespace fs = std::filesystem;

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return !b.empty() && fs::equivalent(a, b, ec);
}

// A link may name a file in another folder: only a target in the audio file's own folder counts.
bool stays_in_folder(const fs::path& candidate) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(candidate, ec))) return true;
  const fs::path folder = candidate.parent_path().empty() ? fs::path(".") : candidate.parent_path();
  const fs::path target = fs::canonical(candidate, ec);
  if (ec) return false;
  return target.parent_path() == fs::canonical(folder, ec) && !ec;
}

}  // namespace

std::vector<fs::path> explanation_candidates(const fs::path& audio) {
  const fs::path folder = audio.parent_path();
  const std::string stem = audio.stem().string();
  std::vector<fs::path> out;
  for (const char* suffix : {".explain.md", ".explain.txt", ".md", ".txt"})
    out.push_back(folder / (stem + suffix));
  out.push_back(folder / "explain.md");
  out.push_back(folder / "explain.txt");
  return out;
}

ExplanationLookup find_explanation(const fs::path& audio, const fs::path& skip) {
  for (const fs::path& candidate : explanation_candidates(audio)) {
    std::error_code ec;
    if (!fs::exists(candidate, ec) || same_file(candidate, skip)) continue;
    ExplanationLookup found = read_explanation(candidate, audio);
    if (found.explanation || !found.warning.empty()) return found;
  }
  return {};
}

ExplanationLookup read_explanation(const fs::path& candidate, const fs::path& audio) {
  std::error_code ec;
  const std::string name = candidate.string();
  if (!stays_in_folder(candidate))
    return {std::nullopt, name + ": explanation not read: it links outside the audio's folder"};
  if (!fs::is_regular_file(candidate, ec))
    return {std::nullopt, name + ": explanation not read: not a regular file"};
  const std::uintmax_t size = fs::file_size(candidate, ec);
  if (!ec && size > kMaxExplanationFileBytes)
    return {std::nullopt, name + ": explanation not read: larger than 64 KiB"};
  std::ifstream in(candidate, std::ios::binary);
  if (!in) return {std::nullopt, name + ": explanation not read: the file cannot be opened"};
  std::string bytes(kMaxExplanationFileBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return {std::nullopt, name + ": explanation not read: the file cannot be read"};
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxExplanationFileBytes)  // it grew since file_size
    return {std::nullopt, name + ": explanation not read: larger than 64 KiB"};
  if (bytes.find('\0') != std::string::npos)
    return {std::nullopt, name + ": explanation not read: it looks binary, not text"};
  // The heading lib/report/student_page.cpp gives a page (the report layer is above this one).
  if (bytes.starts_with("# Feedback on " + audio.filename().string())) return {};
  const std::string ext = ascii_lower(candidate.extension().string());
  if (ext == ".html" || ext == ".htm") bytes = html_to_text(bytes);
  return {Explanation::from_bytes(name, bytes), ""};
}

std::string html_to_text(std::string_view html) {
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;  // an unclosed tag: the rest is markup
      std::string tag = ascii_lower(html.substr(i + 1, end - i - 1));
      if (tag.starts_with("/")) tag.erase(0, 1);
      const std::string word = tag.substr(0, tag.find_first_of(" \t\n/"));
      if (word == "br" || word == "p" || word == "div" || word == "li" || word == "tr" ||
          (word.size() == 2 && word[0] == 'h' && word[1] >= '1' && word[1] <= '6'))
        out += '\n';
      i = end + 1;
    } else if (c == '&') {
      const std::size_t end = html.find(';', i);
      const std::string_view entity =
          end == std::string_view::npos || end - i > 8 ? "" : html.substr(i + 1, end - i - 1);
      std::string decoded;
      if (entity == "amp")
        decoded = "&";
      else if (entity == "lt")
        decoded = "<";
      else if (entity == "gt")
        decoded = ">";
      else if (entity == "quot")
        decoded = "\"";
      else if (entity == "#39" || entity == "apos")
        decoded = "'";
      else if (entity == "nbsp")
        decoded = " ";
      else if (entity.size() > 1 && entity[0] == '#') {
        int code = 0;
        for (char d : entity.substr(1))
          code = d >= '0' && d <= '9' && code < 1000 ? code * 10 + (d - '0') : 1000;
        if (code >= 32 && code < 127) decoded = std::string(1, static_cast<char>(code));
      }
      if (decoded.empty()) {
        out += c;
        ++i;
      } else {
        out += decoded;
        i = end + 1;
      }
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace mixgrade
