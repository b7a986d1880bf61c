#pragma once
// Text for one Markdown table cell: pipes escaped, line breaks folded, so one value (a file name,
// a feedback sentence) never breaks the table.
#include <string>
#include <string_view>

namespace mixgrade {

std::string markdown_cell(std::string_view text);

}  // namespace mixgrade
