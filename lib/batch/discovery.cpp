#include "batch/discovery.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/natural_sort.hpp"

namespace mixgrade {

namespace fs = std::filesystem;

Layout parse_layout(std::string_view name) {
  if (const auto layout = parse(kLayoutNames, name)) return *layout;
  throw UsageError("unknown layout '" + std::string(name) + "': use one of " +
                   names_of(kLayoutNames));
}

bool is_audio_file(const fs::path& path) {
  static constexpr std::array<std::string_view, 17> kExtensions = {
      "wav", "wave", "bwf", "rf64", "w64", "flac", "aif", "aiff", "aifc",
      "caf", "ogg",  "oga", "opus", "mp3", "m4a",  "aac", "mp4"};
  std::string ext = path.extension().string();
  if (ext.size() < 2) return false;
  ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

namespace {

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.empty() || name.front() == '.' || name == "__MACOSX";
}

// Canvas bulk-download names: `name[_LATE]_userid_submissionid_original`. The name part is the
// student's sortable name, lower-cased with everything but letters and digits removed, so it
// never contains '_'. Canvas appends -1, -2 ... to the original name of a resubmitted file.
struct CanvasName {
  std::string name;
  bool late = false;
  std::string user_id;
  std::string submission_id;
  int resubmission = 0;
};

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Splits off the text before the next '_' (the whole rest when there is none).
std::string_view next_part(std::string_view& rest) {
  const auto at = rest.find('_');
  const std::string_view part = rest.substr(0, at);
  rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
  return part;
}

// Hand-written rather than std::regex: GCC 12's <regex> trips -Werror under the sanitizers (see
// lib/io/audio_reader.cpp), and the grammar is four '_'-separated fields.
std::optional<CanvasName> parse_canvas_name(const std::string& filename) {
  std::string_view rest = filename;
  CanvasName c;
  c.name = std::string(next_part(rest));
  std::string_view part = next_part(rest);
  if (part == "LATE") {
    c.late = true;
    part = next_part(rest);
  }
  c.user_id = std::string(part);
  c.submission_id = std::string(next_part(rest));
  if (c.name.empty() || !all_digits(c.user_id) || !all_digits(c.submission_id) || rest.empty())
    return std::nullopt;
  // The original name's resubmission suffix: "mix-2.wav".
  const std::string stem = fs::path(std::string(rest)).stem().string();
  const auto dash = stem.rfind('-');
  if (dash != std::string::npos && stem.size() - dash - 1 <= 6 && all_digits(stem.substr(dash + 1)))
    c.resubmission = std::stoi(stem.substr(dash + 1));
  return c;
}

// Moodle "Download all submissions" folders: `Full Name_participantid_assignsubmission_file_`
// (one per submission plug-in: file, onlinetext, ...).
struct MoodleName {
  std::string full_name;
  std::string participant_id;
};

std::optional<MoodleName> parse_moodle_folder(const std::string& dirname) {
  // "<Full Name>_<id>_assign<submission|feedback>_<plugin>_"; the name may itself hold '_'.
  for (std::string_view kind : {"_assignsubmission_", "_assignfeedback_"}) {
    const auto at = dirname.rfind(kind);
    if (at == std::string::npos) continue;
    std::string_view plugin = std::string_view(dirname).substr(at + kind.size());
    if (!plugin.empty() && plugin.back() == '_') plugin.remove_suffix(1);
    if (plugin.empty() ||
        !std::all_of(plugin.begin(), plugin.end(), [](unsigned char c) { return std::isalnum(c); }))
      return std::nullopt;
    const std::string head = dirname.substr(0, at);
    const auto underscore = head.rfind('_');
    if (underscore == std::string::npos || underscore == 0) return std::nullopt;
    const std::string id = head.substr(underscore + 1);
    if (!all_digits(id)) return std::nullopt;
    return MoodleName{head.substr(0, underscore), id};
  }
  return std::nullopt;
}

// One file a student handed in, with what is known about how new it is.
struct Candidate {
  fs::path path;
  std::string submission_id;  // Canvas only; compared as a number
  int resubmission = 0;
  fs::file_time_type mtime{};
  bool late = false;
};

bool older(const Candidate& a, const Candidate& b) {
  if (a.submission_id != b.submission_id) return natural_less(a.submission_id, b.submission_id);
  if (a.resubmission != b.resubmission) return a.resubmission < b.resubmission;
  if (a.mtime != b.mtime) return a.mtime < b.mtime;
  return a.path.filename().string() < b.path.filename().string();
}

// A student being assembled: every file seen, audio or not.
struct Student {
  std::string key;
  std::string display_name;
  std::string lms_user_id;
  std::vector<Candidate> audio;
  std::vector<std::string> other_files;  // non-audio, only named in a warning
  std::vector<fs::path> texts{};         // non-audio text files: teach-it-back candidates
};

bool is_text_file(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".md" || ext == ".txt" || ext == ".html" || ext == ".htm";
}

fs::file_time_type mtime_of(const fs::path& p) {
  std::error_code ec;
  auto t = fs::last_write_time(p, ec);
  return ec ? fs::file_time_type{} : t;
}

std::string relative_name(const fs::path& p, const fs::path& root) {
  return p.lexically_relative(root).generic_string();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Adds a file to a student: audio becomes a candidate, anything else is only remembered.
void add_file(Student& s, const fs::path& file, const fs::path& root, Candidate c = {}) {
  if (!is_audio_file(file)) {
    s.other_files.push_back(relative_name(file, root));
    if (is_text_file(file)) s.texts.push_back(file);
    return;
  }
  c.path = file;
  c.mtime = mtime_of(file);
  s.audio.push_back(std::move(c));
}

// Every regular file under `dir`, hidden files and folders skipped. A subfolder we may not read
// is skipped too, rather than stopping the whole class over one student's odd permissions.
std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (auto it =
           fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (is_hidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) out.push_back(it->path());
  }
  return out;
}

Submission finish(Student& s, Layout layout, const fs::path& root) {
  Submission sub;
  sub.student_key = s.key;
  sub.display_name = s.display_name;
  sub.lms_user_id = s.lms_user_id;
  sub.layout = layout;
  if (s.audio.empty()) {
    std::sort(s.other_files.begin(), s.other_files.end());
    sub.warnings.push_back("no audio file" + (s.other_files.empty()
                                                  ? std::string()
                                                  : " (found: " + join(s.other_files) + ")"));
    return sub;
  }
  std::sort(s.audio.begin(), s.audio.end(), older);
  const Candidate& newest = s.audio.back();
  sub.path = newest.path;
  // Teach it back: a text whose name says "explain" first, then the newest, then by name.
  auto key = [](const fs::path& p) {
    std::string name = p.filename().string();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::tuple(name.find("explain") == std::string::npos,
                      -mtime_of(p).time_since_epoch().count(), p.filename().string());
  };
  if (!s.texts.empty())
    sub.explanation = *std::min_element(s.texts.begin(), s.texts.end(),
                                        [&](auto& a, auto& b) { return key(a) < key(b); });
  sub.late = newest.late;
  if (s.audio.size() > 1) {
    std::vector<std::string> ignored;
    for (std::size_t i = 0; i + 1 < s.audio.size(); ++i)
      ignored.push_back(relative_name(s.audio[i].path, root));
    sub.warnings.push_back(std::to_string(s.audio.size()) + " audio files: graded the newest, " +
                           relative_name(newest.path, root) + "; not graded: " + join(ignored));
  }
  return sub;
}

struct TopLevel {
  std::vector<fs::path> files;
  std::vector<fs::path> dirs;
};

TopLevel list_top_level(const fs::path& root) {
  TopLevel top;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (is_hidden(entry.path())) continue;
    if (entry.is_directory())
      top.dirs.push_back(entry.path());
    else if (entry.is_regular_file())
      top.files.push_back(entry.path());
  }
  // Directory order is whatever the file system returns; sort so that warnings are stable.
  std::sort(top.files.begin(), top.files.end());
  std::sort(top.dirs.begin(), top.dirs.end());
  return top;
}

Layout detect(const TopLevel& top) {
  for (const auto& d : top.dirs)
    if (parse_moodle_folder(d.filename().string())) return Layout::kMoodle;
  for (const auto& f : top.files)
    if (is_audio_file(f) && parse_canvas_name(f.filename().string())) return Layout::kCanvas;
  if (!top.dirs.empty()) return Layout::kFolders;
  return Layout::kFlat;
}

using Students = std::map<std::string, Student>;

Student& student(Students& students, const std::string& key, const std::string& name,
                 const std::string& lms_id) {
  auto [it, inserted] = students.try_emplace(key);
  if (inserted) it->second = Student{key, name, lms_id, {}, {}};
  return it->second;
}

void skip_all(const std::vector<fs::path>& paths, const fs::path& root, std::string_view why,
              std::vector<std::string>& warnings) {
  for (const auto& p : paths)
    warnings.push_back(relative_name(p, root) + ": skipped, " + std::string(why));
}

void collect(Layout layout, const TopLevel& top, const fs::path& root, Students& students,
             std::vector<std::string>& warnings) {
  switch (layout) {
    case Layout::kCanvas:
      for (const auto& f : top.files) {
        auto c = parse_canvas_name(f.filename().string());
        if (!c) {
          if (is_audio_file(f))
            warnings.push_back(relative_name(f, root) +
                               ": skipped, not a Canvas name (name_userid_submissionid_file)");
          continue;
        }
        add_file(student(students, c->user_id, c->name, c->user_id), f, root,
                 Candidate{{}, c->submission_id, c->resubmission, {}, c->late});
      }
      skip_all(top.dirs, root, "a folder in a Canvas download", warnings);
      break;
    case Layout::kMoodle:
      for (const auto& d : top.dirs) {
        auto m = parse_moodle_folder(d.filename().string());
        if (!m) {
          warnings.push_back(
              relative_name(d, root) +
              ": skipped, not a Moodle folder (Full Name_id_assignsubmission_file_)");
          continue;
        }
        Student& s = student(students, m->participant_id, m->full_name, m->participant_id);
        for (const auto& f : files_under(d)) add_file(s, f, root);
      }
      skip_all(top.files, root, "a file outside the students' folders", warnings);
      break;
    case Layout::kFolders:
      for (const auto& d : top.dirs) {
        const std::string name = d.filename().string();
        Student& s = student(students, name, name, "");
        for (const auto& f : files_under(d)) add_file(s, f, root);
      }
      skip_all(top.files, root, "a file outside the students' folders", warnings);
      break;
    case Layout::kFlat:
      for (const auto& f : top.files) {
        if (!is_audio_file(f)) continue;  // a README or a CSV next to the audio is not a student
        const std::string stem = f.stem().string();
        add_file(student(students, stem, stem, ""), f, root);
      }
      skip_all(top.dirs, root, "a folder in a flat layout", warnings);
      break;
    case Layout::kAuto:
      break;
  }
}

}  // namespace

