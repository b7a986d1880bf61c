#include "rubric/text_template.hpp"

namespace mixgrade {

std::vector<Placeholder> find_placeholders(std::string_view text) {
  std::vector<Placeholder> out;
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.push_back({std::string(text.substr(open + 1, close - open - 1)), open});
  }
  return out;
}

std::string render_template(std::string_view text,
                            const std::function<std::string(std::string_view)>& lookup) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& p : find_placeholders(text)) {
    out.append(text.substr(copied, p.offset - copied));
    out += lookup(p.name);
    copied = p.offset + p.name.size() + 2;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace mixgrade
