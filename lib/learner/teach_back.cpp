#include "learner/teach_back.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace mixgrade::learner {
namespace {

constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";  // U+2212

bool is_letter(unsigned char c) {
  // Bytes of non-ASCII characters count as letters, so "café" stays one word.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Lowercased words (runs of letters), joined by single spaces and framed by spaces: " a b c ".
std::string words_of(std::string_view text) {
  std::string out = " ";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_letter(c))
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    else if (out.back() != ' ')
      out += ' ';
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool has_term(const std::string& words, std::string_view term) {
  std::string t = words_of(term);  // " true peak "
  if (t == " ") return false;
  if (words.find(t) != std::string::npos) return true;
  t.back() = 's';
  return words.find(t + ' ') != std::string::npos;
}

struct Cited {
  std::string written;
  double value = 0;
};

bool is_word_byte(std::string_view text, std::size_t at) {
  return is_letter(static_cast<unsigned char>(text[at])) || is_digit(text[at]);
}

std::vector<Cited> numbers_in(std::string_view text) {
  std::vector<Cited> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end + 1 < text.size() && (text[end] == '.' || text[end] == ',') && is_digit(text[end + 1]))
      for (++end; end < text.size() && is_digit(text[end]);) ++end;
    i = end;
    std::string digits(text.substr(start, end - start));
    std::replace(digits.begin(), digits.end(), ',', '.');
    // The sign first: the bytes of U+2212 would pass for letters in the glue test below.
    bool negative = false;
    if (start >= 1 && text[start - 1] == '-') {
      negative = start == 1 || !is_word_byte(text, start - 2);  // "3-4" is a range
      if (negative) --start;
    } else if (start >= kUnicodeMinus.size() &&
               text.substr(start - kUnicodeMinus.size(), kUnicodeMinus.size()) == kUnicodeMinus) {
      negative = true;
      start -= kUnicodeMinus.size();
    } else if (start >= 1 && is_word_byte(text, start - 1)) {
      continue;  // "mp3", "v2"
    }
    double v = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), v);  // locale-free
    out.push_back({std::string(text.substr(start, end - start)), negative ? -v : v});
  }
  return out;
}

bool matches(double cited, double value) {
  if (std::abs(cited - value) <= std::max(0.15, 0.02 * std::abs(value)) + 1e-9) return true;
  return std::abs(cited - std::round(value)) < 1e-9 ||
         std::abs(cited - std::round(value * 10.0) / 10.0) < 1e-9;
}

}  // namespace

TeachBack score_explanation(std::string_view text, const Concept& topic,
                            const ScoreRecord& record) {
  TeachBack tb;
  tb.concept_id = topic.id;
  const std::string words = words_of(text);
  const std::vector<Cited> cited = numbers_in(text);
  for (const auto& term : topic.key_terms)
    (has_term(words, term) ? tb.terms_found : tb.terms_missing).push_back(term);
  for (const auto& c : cited) tb.numbers_cited.push_back(c.written);
  if (words == " " && cited.empty()) {
    tb.summary = "Your explanation is empty: say in your own words what you did and why.";
    return tb;
  }

  // The first criterion of this concept a cited number matches, else the first of another.
  const CriterionRecord* own = nullptr;
  const CriterionRecord* other = nullptr;
  std::string own_cited;
  for (const auto& c : record.criteria) {
    if (!c.value || !c.shown()) continue;
    const auto hit = std::find_if(cited.begin(), cited.end(),
                                  [&](const Cited& n) { return matches(n.value, *c.value); });
    if (hit == cited.end()) continue;
    if (std::find(tb.metrics_matched.begin(), tb.metrics_matched.end(), c.metric) ==
        tb.metrics_matched.end())
      tb.metrics_matched.push_back(c.metric);
    if (c.concept_id == topic.id && !own) {
      own = &c;
      own_cited = hit->written;
    } else if (c.concept_id != topic.id && !other) {
      other = &c;
    }
  }

  const double term_share = std::min(1.0, static_cast<double>(tb.terms_found.size()) / 3.0);
  const double numbers_share = own ? 1.0 : other ? 0.5 : 0.0;
  tb.score = 0.5 * term_share + 0.5 * numbers_share;
  tb.counts = tb.score + 1e-9 >= 0.5;

  // "Uses 3 of 6 key terms (a, b, c)" then what the numbers show; a concept without key terms
  // speaks of the numbers alone.
  const std::size_t total = topic.key_terms.size();
  const std::string terms = total == 0 ? ""
                            : tb.terms_found.empty()
                                ? fmt::format("Uses none of the {} key terms", total)
                                : fmt::format("Uses {} of {} key terms ({})", tb.terms_found.size(),
                                              total, join(tb.terms_found));
  auto label = [](const CriterionRecord& c) { return c.title.empty() ? c.id : c.title; };
  std::string numbers;
  if (own)
    numbers = fmt::format("cites your own reading for {} ({}{}).", label(*own), own_cited,
                          own->unit.empty() ? "" : " " + own->unit);
  else if (other)
    numbers = fmt::format(
        "cites your reading for {}, another topic: quote the numbers this one is about.",
        label(*other));
  else if (!cited.empty())
    numbers = fmt::format("{} {} not among your file's readings: quote your own measurements.",
                          join(tb.numbers_cited), cited.size() == 1 ? "is" : "are");
  else
    numbers = "names no measured number from your file: quote your own readings.";
  const char* glue = own || other ? " and " : cited.empty() ? " but " : ", but ";
  if (!terms.empty()) {
    tb.summary = terms + glue + numbers;
  } else {
    tb.summary = numbers;
    if (tb.summary.front() >= 'a' && tb.summary.front() <= 'z') tb.summary.front() -= 'a' - 'A';
  }
  return tb;
}

}  // namespace mixgrade::learner
