// SPDX-License-Identifier: Apache-2.0
// aiperf/report/table.hpp — text tables in the look of AIPerf's console report (Rich's heavy
// header box), and Python-style number formatting for their cells.
#pragma once
#include <aiperf/config.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace report {

/// Python's f"{v:,.2f}" (fmt 9 has no ',' option): two decimals, thousands separators;
/// non-finite values read "N/A".
inline std::string format_number(double v) {
  if (!std::isfinite(v)) return "N/A";
  std::string s = fmt::format("{:.2f}", v);
  const std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  const std::size_t end = s.find('.');
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(end) - 3; i > static_cast<std::ptrdiff_t>(start); i -= 3)
    s.insert(static_cast<std::size_t>(i), 1, ',');
  return s;
}

/// Thousands separators for a count ("12,345").
inline std::string format_count(std::size_t n) {
  std::string s = std::to_string(n);
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), 1, ',');
  return s;
}

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

}  // namespace report
}  // namespace v0
}  // namespace aiperf
