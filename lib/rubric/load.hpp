#pragma once
// Reading and validating rubric files. Every problem becomes one line "FILE:LINE:COLUMN: message"
// that says what is wrong and what would be right (the valid names, closest first, for a typo);
// all problems of a file are reported together so the instructor fixes them in one go.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rubric/metric_names.hpp"
#include "rubric/rubric.hpp"

namespace mixgrade {

struct Diagnostic {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
  std::string text() const;  // "FILE:LINE:COLUMN: message"
};

// A rubric (or concepts file) that cannot be used; what() is every diagnostic, one per line.
class RubricError : public std::runtime_error {
 public:
  explicit RubricError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// What a rubric is validated against.
struct RubricContext {
  std::vector<KnownMetric> metrics = known_metrics();
  std::set<std::string, std::less<>> concepts;  // ids from concepts.toml
  // The course folder (concepts.toml, targets/): where a rubric's `target` is looked for when it
  // is not beside the rubric, so that a copied rubric still finds the shipped curve.
  std::filesystem::path course;
};

// The concept ids of a concepts file, read and validated by load_concept_graph (rubric/concepts);
// its errors become a one-line RubricError.
std::set<std::string, std::less<>> load_concept_ids(const std::filesystem::path& file);

// A rubric's top-level id, read as parse_rubric reads it but without validating the rest (a
// broken rubric is mixgrade-score --check's to report): nullopt when the file cannot be read or
// parsed or has no string id.
std::optional<std::string> read_rubric_id(const std::filesystem::path& file);
// The ids of the rubrics in `dir`/*.toml (every file but concepts.toml), sorted. Empty when the
// directory does not exist or has no rubrics yet.
std::vector<std::string> find_rubric_ids(const std::filesystem::path& dir);

// Every rubric in `dir`/*.toml (every file but concepts.toml), loaded and validated against
// `context`, sorted by id. Throws RubricError for the first that does not load.
std::vector<Rubric> load_course_rubrics(const std::filesystem::path& dir,
                                        const RubricContext& context);

// The concepts file a rubric is checked against: `chosen` (a tool's --concepts) when not empty,
// else concepts.toml next to the rubric. Throws RubricError at the rubric when that is missing.
std::filesystem::path concepts_file_for(const std::filesystem::path& rubric,
                                        const std::filesystem::path& chosen = {});

// The metric table as it is now, the concept ids of `concepts_file`, and the course folder.
RubricContext context_with_concepts(const std::filesystem::path& concepts_file,
                                    const std::filesystem::path& course = {});

// Throws RubricError; an unreadable file is a one-line RubricError too.
Rubric load_rubric(const std::filesystem::path& file, const RubricContext& context);
Rubric parse_rubric(std::string_view text, const std::string& file, const RubricContext& context);

// FNV-1a 64-bit of the bytes as "fnv1a64:" and 16 lowercase hex digits: cheap, dependency-free
// and stable; it identifies a rubric version, it does not defend against forgery.
std::string content_hash(std::string_view bytes);

}  // namespace mixgrade
