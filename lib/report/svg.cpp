#include "report/svg.hpp"

#include <charconv>
#include <system_error>

#include <fmt/format.h>

#include <cmath>

namespace mixgrade::svg {

// std::to_chars, not fmt::format: a loudness plot writes 16,000 numbers, and parsing a format
// string for each was a fifth of a warm class re-run. Both round the exact binary value.
std::string num(double value) {
  char buffer[64];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 1);
  if (ec != std::errc()) return "0.0";  // beyond 1e60: no coordinate is
  const std::string_view s(buffer, static_cast<std::size_t>(end - buffer));
  return s == "-0.0" ? "0.0" : std::string(s);
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {
std::string extra_attributes(std::string_view extra) {
  return extra.empty() ? "" : " " + std::string(extra);
}
}  // namespace

Document::Document(std::string_view id, int width, int height, std::string_view title,
                   std::string_view description) {
  const std::string i = escape(id);
  head_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{0}\" class=\"plot\" viewBox=\"0 0 {1} {2}\" "
      "width=\"100%\" role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" "
      "font-family=\"sans-serif\">\n<title id=\"{0}-title\">{3}</title>\n<desc "
      "id=\"{0}-desc\">{4}</desc>\n<rect x=\"0\" y=\"0\" width=\"{1}\" height=\"{2}\" "
      "fill=\"#FFFFFF\"/>\n",
      i, width, height, escape(title), escape(description));
}

void Document::rect(double x, double y, double w, double h, std::string_view fill,
                    std::string_view extra) {
  body_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}/>\n",
                       num(x), num(y), num(std::max(0.0, w)), num(std::max(0.0, h)), fill,
                       extra_attributes(extra));
}

void Document::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                    double width, std::string_view extra) {
  body_ += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
      num(x1), num(y1), num(x2), num(y2), stroke, num(width), extra_attributes(extra));
}

void Document::polyline(const std::vector<Point>& points, std::string_view stroke, double width,
                        std::string_view css_class, std::string_view extra) {
  if (points.empty()) return;
  std::string p;
  p.reserve(points.size() * 12);
  for (const auto& [x, y] : points) {
    if (!p.empty()) p += ' ';
    p += num(x);
    p += ',';
    p += num(y);
  }
  body_ += fmt::format(
      "<polyline class=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
      "stroke-linejoin=\"round\"{}/>\n",
      css_class, p, stroke, num(width), extra_attributes(extra));
}

void Document::circle(double cx, double cy, double r, std::string_view fill,
                      std::string_view extra) {
  body_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"{}/>\n", num(cx), num(cy),
                       num(r), fill, extra_attributes(extra));
}

void Document::text(double x, double y, std::string_view content, std::string_view anchor,
                    double size, std::string_view fill, std::string_view extra) {
  body_ += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\" fill=\"{}\"{}>{}</text>\n",
      num(x), num(y), anchor, num(size), fill, extra_attributes(extra), escape(content));
}

std::string Document::str() const {
  return head_ + body_ + "</svg>\n";
}

}  // namespace mixgrade::svg
