#include "report/student_page_html.hpp"

#include <filesystem>

#include "report/svg.hpp"

namespace mixgrade {

namespace {

// Replaces each pair of `marker` around text with <tag>...</tag> (an unpaired marker is kept).
std::string pair_markers(const std::string& text, std::string_view marker, std::string_view tag) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto open = text.find(marker, at);
    const auto close = open == std::string::npos ? open : text.find(marker, open + marker.size());
    if (close == std::string::npos) break;
    out += text.substr(at, open - at);
    out += "<" + std::string(tag) + ">" +
           text.substr(open + marker.size(), close - open - marker.size()) + "</" +
           std::string(tag) + ">";
    at = close + marker.size();
  }
  return out + text.substr(at);
}

std::string section(std::string_view id, std::string_view heading, const std::string& body) {
  return "<section id=\"" + std::string(id) + "\">\n<h2>" + std::string(heading) + "</h2>\n" +
         body + "</section>\n";
}

std::string paragraph(std::string_view label, const std::string& text) {
  if (text.empty()) return "";
  return "<p><em>" + std::string(label) + "</em> " + html_text(text) + "</p>\n";
}

// The text alternative of a plot is its <desc>; the figure's caption says it again for everyone.
std::string figure(const std::string& svg, std::string_view file) {
  if (svg.empty()) return "";
  std::string caption;
  if (const auto d = svg.find("<desc"); d != std::string::npos) {
    const auto start = svg.find('>', d) + 1;
    caption = svg.substr(start, svg.find("</desc>", start) - start);  // already escaped
  }
  return "<figure>\n" + inline_svg(svg) + "<figcaption>" + caption + " (<a href=\"" +
         std::string(file) + "\">" + std::string(file) + "</a>)</figcaption>\n</figure>\n";
}

std::string criterion_html(const PageCriterion& c, bool withheld) {
  std::string out = "<article class=\"criterion\">\n<h3>" + html_text(c.title);
  if (!withheld) out += " <span class=\"points\">(" + html_text(c.points) + " points)</span>";
  out += "</h3>\n<p>" + html_text(c.feedback) + "</p>\n";
  out += paragraph("In plain words:", c.explanation);
  out += paragraph("Your instructor's comment:", c.comment);
  out += paragraph("Your instructor changed these points:", c.override_reason);
  out += paragraph("Try this:", c.hint);
  out += paragraph("Where to look:", c.look);
  out += paragraph("What to ignore here:", c.ignore);
  return out + "</article>\n";
}

constexpr std::string_view kCss = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45;
  color: #111; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h1, code { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.meta { color: #444; margin: 0.2rem 0; }
