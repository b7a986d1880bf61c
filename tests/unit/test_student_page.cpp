// The student page, from hand-built score records: what a student reads is decided by the page
// model (report/student_page.hpp) and rendered as Markdown.
#define BOOST_TEST_MODULE student_page
#include <boost/test/unit_test.hpp>
#include <string>

#include "report/score_markdown.hpp"
#include "report/student_page.hpp"
#include "report/student_page_html.hpp"
#include "rubric/load.hpp"
#include "shipped.hpp"

using namespace mixgrade;

namespace {

CriterionRecord criterion(std::string id, std::string title, std::string metric, double value,
                          double points, double max_points, Status status) {
  CriterionRecord c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.metric = std::move(metric);
  c.value = value;
  c.points = points;
  c.max_points = max_points;
  c.status = status;
  c.feedback = "Feedback of " + c.id + ".";
  c.hints = {"Direction of " + c.id + ".", "Rule.", "Apply."};
  return c;
}

ScoreRecord record() {
  ScoreRecord s;
  s.file = "/home/teacher/course/week3/submissions/okafornkechi_10231_50011_mix.flac";
  s.student = "10231";
  s.rubric = {"mixdown-for-mastering", "1.2", "fnv1a64:0"};
  s.rubric_title = "Mix-down for mastering";
  s.pass_mark = 60;
  auto peak = criterion("headroom", "Headroom for mastering", "loudness.true_peak_dbtp", -1.5, 10.0,
                        20.0, Status::partial);
  peak.unit = "dBTP";
  auto plr = criterion("dynamics_plr", "", "dynamics.plr_db", 10.5, 15.0, 15.0, Status::pass);
  plr.unit = "dB";
  auto plr2 = criterion("loud_plr", "Punch", "loudness.plr_db", 10.5, 5.0, 5.0, Status::pass);
  plr2.unit = "dB";
  auto target = criterion("target_curve", "Match to the target curve",
                          "spectrum.target.rms_deviation_db", 0, 0, 0, Status::not_applicable);
  target.value.reset();
  target.feedback = "No target curve was given, so this criterion does not count.";
  CriterionRecord balance;
  balance.id = "balance";
  balance.title = "Mix balance";
  balance.manual = true;
  balance.points = 8;
  balance.max_points = 10;
  balance.status = Status::partial;
  balance.feedback = "Marked by ear.";
  balance.hints = {"Balance the vocal.", "", ""};
  balance.comment = "The vocal sits 2 dB too low in the chorus.";
  balance.override_reason = "Regraded after the lesson on 3 December.";
  s.criteria = {peak, plr, plr2, target, balance};
  s.adjustments = {{AdjustmentKind::late, -5.0, "", "2 days late, 2.5 points a day"}};
  s.score = 10 + 15 + 5 + 8 - 5;
  s.max_score = 50;
  s.percent = 66.0;
  s.passed = true;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_page_names_the_student_and_the_file_but_no_folder) {
  const auto page = build_student_page(record(), {"Okafor, Nkechi", ""});
  BOOST_TEST(page.student == "Nkechi Okafor");
  BOOST_TEST(page.file == "okafornkechi_10231_50011_mix.flac");
  const std::string md = student_page_markdown(page);
  BOOST_TEST(md.find("/home/teacher") == std::string::npos);
  BOOST_TEST(md.find("**Student:** Nkechi Okafor") != std::string::npos);
  // Without a roster the record's student is shown.
  BOOST_TEST(build_student_page(record()).student == "10231");
  BOOST_TEST(display_name("Okafor, Nkechi") == "Nkechi Okafor");
  BOOST_TEST(display_name("Cher") == "Cher");
  BOOST_TEST(display_name("King, Jr., Martin") == "King, Jr., Martin");
}

BOOST_AUTO_TEST_CASE(titles_sections_and_not_applicable_on_its_own_line) {
  const auto page = build_student_page(record());
  BOOST_TEST_REQUIRE(page.to_work_on.size() == 2u);
  BOOST_TEST(page.to_work_on[0].title == "Headroom for mastering");
  BOOST_TEST(page.to_work_on[0].hint == "Direction of headroom.");
  BOOST_TEST_REQUIRE(page.met.size() == 2u);
  BOOST_TEST(page.met[0].title == "dynamics_plr");  // no title in the rubric: the id
  BOOST_TEST_REQUIRE(page.not_applicable.size() == 1u);
  BOOST_TEST(page.not_applicable[0].title == "Match to the target curve");
  const std::string md = student_page_markdown(page);
  const auto went_well = md.find("## What went well");
  const auto not_counted = md.find("## Not counted for this file");
  BOOST_TEST_REQUIRE(went_well != std::string::npos);
  BOOST_TEST_REQUIRE(not_counted != std::string::npos);
  BOOST_TEST(md.find("No target curve") > not_counted);  // never among the successes
  BOOST_TEST(md.find("| Match to the target curve | n/a |  | does not count |") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_metric_is_explained_once_where_it_first_appears) {
  const auto page = build_student_page(record());
  BOOST_TEST(page.to_work_on[0].explanation.find("dBTP") != std::string::npos);
  BOOST_TEST(page.met[0].explanation.find("PLR") != std::string::npos);
  // loudness.plr_db has the same sentence as dynamics.plr_db: not said twice.
  BOOST_TEST(page.met[1].explanation.empty());
  BOOST_TEST(page.to_work_on[1].explanation.empty());  // manual: no metric
  BOOST_TEST(!plain_explanation("stereo.correlation").empty());
  BOOST_TEST(plain_explanation("no.such_metric").empty());
}

BOOST_AUTO_TEST_CASE(comments_overrides_and_adjustments_reach_the_page) {
  const std::string md = score_markdown(record(), {"", "Your next assignment is **X**."});
  BOOST_TEST(md.find("*Your instructor's comment:* The vocal sits 2 dB too low") !=
             std::string::npos);
  BOOST_TEST(md.find("*Your instructor changed these points:* Regraded after") !=
             std::string::npos);
  BOOST_TEST(md.find("| Mix balance | marked by your instructor | 8.0/10.0 | to work on |") !=
             std::string::npos);
  BOOST_TEST(md.find("- Late penalty: -5.0 points. 2 days late, 2.5 points a day.") !=
             std::string::npos);
  BOOST_TEST(md.find("**Passed.** 33.0 / 50.0 points (66.0 %); the pass mark is 60 %.") !=
             std::string::npos);
  BOOST_TEST(md.find("## Next step\n\nYour next assignment is **X**.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_withheld_grade_shows_no_score_and_says_why) {
  ScoreRecord s = record();
  s.withheld = true;
  s.warnings = {{SuspectKind::cut_off, "The file ends abruptly: it looks cut off."}};
  const std::string md = score_markdown(s);
  BOOST_TEST(md.find("**Your grade is on hold until your instructor has looked at the file.**") !=
             std::string::npos);
  BOOST_TEST(md.find("> **Please check your upload:** The file ends abruptly") !=
             std::string::npos);
  BOOST_TEST(md.find("33.0") == std::string::npos);
  BOOST_TEST(md.find("/10.0") == std::string::npos);  // no points anywhere
  BOOST_TEST(md.find("Late penalty") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_cap_without_an_adjustment_is_still_one_line) {
  ScoreRecord s = record();
  s.adjustments.clear();
  s.criteria[0].cap_percent = 50;
  s.criteria[0].capped = true;
  const std::string md = score_markdown(s);
  BOOST_TEST(md.find("- The total can be at most 50 % because \"Headroom for mastering\" missed "
                     "full marks.") != std::string::npos);
  s.adjustments = {{AdjustmentKind::cap, -3.0, "headroom", "A missed headroom caps the total"}};
  const std::string md2 = score_markdown(s);
  BOOST_TEST(md2.find("- Capped (Headroom for mastering): -3.0 points. A missed headroom caps "
                      "the total.") != std::string::npos);
  BOOST_TEST(md2.find("because \"Headroom") == std::string::npos);
}

// What to look for and what to ignore: under each missed criterion, the metric table's cues (the
// meter and the part of the song; the numbers that do not matter here), never under a met one.
BOOST_AUTO_TEST_CASE(missed_criteria_say_where_to_look_and_what_to_ignore) {
  const auto page = build_student_page(record());
  BOOST_TEST(page.to_work_on[0].look.find("true-peak meter") != std::string::npos);
  BOOST_TEST(page.to_work_on[0].ignore.find("sample-peak meter") != std::string::npos);
  BOOST_TEST(page.met[0].look.empty());
  BOOST_TEST(page.to_work_on[1].look.empty());  // manual: no metric, no meter
  const std::string md = student_page_markdown(page);
  BOOST_TEST(md.find("*Where to look:* a true-peak meter") != std::string::npos, md);
  BOOST_TEST(md.find("*What to ignore here:* the ordinary sample-peak meter") != std::string::npos);
  // Every metric a shipped rubric grades has both cues.
  const auto rubrics = load_course_rubrics(
      test::kShippedRubrics,
      context_with_concepts(test::kShippedRubrics / "concepts.toml", test::kShippedRubrics));
  for (const Rubric& r : rubrics)
    for (const Criterion& c : r.criteria) {
      if (c.manual) continue;
      BOOST_TEST(!look_cue(c.metric).empty(), r.identity.id << " " << c.metric);
      BOOST_TEST(!ignore_cue(c.metric).empty(), r.identity.id << " " << c.metric);
    }
}

BOOST_AUTO_TEST_CASE(the_html_page_renders_the_same_page_model_self_contained) {
  PageContext context{"Okafor, Nkechi", "Your next assignment is **Gain staging**."};
  context.teach_back_prompt = "Explain **headroom** in your own words.";
  const StudentPage page = build_student_page(record(), context);
  PagePictures pictures;
  pictures.plots.loudness =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>L</title><desc>Loudness &amp; "
      "more.</desc></svg>\n";
  pictures.concept_map_svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
      "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg id=\"map\"></svg>\n";
  const std::string html = student_page_html(page, pictures);
  // The same words as the Markdown page, from the same model.
  BOOST_TEST(html.find("<h1>Feedback on okafornkechi_10231_50011_mix.flac</h1>") !=
             std::string::npos);
  BOOST_TEST(html.find("Nkechi Okafor") != std::string::npos);
  BOOST_TEST(html.find(page.score) != std::string::npos);
  for (const char* id : {"criteria", "plots", "to-work-on", "went-well", "not-counted", "next-step",
                         "concept-map", "teach-back"})
    BOOST_TEST(html.find(std::string("<section id=\"") + id + "\">") != std::string::npos, id);
  BOOST_TEST(html.find("<strong>Gain staging</strong>") != std::string::npos);
  BOOST_TEST(html.find("Explain <strong>headroom</strong>") != std::string::npos);
  BOOST_TEST(html.find("The vocal sits 2 dB too low in the chorus.") != std::string::npos);
  // The plot is inline, captioned with its text alternative; the map loses its DOCTYPE.
  BOOST_TEST(html.find("<figcaption>Loudness &amp; more. (<a href=\"loudness.svg\">") !=
             std::string::npos);
  BOOST_TEST(html.find("<svg id=\"map\">") != std::string::npos);
  BOOST_TEST(html.find("DOCTYPE svg") == std::string::npos);
  // Self-contained: inline style, no script or style sheet fetched, prints on A4.
  BOOST_TEST(html.find("<link") == std::string::npos);
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("@page { size: A4;") != std::string::npos);
  std::string without_xmlns = html;
  for (std::size_t at;
       (at = without_xmlns.find("xmlns=\"http://www.w3.org/2000/svg\"")) != std::string::npos;)
    without_xmlns.erase(at, 34);
  BOOST_TEST(without_xmlns.find("http") == std::string::npos);
  BOOST_TEST(html_text("a < b & **c**") == "a &lt; b &amp; <strong>c</strong>");
}
