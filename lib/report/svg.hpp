#pragma once
// A small SVG writer for the plots (plots.hpp): elements as text, numbers with one decimal, so the
// same input gives the same bytes (goldens work) and nothing depends on a drawing library's ids,
// surface state or version. Cairo's SVG surface, the other candidate, names glyphs and surfaces
// with generated ids and cannot add <title>/<desc> or classes a test (or a screen reader) can find.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mixgrade::svg {

// Okabe & Ito (2008), "Color Universal Design": eight colours told apart with every common colour
// vision deficiency.
inline constexpr std::string_view kBlack = "#000000";
inline constexpr std::string_view kOrange = "#E69F00";
inline constexpr std::string_view kSkyBlue = "#56B4E9";
inline constexpr std::string_view kBluishGreen = "#009E73";
inline constexpr std::string_view kYellow = "#F0E442";
inline constexpr std::string_view kBlue = "#0072B2";
inline constexpr std::string_view kVermillion = "#D55E00";
inline constexpr std::string_view kReddishPurple = "#CC79A7";
inline constexpr std::string_view kGrey = "#6E6E6E";

// "12.3", never "-0.0".
std::string num(double value);
// Text for element content and attribute values: & < > " escaped.
std::string escape(std::string_view text);

using Point = std::pair<double, double>;

// One <svg> document: a viewBox of width x height user units that scales to its container, with
// role="img", a <title> and a <desc> (the text alternative), ids prefixed by `id`.
class Document {
 public:
  Document(std::string_view id, int width, int height, std::string_view title,
           std::string_view description);

  void rect(double x, double y, double w, double h, std::string_view fill,
            std::string_view extra = "");
  void line(double x1, double y1, double x2, double y2, std::string_view stroke, double width = 1.0,
            std::string_view extra = "");
  // An open line through the points; `css_class` lets tests and pages find it.
  void polyline(const std::vector<Point>& points, std::string_view stroke, double width,
                std::string_view css_class, std::string_view extra = "");
  void circle(double cx, double cy, double r, std::string_view fill, std::string_view extra = "");
  // anchor: "start", "middle" or "end".
  void text(double x, double y, std::string_view content, std::string_view anchor = "start",
            double size = 12.0, std::string_view fill = kBlack, std::string_view extra = "");
  void raw(std::string_view element) { body_ += element; }

  std::string str() const;  // the whole document, ending in a newline

 private:
  std::string head_;
  std::string body_;
};

}  // namespace mixgrade::svg