namespace {

void require_folder(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec)) throw InputError(root.string(), "no such folder");
  if (!fs::is_directory(root, ec)) throw InputError(root.string(), "not a folder");
}

}  // namespace

Submission discover_student_folder(const fs::path& dir, const std::string& key) {
  require_folder(dir);
  Student s{key, key, "", {}, {}};
  try {
    for (const auto& f : files_under(dir)) add_file(s, f, dir);
  } catch (const fs::filesystem_error& e) {
    throw InputError(e.path1().empty() ? dir.string() : e.path1().string(), e.code().message());
  }
  return finish(s, Layout::kFolders, dir);
}

Discovery discover_submissions(const fs::path& root, const DiscoveryOptions& options) {
  require_folder(root);

  Discovery result;
  Students students;
  try {
    const TopLevel top = list_top_level(root);
    result.layout = options.layout == Layout::kAuto ? detect(top) : options.layout;
    collect(result.layout, top, root, students, result.warnings);
  } catch (const fs::filesystem_error& e) {
    const fs::path where = e.path1().empty() ? root : e.path1();
    throw InputError(where.string(), e.code().message());
  }

  for (auto& [key, s] : students) result.submissions.push_back(finish(s, result.layout, root));
  std::sort(result.submissions.begin(), result.submissions.end(),
            [](const Submission& a, const Submission& b) {
              return natural_less(a.student_key, b.student_key);
            });
  return result;
}

}  // namespace mixgrade
