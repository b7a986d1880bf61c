#include "batch/discovery.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/natural_sort.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

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
  std::string ext = ascii_lower(path.extension().string());
  if (ext.size() < 2) return false;
  ext.erase(0, 1);
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
  // Audio-named entries that must not be opened (classify): path and why.
  std::vector<std::pair<fs::path, std::string>> unusable{};
};

bool is_text_file(const fs::path& path) {
  const std::string ext = ascii_lower(path.extension().string());
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

// What an entry of the download is, decided without following it anywhere unsafe: a regular
// file, a folder, or something skipped with the reason. A symbolic link counts only when it
// resolves to a regular file inside the submissions folder: a link loop, a dangling link, a link
// out of the folder (a student folder linked to /usr) or to a folder is skipped, and so is
// anything that is not a regular file (a FIFO would block the analysis for ever).
enum class EntryKind { file, folder, unusable };
struct Classified {
  EntryKind kind = EntryKind::unusable;
  std::string why;
};

Classified classify(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(path, ec);
  if (ec) return {EntryKind::unusable, "cannot be read (" + ec.message() + ")"};
  if (fs::is_symlink(own)) {
    const fs::path target = fs::canonical(path, ec);
    if (ec) return {EntryKind::unusable, "a symbolic link that leads nowhere (or a link loop)"};
    const fs::path base = fs::canonical(root, ec);
    const auto rel = target.lexically_relative(base);
    if (ec || rel.empty() || *rel.begin() == "..")
      return {EntryKind::unusable, "a symbolic link out of the submissions folder"};
    if (fs::is_regular_file(fs::status(target, ec))) return {EntryKind::file, ""};
    return {EntryKind::unusable, "a symbolic link to something other than a file"};
  }
  if (fs::is_directory(own)) return {EntryKind::folder, ""};
  if (fs::is_regular_file(own)) return {EntryKind::file, ""};
  return {EntryKind::unusable, "not a regular file (a FIFO, a socket or a device)"};
}

struct Unusable {
  fs::path path;
  std::string why;
};

struct Listing {
  std::vector<fs::path> files;     // regular files (or links to ones inside the download)
  std::vector<Unusable> unusable;  // entries that must not be opened
};

// Every regular file under `dir`, hidden files and folders skipped, and every entry that must
// not be opened (classify). A subfolder we may not read is skipped too, rather than stopping the
// whole class over one student's odd permissions.
Listing files_under(const fs::path& dir, const fs::path& root) {
  Listing out;
  std::error_code ec;
  auto it =
      fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    const Classified c = classify(path, root);
    if (c.kind == EntryKind::file)
      out.files.push_back(path);
    else if (c.kind == EntryKind::unusable)
      out.unusable.push_back({path, c.why});
  }
  if (ec) out.unusable.push_back({dir, "not read to the end (" + ec.message() + ")"});
  std::sort(out.files.begin(), out.files.end());
  return out;
}

// An entry that must not be opened: an audio name makes it the student's (reported, never
// dropped); anything else is only named in a warning.
void add_unusable(Student& s, const Unusable& u, const fs::path& root,
                  std::vector<std::string>& warnings) {
  if (is_audio_file(u.path))
    s.unusable.emplace_back(u.path, u.why);
  else
    warnings.push_back(relative_name(u.path, root) + ": skipped, " + u.why);
}

void add_listing(Student& s, const Listing& l, const fs::path& root,
                 std::vector<std::string>& warnings) {
  for (const auto& f : l.files) add_file(s, f, root);
  for (const auto& u : l.unusable) add_unusable(s, u, root, warnings);
}

