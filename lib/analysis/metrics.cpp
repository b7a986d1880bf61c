#include "analysis/metrics.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

// The format block is the pipeline's own (what the decoder reports); every other row is declared by
// its analyser (registry.hpp).
constexpr std::string_view kFormatDocs = R"(
format.sample_rate | Hz
    Samples per second per channel.
format.channels
    Number of channels.
format.frames
    Frames actually decoded (one sample per channel each).
format.duration_s | s
    Decoded length in seconds.
)";

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Where parsed meanings live: joined from several source lines, they are new strings, and
// MetricInfo holds views. A deque never moves what it holds.
std::string_view keep(std::string text) {
  static std::deque<std::string> storage;
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  return storage.emplace_back(std::move(text));
}

struct Tables {
  std::vector<MetricInfo> rows;
  std::map<const AnalyserDescriptor*, std::span<const MetricInfo>> by_analyser;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    out.rows = parse_metric_docs(kFormatDocs);
    std::vector<std::pair<const AnalyserDescriptor*, std::size_t>> starts;
    for (const auto* analyser : analysers()) {
      starts.emplace_back(analyser, out.rows.size());
      const auto rows = parse_metric_docs(analyser->metric_docs);
      out.rows.insert(out.rows.end(), rows.begin(), rows.end());
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const std::size_t end = i + 1 < starts.size() ? starts[i + 1].second : out.rows.size();
      out.by_analyser[starts[i].first] =
          std::span<const MetricInfo>(out.rows).subspan(starts[i].second, end - starts[i].second);
    }
    return out;
  }();
  return t;
}

// Greedy word wrap for --help, so a terminal of 80 columns reads it comfortably.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 78) {
  std::string out(indent, ' ');
  std::size_t column = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out + "\n";
}

bool in_block(const MetricInfo& m, std::string_view block) {
  return block.empty() ||
         (m.path.starts_with(block) && m.path.size() > block.size() && m.path[block.size()] == '.');
}

}  // namespace

std::vector<MetricInfo> parse_metric_docs(std::string_view docs) {
  std::vector<MetricInfo> rows;
  // The meaning, then the optional parts an indented line opens with its prefix.
  constexpr std::array<std::string_view, 3> kPrefixes = {"plain:", "look:", "ignore:"};
  std::string meaning;
  std::array<std::string, 3> parts;
  std::array<bool, 3> opened{};
  std::string* into = &meaning;
  const auto close = [&] {
    if (rows.empty()) return;
    const std::string path(rows.back().path);
    if (meaning.empty()) throw std::logic_error("metric " + path + " has no meaning");
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (opened[i] && parts[i].empty())
        throw std::logic_error("metric " + path + " has an empty " + std::string(kPrefixes[i]));
    rows.back().meaning = keep(std::move(meaning));
    std::string_view* fields[] = {&rows.back().plain, &rows.back().look, &rows.back().ignore};
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (!parts[i].empty()) *fields[i] = keep(std::move(parts[i]));
    meaning.clear();
    parts = {};
    opened = {};
    into = &meaning;
  };
  while (!docs.empty()) {
    const std::size_t end = std::min(docs.find('\n'), docs.size());
    const std::string_view line = docs.substr(0, end);
    docs.remove_prefix(std::min(end + 1, docs.size()));
    if (trim(line).empty()) continue;
    if (line.front() == ' ') {
      if (rows.empty()) throw std::logic_error("metric docs start with an indented line");
      std::string_view text = trim(line);
      for (std::size_t i = 0; i < kPrefixes.size(); ++i)
        if (text.starts_with(kPrefixes[i])) {
          if (opened[i])
            throw std::logic_error("metric " + std::string(rows.back().path) + " has two " +
                                   std::string(kPrefixes[i]));
          opened[i] = true;
          into = &parts[i];
          text = trim(text.substr(kPrefixes[i].size()));
        }
      *into += (into->empty() ? "" : " ") + std::string(text);
      continue;
    }
    close();
    MetricInfo m;
    std::string_view rest = line;
    std::string_view* fields[] = {&m.path, &m.unit, &m.standard};
    for (std::string_view* field : fields) {
      const std::size_t bar = rest.find('|');
      *field = trim(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    m.list = trim(rest) == "list";
    if (m.path.empty() || m.path.find(' ') != std::string_view::npos ||
        !(trim(rest).empty() || m.list))
      throw std::logic_error("not a metric line: " + std::string(line));
    rows.push_back(m);
  }
  close();
  return rows;
}

std::span<const MetricInfo> metric_table() {
  return tables().rows;
}

const MetricInfo* find_metric(std::string_view path) {
  for (const auto& m : metric_table())
    if (m.path == path) return &m;
  return nullptr;
}

std::span<const MetricInfo> metrics_of(const AnalyserDescriptor& analyser) {
  return tables().by_analyser.at(&analyser);
}

std::string metric_reference_text(std::string_view block) {
  std::string out;
  for (const auto& m : metric_table()) {
    if (!in_block(m, block)) continue;
    out += "  ";
    out += m.path;
    if (!m.unit.empty()) out += " [" + std::string(m.unit) + "]";
    out += "\n";
    std::string text(m.meaning);
    if (!m.standard.empty()) text += " (" + std::string(m.standard) + ")";
    out += wrap(text, 6);
    if (!m.plain.empty()) out += wrap("In plain words: " + std::string(m.plain), 6);
  }
  return out;
}

std::string metric_reference_markdown(std::string_view block) {
  return metric_reference_markdown(std::span<const std::string_view>(&block, 1));
}

std::string metric_reference_markdown(std::span<const std::string_view> blocks) {
  std::string out =
      "| metric | unit | meaning | standard | in plain words |\n|---|---|---|---|---|\n";
  for (const auto& m : metric_table()) {
    if (std::none_of(blocks.begin(), blocks.end(),
                     [&](std::string_view b) { return in_block(m, b); }))
      continue;
    out += "| `" + std::string(m.path) + "` | " + std::string(m.unit) + " | " +
           std::string(m.meaning) + " | " + std::string(m.standard) + " | " + std::string(m.plain) +
           " |\n";
  }
  return out;
}

}  // namespace mixgrade