.verdict { font-size: 1.1rem; padding: 0.5rem 0.7rem; border-left: 0.4rem solid #6e6e6e;
  background: #f4f4f4; }
.verdict.passed { border-color: #009E73; }
.verdict.below { border-color: #D55E00; }
.warning { border-left: 0.4rem solid #E69F00; background: #fff7e6; padding: 0.4rem 0.7rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.4rem; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.result-to-work-on { color: #A34700; font-weight: 600; }
.result-met { color: #00704F; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; height: auto; max-width: 42rem; }
figcaption { font-size: 0.85rem; color: #444; }
.criterion { margin-bottom: 0.8rem; }
.scroll { overflow-x: auto; }
#concept-map svg { width: 40rem; max-width: none; height: auto; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  figure, .criterion, tr { break-inside: avoid; }
  figure svg { width: 9.5cm; }  /* two or three plots a page, not one */
  #concept-map svg { width: 100%; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}
)";

std::string document(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
         "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_text(title) + "</title>\n<style>" + std::string(kCss) +
         "</style>\n</head>\n<body>\n" + "<main>\n" + body + "</main>\n</body>\n</html>\n";
}

}  // namespace

std::string html_text(std::string_view text) {
  std::string out = svg::escape(text);
  out = pair_markers(out, "**", "strong");
  out = pair_markers(out, "`", "code");
  return pair_markers(out, "*", "em");
}

std::string inline_svg(std::string_view svg) {
  const auto at = svg.find("<svg");
  if (at == std::string_view::npos) return "";
  std::string out(svg.substr(at));
  if (out.empty() || out.back() != '\n') out += "\n";
  return out;
}

std::string_view page_css() {
  return kCss;
}

std::string student_page_html(const StudentPage& page, const PagePictures& pictures) {
  std::string b = "<h1>" + html_text(page.title) + "</h1>\n";
  if (!page.student.empty())
    b += "<p class=\"meta\"><strong>Student:</strong> " + html_text(page.student) + "</p>\n";
  b += "<p class=\"meta\"><strong>File:</strong> <code>" + html_text(page.file) + "</code></p>\n";
  b += "<p class=\"meta\"><strong>Assignment:</strong> " + html_text(page.assignment) + "</p>\n";
  const std::string verdict_class = page.withheld               ? "held"
                                    : page.verdict == "Passed." ? "passed"
                                                                : "below";
  b += "<p class=\"verdict " + verdict_class + "\"><strong>" + html_text(page.verdict) +
       "</strong>" + (page.withheld ? "" : " " + html_text(page.score) + ".") + "</p>\n";
  for (const auto& w : page.warnings)
    b += "<p class=\"warning\"><strong>Please check your upload:</strong> " + html_text(w) +
         "</p>\n";
  if (!page.adjustments.empty()) {
    b += "<ul class=\"adjustments\">\n";
    for (const auto& a : page.adjustments) b += "<li>" + html_text(a) + "</li>\n";
    b += "</ul>\n";
  }

  std::string table =
      "<div class=\"scroll\"><table class=\"criteria\">\n<thead><tr><th "
      "scope=\"col\">Criterion</th><th scope=\"col\">Measured</th>";
  if (!page.withheld) table += "<th scope=\"col\" class=\"num\">Points</th>";
  table += "<th scope=\"col\">Result</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    const PageCriterion& r = page.rows[i];
    std::string result_class = page.row_results[i];
    for (char& ch : result_class)
      if (ch == ' ') ch = '-';
    table += "<tr><td>" + html_text(r.title) + "</td><td>" + html_text(r.measured) + "</td>";
    if (!page.withheld) table += "<td class=\"num\">" + html_text(r.points) + "</td>";
    table += "<td class=\"result-" + result_class + "\">" + html_text(page.row_results[i]) +
             "</td></tr>\n";
  }
  for (const auto& t : page.placeholders)
    table += "<tr><td>" + html_text(t) + "</td><td colspan=\"" + (page.withheld ? "2" : "3") +
             "\">shown after the due date</td></tr>\n";
  table += "</tbody>\n</table></div>\n";
  if (page.hidden > 0)
    table += "<p>" + std::to_string(page.hidden) + " more criteri" +
             (page.hidden == 1 ? "on counts" : "a count") + " toward the score but " +
             (page.hidden == 1 ? "is" : "are") + " not shown here.</p>\n";
  b += section("criteria", "Criteria", table);

  const Plots& p = pictures.plots;
  const std::string figures = figure(p.loudness, kLoudnessPlot) +
                              figure(p.spectrum, kSpectrumPlot) + figure(p.stereo, kStereoPlot);
  if (!figures.empty()) b += section("plots", "Your mix in pictures", figures);

  if (!page.to_work_on.empty()) {
    std::string body;
    for (const auto& c : page.to_work_on) body += criterion_html(c, page.withheld);
    b += section("to-work-on", "What to work on", body);
  }
  if (!page.met.empty()) {
    std::string body = "<ul>\n";
    for (const auto& c : page.met) {
      body += "<li><strong>" + html_text(c.title) + "</strong>: " + html_text(c.feedback);
      if (!c.explanation.empty()) body += " <em>In plain words:</em> " + html_text(c.explanation);
      if (!c.comment.empty())
        body += " <em>Your instructor's comment:</em> " + html_text(c.comment);
      if (!c.override_reason.empty())
        body += " <em>Your instructor changed these points:</em> " + html_text(c.override_reason);
      body += "</li>\n";
    }
    b += section("went-well", "What went well", body + "</ul>\n");
  }
  if (!page.not_applicable.empty()) {
    std::string body = "<ul>\n";
    for (const auto& c : page.not_applicable)
      body +=
          "<li><strong>" + html_text(c.title) + "</strong>: " + html_text(c.feedback) + "</li>\n";
    b += section("not-counted", "Not counted for this file", body + "</ul>\n");
  }
  if (!page.misconceptions.empty()) {
    std::string body = "<ul>\n";
    for (const auto& m : page.misconceptions) body += "<li>" + html_text(m) + "</li>\n";
    b += section("misconceptions", "Worth rethinking", body + "</ul>\n");
  }
  if (!page.next_step.empty())
    b += section("next-step", "Next step", "<p>" + html_text(page.next_step) + "</p>\n");
  if (const std::string map = inline_svg(pictures.concept_map_svg); !map.empty())
    b += section("concept-map", "Concept map",
                 "<div class=\"scroll\">" + map + "</div>\n" +
                     "<p>Green is mastered, red is just started; a bold outline means ready to "
                     "learn now, a dashed one means a prerequisite still needs work first.</p>\n");
  if (!page.teach_back.empty() || !page.teach_back_prompt.empty())
    b += section("teach-back", "Teach it back",
                 (page.teach_back.empty() ? "" : "<p>" + html_text(page.teach_back) + "</p>\n") +
                     (page.teach_back_prompt.empty()
                          ? ""
                          : "<p>" + html_text(page.teach_back_prompt) + "</p>\n"));
  return document(page.title, b);
}

std::string unreadable_page_html(const std::string& file, const std::string& reason) {
  const std::string name = std::filesystem::path(file).filename().string();
  return document("Feedback on " + name,
                  "<h1>Feedback on " + html_text(name) +
                      "</h1>\n<p class=\"verdict below\"><strong>Could not be graded:</strong> " +
                      html_text(reason) +
                      "</p>\n<p>Please check the file (open it in your player or DAW) and hand it "
                      "in again.</p>\n");
}

}  // namespace mixgrade