Submission finish(Student& s, Layout layout, const fs::path& root) {
  Submission sub;
  sub.student_key = s.key;
  sub.display_name = s.display_name;
  sub.lms_user_id = s.lms_user_id;
  sub.layout = layout;
  if (s.audio.empty() && !s.unusable.empty()) {
    // Only audio that must not be opened: the student is reported with the reason.
    std::sort(s.unusable.begin(), s.unusable.end());
    sub.path = s.unusable.front().first;
    sub.unusable = s.unusable.front().second;
    for (std::size_t i = 1; i < s.unusable.size(); ++i)
      sub.warnings.push_back(relative_name(s.unusable[i].first, root) + ": skipped, " +
                             s.unusable[i].second);
    return sub;
  }
  for (const auto& [path, why] : s.unusable)
    sub.warnings.push_back(relative_name(path, root) + ": skipped, " + why);
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
    return std::tuple(ascii_lower(p.filename().string()).find("explain") == std::string::npos,
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
  std::vector<Unusable> unusable;  // links and special files: not opened
  // Each folder's files, listed once: layout detection and collection read the same listing.
  std::map<fs::path, Listing> listed;
  const Listing& listing(const fs::path& dir, const fs::path& root) {
    auto it = listed.find(dir);
    if (it == listed.end()) it = listed.emplace(dir, files_under(dir, root)).first;
    return it->second;
  }
};

TopLevel list_top_level(const fs::path& root) {
  TopLevel top;
  std::error_code ec;
  for (auto it = fs::directory_iterator(root, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path& path = it->path();
    if (is_hidden(path)) continue;
    const Classified c = classify(path, root);
    if (c.kind == EntryKind::folder)
      top.dirs.push_back(path);
    else if (c.kind == EntryKind::file)
      top.files.push_back(path);
    else
      top.unusable.push_back({path, c.why});
  }
  if (ec) throw InputError(root.string(), "cannot list the folder: " + ec.message());
  // Directory order is whatever the file system returns; sort so that warnings are stable.
  std::sort(top.files.begin(), top.files.end());
  std::sort(top.dirs.begin(), top.dirs.end());
  std::sort(top.unusable.begin(), top.unusable.end(),
            [](const Unusable& a, const Unusable& b) { return a.path < b.path; });
  return top;
}

Layout detect(TopLevel& top, const fs::path& root) {
  for (const auto& d : top.dirs)
    if (parse_moodle_folder(d.filename().string())) return Layout::kMoodle;
  for (const auto& f : top.files)
    if (is_audio_file(f) && parse_canvas_name(f.filename().string())) return Layout::kCanvas;
  // Folders only when some folder holds audio: an empty or stray folder beside a flat download
  // must not turn it into a folders layout that skips every real submission. (Audio beside
  // folders that hold audio is named as skipped, never dropped silently.)
  const bool audio_in_folders =
      std::any_of(top.dirs.begin(), top.dirs.end(), [&](const fs::path& d) {
        const auto& files = top.listing(d, root).files;
        return std::any_of(files.begin(), files.end(),
                           [](const fs::path& f) { return is_audio_file(f); });
      });
  return audio_in_folders ? Layout::kFolders : Layout::kFlat;
}

using Students = std::map<std::string, Student>;

Student& student(Students& students, const std::string& key, const std::string& name,
                 const std::string& lms_id) {
  auto [it, inserted] = students.try_emplace(key);
  if (inserted) it->second = Student{key, name, lms_id, {}, {}};
  return it->second;
}

// A student of a folders or flat layout, known by a folder or file name. The name is their key:
// it names their OUT folder and their history, and grades.json must hold it as UTF-8 for a merge
// to find them again, so a name that is not UTF-8 is escaped (utf8_key), never merged with another.
Student& local_student(Students& students, const std::string& name) {
  return student(students, utf8_key(name), valid_utf8(name), "");
}

// A student of an LMS download, known by the LMS id. The id is who they are (a renamed account
// keeps it), so files under two names with one id stay one student, but not silently: the
// instructor is told, on stderr and in the summary.
Student& lms_student(Students& students, const std::string& id, const std::string& name,
                     std::string_view lms, std::vector<std::string>& warnings) {
  Student& s = student(students, id, name, id);
  if (s.display_name != name) {
    const std::string warning = std::string(lms) + " id " + id + ": two names, \"" +
                                s.display_name + "\" and \"" + name +
                                "\": graded as one student (the id decides); check the download";
    if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end())
      warnings.push_back(warning);
  }
  return s;
}

void skip_all(const std::vector<fs::path>& paths, const fs::path& root, std::string_view why,
              std::vector<std::string>& warnings) {
  for (const auto& p : paths)
    warnings.push_back(relative_name(p, root) + ": skipped, " + std::string(why));
}

void collect(Layout layout, TopLevel& top, const fs::path& root, Students& students,
             std::vector<std::string>& warnings) {
  // Top-level entries that must not be opened: whose they are depends on the layout.
  auto unusable_on_top = [&](auto owner) {
    for (const auto& u : top.unusable) {
      Student* s = owner(u.path);
      if (s)
        add_unusable(*s, u, root, warnings);
      else
        warnings.push_back(relative_name(u.path, root) + ": skipped, " + u.why);
    }
  };
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
        add_file(lms_student(students, c->user_id, c->name, "Canvas", warnings), f, root,
                 Candidate{{}, c->submission_id, c->resubmission, {}, c->late});
      }
      unusable_on_top([&](const fs::path& p) -> Student* {
        auto c = parse_canvas_name(p.filename().string());
        return c && is_audio_file(p) ? &student(students, c->user_id, c->name, c->user_id)
                                     : nullptr;
      });
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
        Student& s = lms_student(students, m->participant_id, m->full_name, "Moodle", warnings);
        add_listing(s, top.listing(d, root), root, warnings);
      }
      unusable_on_top([](const fs::path&) -> Student* { return nullptr; });
      skip_all(top.files, root, "a file outside the students' folders", warnings);
      break;
    case Layout::kFolders:
      for (const auto& d : top.dirs) {
        Student& s = local_student(students, d.filename().string());
        add_listing(s, top.listing(d, root), root, warnings);
      }
      // A student "folder" that is a link (to /usr, say) or a special file: that student is
      // reported as not processed, with the reason; nothing under it is read.
      for (const auto& u : top.unusable) {
        Student& s = local_student(students, u.path.filename().string());
        if (s.audio.empty() && s.unusable.empty()) s.unusable.emplace_back(u.path, u.why);
      }
      skip_all(top.files, root, "a file outside the students' folders", warnings);
      break;
    case Layout::kFlat:
      for (const auto& f : top.files) {
        if (!is_audio_file(f)) continue;  // a README or a CSV next to the audio is not a student
        add_file(local_student(students, f.stem().string()), f, root);
      }
      unusable_on_top([&](const fs::path& p) -> Student* {
        if (!is_audio_file(p)) return nullptr;
        return &local_student(students, p.stem().string());
      });
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

std::string canvas_user_id(const std::string& filename) {
  const auto c = parse_canvas_name(filename);
  return c ? c->user_id : "";
}

std::string moodle_participant_id(const std::string& dirname) {
  const auto m = parse_moodle_folder(dirname);
  return m ? m->participant_id : "";
}

Submission discover_student_folder(const fs::path& dir, const std::string& key) {
  require_folder(dir);
  Student s{key, key, "", {}, {}};
  std::vector<std::string> skipped;
  try {
    add_listing(s, files_under(dir, dir), dir, skipped);
  } catch (const fs::filesystem_error& e) {
    throw InputError(e.path1().empty() ? dir.string() : e.path1().string(), e.code().message());
  }
  Submission sub = finish(s, Layout::kFolders, dir);
  sub.warnings.insert(sub.warnings.end(), skipped.begin(), skipped.end());
  return sub;
}

Discovery discover_submissions(const fs::path& root, const DiscoveryOptions& options) {
  require_folder(root);

  Discovery result;
  Students students;
  try {
    TopLevel top = list_top_level(root);
    result.layout = options.layout == Layout::kAuto ? detect(top, root) : options.layout;
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
