// SPDX-License-Identifier: Apache-2.0
// aiperf/results/console_table.hpp — text tables in the look of AIPerf's console report (Rich's
// heavy header box).  Cells are formatted by results/number_format.hpp.
#pragma once
#include <aiperf/config.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// A boxed table with a centred title; every cell right-aligned.  Widths are counted in bytes,
/// so keep cells ASCII.
inline std::string render_table(std::string_view title, std::vector<std::string> const& header,
                                std::vector<std::vector<std::string>> const& rows) {
  std::vector<std::size_t> w(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) w[i] = header[i].size();
  for (auto const& row : rows)
    for (std::size_t i = 0; i < row.size() && i < w.size(); ++i) w[i] = std::max(w[i], row[i].size());
  auto rule = [&](std::string_view l, std::string_view m, std::string_view r, std::string_view fill) {
    std::string out(l);
    for (std::size_t i = 0; i < w.size(); ++i) {
      for (std::size_t k = 0; k < w[i] + 2; ++k) out += fill;
      out += i + 1 < w.size() ? m : r;
    }
    return out + "\n";
  };
  auto cells = [&](std::vector<std::string> const& c, std::string_view bar) {
    std::string out(bar);
    for (std::size_t i = 0; i < w.size(); ++i)
      out += fmt::format(" {:>{}} {}", i < c.size() ? c[i] : std::string(), w[i], bar);
    return out + "\n";
  };
  std::size_t total = 1;
  for (auto x : w) total += x + 3;
  std::string out = fmt::format("{:^{}}\n", title, total);
  out += rule("┏", "┳", "┓", "━") + cells(header, "┃") + rule("┡", "╇", "┩", "━");
  for (auto const& row : rows) out += cells(row, "│");
  out += rule("└", "┴", "┘", "─");
  return out;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
