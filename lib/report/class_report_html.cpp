#include "report/class_report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/format.hpp"
#include "report/student_page_html.hpp"
#include "report/summary.hpp"
#include "report/svg.hpp"

namespace mixgrade {

namespace {

constexpr int kWidth = 420;

std::string pct(std::size_t part, std::size_t whole) {
  return whole == 0 ? "-" : format_fixed(100.0 * double(part) / double(whole), 0) + " %";
}

std::string cell(const std::optional<double>& v, int decimals = 1) {
  return v ? format_fixed(*v, decimals) : "-";
}

// A number for the sort script (data-sort): the value, or a very low one when absent.
std::string sort_key(const std::optional<double>& v) {
  return v ? format_fixed(*v, 3) : "-1e9";
}

constexpr std::string_view kExtraCss = R"(
main { max-width: 60rem; }
.bar { background: #e8e8e8; height: 0.8rem; min-width: 4rem; }
.bar > span { display: block; height: 100%; background: #0072B2; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; text-align: inherit; }
.passed { color: #00704F; }
.below { color: #A34700; font-weight: 600; }
.counts li { margin: 0.1rem 0; }
)";

// Click a column header to sort by it (again to reverse). Numbers sort by data-sort.
constexpr std::string_view kSortScript = R"(
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    var b = document.createElement('button');
    b.textContent = th.textContent; th.textContent = ''; th.appendChild(b);
    b.addEventListener('click', function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var up = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      function key(r) { var c = r.cells[col]; return c.dataset.sort !== undefined ? parseFloat(c.dataset.sort) : c.textContent.toLowerCase(); }
      rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
)";

}  // namespace

std::string score_histogram_svg(const ClassReport& report) {
  std::array<std::size_t, 10> bands{};
  std::size_t graded = 0;
  for (const auto& row : report.students)
    if (row.released()) {
      ++bands[static_cast<std::size_t>(std::clamp(row.score->percent, 0.0, 99.999) / 10.0)];
      ++graded;
    }
  const std::size_t most = std::max<std::size_t>(1, *std::max_element(bands.begin(), bands.end()));
  constexpr int kHeight = 240;
  constexpr double x0 = 44, y0 = 20, w = kWidth - 44 - 16, h = 170;
  std::string desc =
      fmt::format("Score histogram of {} released grades, in bands of 10 %:", graded);
  for (std::size_t i = 0; i < bands.size(); ++i)
    desc += fmt::format(" {}-{} %: {}{}", i * 10, i == 9 ? 100 : i * 10 + 9, bands[i],
                        i + 1 < bands.size() ? "," : ".");
  svg::Document d("plot-histogram", kWidth, kHeight, "Score histogram", desc);
  const double pass_x = x0 + w *
                                 std::clamp(report.students.empty() || !report.students[0].score
                                                ? 60.0
                                                : report.students[0].score->pass_mark,
                                            0.0, 100.0) /
                                 100.0;
  for (std::size_t k = 0; k <= most; k += std::max<std::size_t>(1, most / 5)) {
    const double y = y0 + h - h * double(k) / double(most);
    d.line(x0, y, x0 + w, y, "#DDDDDD", 1);
    d.text(x0 - 4, y + 4, std::to_string(k), "end", 12);
  }
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const double bh = h * double(bands[i]) / double(most);
    const double bx = x0 + w * double(i) / 10.0 + 2;
    d.rect(bx, y0 + h - bh, w / 10.0 - 4, bh, std::string(svg::kBlue),
           fmt::format("class=\"bin\" data-count=\"{}\"", bands[i]));
    if (i % 2 == 0)
      d.text(x0 + w * double(i) / 10.0, y0 + h + 16, std::to_string(i * 10), "middle", 12);
  }
  d.text(x0 + w, y0 + h + 16, "100", "middle", 12);
  d.line(pass_x, y0, pass_x, y0 + h, svg::kVermillion, 2, "stroke-dasharray=\"6 4\"");
  d.text(pass_x + 4, y0 + 12, "pass mark", "start", 12, svg::kVermillion);
  d.rect(x0, y0, w, h, "none", fmt::format("stroke=\"{}\"", svg::kGrey));
  d.text(x0 + w, y0 + h + 34, "score (%)", "end", 12, svg::kGrey);
  d.text(4, y0 - 6, "students", "start", 12, svg::kGrey);
  return d.str();
}

std::string loudness_plr_scatter_svg(const ClassReport& report, const ClassPictures& pictures) {
  struct Dot {
    std::string name;
    double x, y;
    bool passed;
  };
  std::vector<Dot> dots;
  for (const auto& row : report.students) {
    const auto e = pictures.students.find(row.submission.student_key);
    if (e == pictures.students.end() || !e->second.integrated_lufs || !e->second.plr_db) continue;
    dots.push_back({row.name(), *e->second.integrated_lufs, *e->second.plr_db,
                    row.released() && row.score->passed});
  }
  if (dots.empty()) return "";
  const PlotGuides& g = pictures.guides;
  double xlo = HUGE_VAL, xhi = -HUGE_VAL, ylo = HUGE_VAL, yhi = -HUGE_VAL;
  for (const auto& dot : dots) {
    xlo = std::min(xlo, dot.x), xhi = std::max(xhi, dot.x);
    ylo = std::min(ylo, dot.y), yhi = std::max(yhi, dot.y);
  }
  for (auto v : {g.loudness_min, g.loudness_max})
    if (v) xlo = std::min(xlo, *v), xhi = std::max(xhi, *v);
  for (auto v : {g.plr_min, g.plr_max})
    if (v) ylo = std::min(ylo, *v), yhi = std::max(yhi, *v);
  xlo = std::floor((xlo - 1) / 5) * 5, xhi = std::ceil((xhi + 1) / 5) * 5;
  ylo = std::floor((ylo - 1) / 5) * 5, yhi = std::ceil((yhi + 1) / 5) * 5;
  constexpr int kHeight = 320;
  constexpr double x0 = 50, y0 = 40, w = kWidth - 50 - 20, h = 230;
  auto sx = [&](double v) { return x0 + (v - xlo) / (xhi - xlo) * w; };
  auto sy = [&](double v) { return y0 + h - (v - ylo) / (yhi - ylo) * h; };
  const bool box = g.loudness_min || g.loudness_max || g.plr_min || g.plr_max;
  std::size_t inside = 0;
  for (const auto& dot : dots)
    inside += box && dot.x >= g.loudness_min.value_or(-HUGE_VAL) &&
              dot.x <= g.loudness_max.value_or(HUGE_VAL) &&
              dot.y >= g.plr_min.value_or(-HUGE_VAL) && dot.y <= g.plr_max.value_or(HUGE_VAL);
  std::string desc = fmt::format(
      "Integrated loudness (LUFS, across) against peak-to-loudness ratio (PLR, dB, up), one dot "
      "per student ({} students; filled: passed, open: not passed).",
      dots.size());
  if (box)
    desc += fmt::format(" The shaded box is the rubric's target; {} of {} inside it.", inside,
                        dots.size());
  svg::Document d("plot-scatter", kWidth, kHeight, "Loudness against PLR", desc);
  if (box) {
    const double bx0 = sx(g.loudness_min.value_or(xlo)), bx1 = sx(g.loudness_max.value_or(xhi));
    const double by0 = sy(g.plr_max.value_or(yhi)), by1 = sy(g.plr_min.value_or(ylo));
    d.rect(bx0, by0, bx1 - bx0, by1 - by0, std::string(svg::kBluishGreen),
           "class=\"target\" fill-opacity=\"0.2\"");
  }
  for (double v = xlo; v <= xhi + 1e-9; v += 5) {
    d.line(sx(v), y0, sx(v), y0 + h, "#DDDDDD", 1);
    d.text(sx(v), y0 + h + 16, format_fixed(v, 0), "middle", 12);
  }
  for (double v = ylo; v <= yhi + 1e-9; v += 5) {
    d.line(x0, sy(v), x0 + w, sy(v), "#DDDDDD", 1);
    d.text(x0 - 4, sy(v) + 4, format_fixed(v, 0), "end", 12);
  }
  d.rect(x0, y0, w, h, "none",
         fmt::format("class=\"frame\" data-name=\"scatter\" data-x=\"{} {}\" data-y=\"{} {}\" "
                     "stroke=\"{}\"",
                     svg::num(xlo), svg::num(xhi), svg::num(ylo), svg::num(yhi), svg::kGrey));
  for (const auto& dot : dots)
    d.raw(fmt::format(
        "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"2\"><title>{}: {} LUFS, PLR {} dB</title></circle>\n",
        svg::num(sx(dot.x)), svg::num(sy(dot.y)), dot.passed ? svg::kBlue : "#FFFFFF", svg::kBlue,
        svg::escape(dot.name), format_fixed(dot.x, 1), format_fixed(dot.y, 1)));
  d.text(x0 + w, y0 + h + 34, "integrated loudness (LUFS)", "end", 12, svg::kGrey);
  d.text(4, y0 - 8, "PLR (dB)", "start", 12, svg::kGrey);
  return d.str();
}

std::string class_report_html(const ClassReport& report, const ClassPictures& pictures) {
  const std::string title = report.assignment.name + ": class report";
  std::string b = "<h1>" + html_text(title) + "</h1>\n";
  if (auto r = report.rubric())
    b += "<p class=\"meta\">Rubric <code>" + html_text(r->id) + "</code> version " +
         html_text(r->version) + "</p>\n";
  b += "<section id=\"counts\">\n<h2>The class</h2>\n<ul class=\"counts\">\n";
  b += fmt::format("<li>{} submissions, {} graded</li>\n", report.students.size(), report.graded());
  b += fmt::format("<li><strong>{} passed</strong> ({} of those graded)</li>\n", report.passed(),
                   pct(report.passed(), report.graded()));
  if (report.withheld() > 0)
    b += fmt::format("<li>{} withheld (grade on hold)</li>\n", report.withheld());
  b += fmt::format(
      "<li>{} could not be processed, {} late, {} on the roster without a "
      "submission</li>\n</ul>\n</section>\n",
      report.failed_to_process(), report.late(), report.not_submitted.size());

  b += "<section id=\"histogram\">\n<h2>Scores</h2>\n<figure>\n" +
       inline_svg(score_histogram_svg(report)) + "</figure>\n</section>\n";

  b +=
      "<section id=\"criteria\">\n<h2>Pass rate per criterion</h2>\n<div class=\"scroll\"><table>\n"
      "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Passed</th>"
      "<th scope=\"col\">Pass rate</th></tr></thead>\n<tbody>\n";
  for (const auto& t : criterion_tallies(report)) {
    const std::size_t counted = t.passed + t.failed;
    const double rate = counted ? 100.0 * double(t.passed) / double(counted) : 0.0;
    b += "<tr><td>" + html_text(t.title) + "</td><td>" +
         fmt::format("{} of {}", t.passed, counted) +
         (t.not_applicable ? fmt::format(" ({} not counted)", t.not_applicable) : "") +
         "</td><td><div class=\"bar\" role=\"img\" aria-label=\"" + pct(t.passed, counted) +
         "\"><span style=\"width:" + format_fixed(rate, 0) + "%\"></span></div>" +
         pct(t.passed, counted) + "</td></tr>\n";
  }
  b += "</tbody>\n</table></div>\n</section>\n";

  b += "<section id=\"misconceptions\">\n<h2>Misconceptions, most common first</h2>\n";
  const auto hits = misconception_tallies(report);
  if (hits.empty()) {
    b += "<p>None fired.</p>\n";
  } else {
    // A list, not a table: the messages are sentences and need the width of a phone.
    b += "<ol class=\"misconceptions\">\n";
    for (const auto& h : hits)
      b += "<li><strong>" + html_text(h.id) + "</strong> (" + html_text(h.concept_id) +
           "): " + std::to_string(h.students) + (h.students == 1 ? " student" : " students") +
           // The message carries that student's numbers and times: say whose kind it is.
           ".<br>As the first of them read it: <em>" + html_text(h.message) + "</em></li>\n";
    b += "</ol>\n";
  }
  b += "</section>\n";

  if (const std::string scatter = loudness_plr_scatter_svg(report, pictures); !scatter.empty())
    b += "<section id=\"scatter\">\n<h2>Loudness and dynamics</h2>\n<figure>\n" +
         inline_svg(scatter) + "</figure>\n</section>\n";

  b += "<section id=\"students\">\n<h2>Students</h2>\n<div class=\"scroll\"><table "
       "class=\"sortable\" id=\"student-table\">\n<thead><tr><th scope=\"col\">Student</th><th "
       "scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Result</th><th scope=\"col\" "
       "class=\"num\">Integrated LUFS</th><th scope=\"col\" class=\"num\">PLR dB</th><th "
       "scope=\"col\" class=\"num\">Criteria missed</th></tr></thead>\n<tbody>\n";
  for (const auto& row : report.students) {
    const auto e = pictures.students.find(row.submission.student_key);
    const ClassStudentExtras extras =
        e == pictures.students.end() ? ClassStudentExtras{} : e->second;
    const std::string name = html_text(row.name());
    b += "<tr><td>" +
         (extras.page.empty() ? name
                              : "<a href=\"" + svg::escape(extras.page) + "\">" + name + "</a>") +
         "</td>";
    if (row.released()) {
      std::size_t missed = 0;
      for (const auto& c : row.score->criteria) missed += c.missed();
      b += "<td class=\"num\" data-sort=\"" + format_fixed(row.score->percent, 1) + "\">" +
           format_fixed(row.score->percent, 1) + " %</td><td class=\"" +
           (row.score->passed ? "passed\">passed" : "below\">below") + "</td>";
      b += "<td class=\"num\" data-sort=\"" + sort_key(extras.integrated_lufs) + "\">" +
           cell(extras.integrated_lufs) + "</td><td class=\"num\" data-sort=\"" +
           sort_key(extras.plr_db) + "\">" + cell(extras.plr_db) +
           "</td><td class=\"num\" "
           "data-sort=\"" +
           std::to_string(missed) + "\">" + std::to_string(missed) + "</td>";
    } else {
      const std::string why = row.score           ? "grade on hold"
                              : row.error.empty() ? "no file"
                                                  : row.error;
      b += "<td class=\"num\" data-sort=\"-1\">-</td><td class=\"below\">" + html_text(why) +
           "</td><td class=\"num\" data-sort=\"-1e9\">-</td><td class=\"num\" "
           "data-sort=\"-1e9\">-</td><td class=\"num\" data-sort=\"-1\">-</td>";
    }
    b += "</tr>\n";
  }
  b += "</tbody>\n</table></div>\n<p class=\"noprint\">Click a column heading to sort by it.</p>\n"
       "</section>\n";

  const auto look = needs_a_look(report);
  b += "<section id=\"needs-a-look\">\n<h2>Needs a look</h2>\n";
  if (look.empty()) {
    b += "<p>Nothing: every submission was found, graded and is on the roster.</p>\n";
  } else {
    b += "<ul>\n";
    for (const auto& line : look) b += "<li>" + html_text(line) + "</li>\n";
    b += "</ul>\n";
  }
  b += "</section>\n";

  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
         "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_text(title) + "</title>\n<style>" + std::string(page_css()) + std::string(kExtraCss) +
         "</style>\n</head>\n<body>\n<main>\n" + b + "</main>\n<script>" +
         std::string(kSortScript) + "</script>\n</body>\n</html>\n";
}

namespace {

nlohmann::ordered_json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::optional<double> number_at(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

}  // namespace

nlohmann::ordered_json class_pictures_json(const ClassPictures& pictures) {
  const PlotGuides& g = pictures.guides;
  nlohmann::ordered_json j;
  j["guides"] = {{"loudness_min", optional_number(g.loudness_min)},
                 {"loudness_max", optional_number(g.loudness_max)},
                 {"plr_min", optional_number(g.plr_min)},
                 {"plr_max", optional_number(g.plr_max)},
                 {"centred_bass_db", g.centred_bass_db}};
  auto students = nlohmann::ordered_json::object();
  for (const auto& [key, e] : pictures.students)
    students[key] = {{"page", e.page},
                     {"integrated_lufs", optional_number(e.integrated_lufs)},
                     {"plr_db", optional_number(e.plr_db)}};
  j["students"] = students;
  return j;
}

void add_class_pictures(ClassPictures& pictures, const nlohmann::json& j) {
  if (!j.is_object()) return;
  if (!pictures.has_guides && j.contains("guides") && j["guides"].is_object()) {
    const auto& g = j["guides"];
    pictures.guides.loudness_min = number_at(g, "loudness_min");
    pictures.guides.loudness_max = number_at(g, "loudness_max");
    pictures.guides.plr_min = number_at(g, "plr_min");
    pictures.guides.plr_max = number_at(g, "plr_max");
    pictures.guides.centred_bass_db = number_at(g, "centred_bass_db").value_or(-10.0);
    pictures.has_guides = true;
  }
  if (!j.contains("students") || !j["students"].is_object()) return;
  for (const auto& [key, e] : j["students"].items()) {
    if (!e.is_object() || !e.contains("page") || !e["page"].is_string()) continue;
    pictures.students[key] = {e["page"].get<std::string>(), number_at(e, "integrated_lufs"),
                              number_at(e, "plr_db")};
  }
}

}  // namespace mixgrade
