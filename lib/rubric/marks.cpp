#include "rubric/marks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/read_file.hpp"
#include "core/text.hpp"

namespace mixgrade {

namespace {

std::string read_text(const std::filesystem::path& file) {
  return read_input_file(file);
}

// One CSV with a fixed header; each data row handed on with its "FILE:LINE".
class Table {
 public:
  Table(std::string_view text, const std::string& source,
        const std::vector<std::string_view>& columns, std::size_t required)
      : source_(source) {
    rows_ = parse_csv(text, source, &lines_);
    std::string wanted;
    for (auto c : columns) wanted += (wanted.empty() ? "" : ",") + std::string(c);
    if (rows_.empty()) throw InputError(source + ":1", "empty file; the header is " + wanted);
    const CsvRow& header = rows_.front();
    bool ok = header.size() >= required && header.size() <= columns.size();
    for (std::size_t i = 0; ok && i < header.size(); ++i) ok = trim_blanks(header[i]) == columns[i];
    if (!ok) throw InputError(at(0), "the header must be " + wanted + " (columns in this order)");
    width_ = header.size();
  }
  std::size_t size() const { return rows_.size(); }
  std::string at(std::size_t row) const { return source_ + ":" + std::to_string(lines_.at(row)); }
  // The cells of data row `row`, trimmed and padded to the header's width.
  std::vector<std::string> cells(std::size_t row) const {
    const CsvRow& r = rows_[row];
    if (r.size() > width_)
      throw InputError(
          at(row), std::to_string(r.size()) + " fields, the header has " + std::to_string(width_));
    std::vector<std::string> out(width_);
    for (std::size_t i = 0; i < r.size(); ++i) out[i] = trim_blanks(r[i]);
    return out;
  }

 private:
  std::string source_;
  std::vector<CsvRow> rows_;
  std::vector<std::size_t> lines_;
  std::size_t width_ = 0;
};

const Criterion* find_criterion(const Rubric& rubric, std::string_view id) {
  for (const auto& c : rubric.criteria)
    if (c.id == id) return &c;
  return nullptr;
}

std::string criterion_ids(const Rubric& rubric, bool manual_only) {
  std::string out;
  for (const auto& c : rubric.criteria)
    if (!manual_only || c.manual) out += (out.empty() ? "" : ", ") + c.id;
  return out.empty() ? "(none)" : out;
}

// A number of points in [0, most]: "12.5". Throws naming the row.
double points_in(const std::string& cell, double most, const std::string& what,
                 const std::string& where) {
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v))
    throw InputError(where, "points \"" + cell + "\" is not a number");
  if (v < 0.0 || v > most)
    throw InputError(
        where, "points " + cell + " for " + what + " must be between 0 and " + format_number(most));
  return v;
}

void remember(InstructorInputs& into, const std::string& student, const std::string& where) {
  into.first_row.try_emplace(student, where);
}

std::string student_of(const std::vector<std::string>& cells, const std::string& where) {
  if (cells[0].empty()) throw InputError(where, "the student is empty");
  return cells[0];
}

}  // namespace

GradeInputs InstructorInputs::for_student(std::string_view student) const {
  const auto it = students.find(student);
  return it == students.end() ? GradeInputs{} : it->second;
}

void InstructorInputs::check_students(const std::vector<std::string>& known) const {
  for (const auto& [student, where] : first_row)
    if (std::find(known.begin(), known.end(), student) == known.end())
      throw InputError(where, "unknown student \"" + student +
                                  "\" (use the student key: the folder name under --out)");
}

void parse_marks(std::string_view text, const std::string& source, const Rubric& rubric,
                 InstructorInputs& into) {
  const Table table(text, source, {"student", "criterion", "points", "comment"}, 3);
  for (std::size_t i = 1; i < table.size(); ++i) {
    const std::string where = table.at(i);
    const auto cells = table.cells(i);
    const std::string student = student_of(cells, where);
    const Criterion* c = find_criterion(rubric, cells[1]);
    if (c == nullptr)
      throw InputError(where, "unknown criterion \"" + cells[1] +
                                  "\"; manual criteria: " + criterion_ids(rubric, true));
    if (!c->manual)
      throw InputError(where, "criterion \"" + c->id +
                                  "\" is measured, not manual (change its points with "
                                  "--overrides)");
    const double points = points_in(cells[2], c->points, "\"" + c->id + "\"", where);
    auto& marks = into.students[student].marks;
    if (marks.contains(c->id))
      throw InputError(where, "a second mark for " + student + " on \"" + c->id + "\"");
    marks[c->id] = {points, cells.size() > 3 ? cells[3] : ""};
    remember(into, student, where);
  }
}

void parse_overrides(std::string_view text, const std::string& source, const Rubric& rubric,
                     InstructorInputs& into) {
  const Table table(text, source, {"student", "criterion", "points", "reason"}, 4);
  double total = 0;
  for (const auto& c : rubric.criteria) total += c.points;
  for (std::size_t i = 1; i < table.size(); ++i) {
    const std::string where = table.at(i);
    const auto cells = table.cells(i);
    const std::string student = student_of(cells, where);
    if (cells[3].empty()) throw InputError(where, "an override needs a reason");
    GradeInputs& inputs = into.students[student];
    if (cells[1].empty()) {
      if (inputs.total_override) throw InputError(where, "a second total override for " + student);
      inputs.total_override = {points_in(cells[2], total, "the total", where), cells[3]};
    } else {
      const Criterion* c = find_criterion(rubric, cells[1]);
      if (c == nullptr)
        throw InputError(where, "unknown criterion \"" + cells[1] +
                                    "\" (leave it empty to set the total); criteria: " +
                                    criterion_ids(rubric, false));
      if (inputs.criterion_overrides.contains(c->id))
        throw InputError(where, "a second override for " + student + " on \"" + c->id + "\"");
      inputs.criterion_overrides[c->id] = {
          points_in(cells[2], c->points, "\"" + c->id + "\"", where), cells[3]};
    }
    remember(into, student, where);
  }
}

void read_marks(const std::filesystem::path& file, const Rubric& rubric, InstructorInputs& into) {
  parse_marks(read_text(file), file.string(), rubric, into);
}

void read_overrides(const std::filesystem::path& file, const Rubric& rubric,
                    InstructorInputs& into) {
  parse_overrides(read_text(file), file.string(), rubric, into);
}

}  // namespace mixgrade
