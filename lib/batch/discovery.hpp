#pragma once
// Student discovery: turns the folder an instructor downloaded from the LMS into one submission
// per student. Understands the layouts LMSs actually produce:
//
//   canvas   Canvas "Download Submissions": a flat folder of files named
//            `name_userid_submissionid_original.ext`, with `_LATE` after the name for late work and
//            Canvas' own `-1`, `-2` suffix on a resubmitted file's original name.
//   moodle   Moodle "Download all submissions": a folder per student and plug-in,
//            `Full Name_participantid_assignsubmission_file_/original.ext`.
//   folders  a folder per student (any names), audio anywhere inside it.
//   flat     audio files named after the student: `alice.wav`.
//
// Hidden files and folders (leading dot, `__MACOSX` from zip files) are never looked at. Files
// whose extension is not audio (see is_audio_file) are ignored, but a student who handed in only
// such files is still listed, with no path and a warning, so that nobody silently goes missing.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/natural_sort.hpp"
#include "report/class_record.hpp"

namespace mixgrade {

// "auto", "canvas", "moodle", "folders", "flat"; anything else throws UsageError listing them.
Layout parse_layout(std::string_view name);

struct DiscoveryOptions {
  Layout layout = Layout::kAuto;
};

struct Discovery {
  Layout layout = Layout::kAuto;        // the layout used (detected or forced)
  std::vector<Submission> submissions;  // sorted by student_key (numbers in natural order)
  std::vector<std::string> warnings;    // files that did not fit the layout and were skipped
};

// Lists the submissions in `root`. Deterministic: the same tree gives the same list, whatever
// order the file system returns entries in. Throws InputError when root is not a readable folder.
//
// When one student has several audio files, the newest is graded and the others are named in a
// warning. Newest means: highest Canvas submission id, then highest resubmission suffix (`-2`
// after `-1`), then latest modification time, then the last file name in byte order.
Discovery discover_submissions(const std::filesystem::path& root,
                               const DiscoveryOptions& options = {});

// One student's folder (a Gradescope submission): the same newest-file rule and warnings as one
// student of the folders layout. Throws InputError when `dir` is not a readable folder.
Submission discover_student_folder(const std::filesystem::path& dir, const std::string& key);

// True for the extensions students hand audio in with (wav, flac, aiff, ogg, opus, mp3, m4a, ...),
// case-insensitive. Formats the reader cannot decode (m4a, aac) are still submissions: they get an
// error row from the analysis instead of disappearing.
bool is_audio_file(const std::filesystem::path& path);

// The LMS name parsers on their own (tests, fuzzing): the Canvas user id of a download file name
// ("name[_LATE]_userid_submissionid_file"), the Moodle participant id of a submission folder name;
// "" when the name is not one.
std::string canvas_user_id(const std::string& filename);
std::string moodle_participant_id(const std::string& dirname);

}  // namespace mixgrade
