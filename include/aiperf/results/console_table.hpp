// SPDX-License-Identifier: Apache-2.0
// aiperf/results/console_table.hpp — text tables and panels in the look of AIPerf's console
// report (Rich's heavy header box, rounded panels).  Cells are formatted by
// results/number_format.hpp.
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

/// Columns a UTF-8 text takes: one per code point (continuation bytes take none).
inline std::size_t text_width(std::string_view s) noexcept {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// A boxed table with a centred title; every cell right-aligned.  A cell may hold several lines
/// ('\n'): its row grows to the tallest cell, as Rich wraps a long metric name over its unit.
inline std::string render_table(std::string_view title, std::vector<std::string> const& header,
                                std::vector<std::vector<std::string>> const& rows) {
  auto lines_of = [](std::string_view cell) {
    std::vector<std::string_view> out;
    for (std::size_t from = 0;;) {
      const std::size_t nl = cell.find('\n', from);
      out.push_back(cell.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from));
      if (nl == std::string_view::npos) return out;
      from = nl + 1;
    }
  };
  std::vector<std::size_t> w(header.size());
  auto widen = [&](std::vector<std::string> const& row) {
    for (std::size_t i = 0; i < row.size() && i < w.size(); ++i)
      for (auto line : lines_of(row[i])) w[i] = std::max(w[i], text_width(line));
  };
  widen(header);
  for (auto const& row : rows) widen(row);
  auto rule = [&](std::string_view l, std::string_view m, std::string_view r, std::string_view fill) {
    std::string out(l);
    for (std::size_t i = 0; i < w.size(); ++i) {
      for (std::size_t k = 0; k < w[i] + 2; ++k) out += fill;
      out += i + 1 < w.size() ? m : r;
    }
    return out + "\n";
  };
  auto cells = [&](std::vector<std::string> const& c, std::string_view bar) {
    std::vector<std::vector<std::string_view>> lines(w.size());
    std::size_t height = 1;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (i < c.size()) lines[i] = lines_of(c[i]);
      height = std::max(height, lines[i].size());
    }
    std::string out;
    for (std::size_t k = 0; k < height; ++k) {
      out += bar;
      for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string_view text = k < lines[i].size() ? lines[i][k] : std::string_view();
        out += ' ';
        out.append(w[i] - text_width(text), ' ');
        out += text;
        out += ' ';
        out += bar;
      }
      out += "\n";
    }
    return out;
  };
  std::size_t total = 1;
  for (auto x : w) total += x + 3;
  std::string out = fmt::format("{:^{}}\n", title, total);
  out += rule("┏", "┳", "┓", "━") + cells(header, "┃") + rule("┡", "╇", "┩", "━");
  for (auto const& row : rows) out += cells(row, "│");
  out += rule("└", "┴", "┘", "─");
  return out;
}

/// A rounded box around `lines` with `title` centred in its top edge, as wide as its widest
/// line (Rich's Panel with padding (0, 2), not expanded): the console's warning panels.
inline std::string render_panel(std::string_view title, std::vector<std::string> const& lines) {
  std::size_t inner = text_width(title) + 2;
  for (auto const& l : lines) inner = std::max(inner, text_width(l) + 4);
  const std::size_t left = (inner - text_width(title) - 2) / 2, right = inner - text_width(title) - 2 - left;
  auto dashes = [](std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += "─";
    return out;
  };
  std::string out = "╭" + dashes(left) + " " + std::string(title) + " " + dashes(right) + "╮\n";
  for (auto const& l : lines) {
    out += "│  " + l;
    out.append(inner - 4 - text_width(l), ' ');
    out += "  │\n";
  }
  out += "╰" + dashes(inner) + "╯\n";
  return out;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
