#pragma once
// The student's page as HTML (OUT/<student>/index.html), rendered from the same StudentPage as the
// Markdown page (student_page.hpp), with the plots (plots.hpp) and the concept map inline. The
// page is self-contained: inline CSS and SVG, no script, no external URL, so it opens from a file
// share or an LMS download without a network, and it prints on A4.
#include <string>

#include "report/plots.hpp"
#include "report/student_page.hpp"

namespace mixgrade {

struct PagePictures {
  Plots plots{};
  std::string concept_map_svg{};  // Graphviz's SVG of the concept map; "" for none
};

std::string student_page_html(const StudentPage& page, const PagePictures& pictures = {});

// The HTML page for a file that could not be graded (unreadable_page_markdown's words).
std::string unreadable_page_html(const std::string& file, const std::string& reason);

// For pages: text escaped for HTML, with the Markdown the page model uses (**bold**, *emphasis*,
// `code`) turned into tags.
std::string html_text(std::string_view text);
// An SVG document ready to inline in HTML: anything before "<svg" (XML declaration, DOCTYPE,
// comments) dropped; "" when it holds no <svg>.
std::string inline_svg(std::string_view svg);
// The page's shared style sheet (also the class report's).
std::string_view page_css();

}  // namespace mixgrade
