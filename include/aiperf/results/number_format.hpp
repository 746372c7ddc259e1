// SPDX-License-Identifier: Apache-2.0
// aiperf/results/number_format.hpp — how numbers are written, one function per output format:
// the console (Python's f"{v:,.2f}"), JSON (shortest round-trip form) and CSV (two decimals).
// A record's integers (token counts) keep no fraction in the JSONL; the summary's statistics are
// floats in the JSON and two-decimal numbers in the CSV, whole or not, as upstream writes them.
#pragma once
#include <aiperf/config.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>

namespace aiperf {
inline namespace v0 {
namespace results {

/// Console cells: two decimals with thousands separators ("1,752.02"); non-finite reads "N/A".
inline std::string format_console_number(double v) {
  if (!std::isfinite(v)) return "N/A";
  std::string s = fmt::format("{:.2f}", v);
  const std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  const std::size_t end = s.find('.');
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(end) - 3; i > static_cast<std::ptrdiff_t>(start); i -= 3)
    s.insert(static_cast<std::size_t>(i), 1, ',');
  return s;
}

/// Console counts: thousands separators ("12,345").
inline std::string format_console_count(std::size_t n) {
  std::string s = std::to_string(n);
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), 1, ',');
  return s;
}

/// JSON: the shortest form that reads back to the same double; integers without a fraction;
/// non-finite values (which JSON cannot hold) as null.
inline void append_json_number(std::string& out, double v, bool integer = false) {
  if (!std::isfinite(v)) {
    out += "null";
  } else if (integer && v == std::floor(v) && std::fabs(v) < 9e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(v));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

/// JSON as upstream's summary writes its statistics (Python floats): the shortest round-trip form,
/// with ".0" on whole numbers below 1e16 (`20.0`, `1e+16`, `1.7625515347970678e+18`); non-finite
/// values as null.
inline void append_json_float(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
  } else if (v == std::floor(v) && std::fabs(v) < 1e16) {
    fmt::format_to(std::back_inserter(out), "{:.1f}", v);
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

/// CSV: two decimals; integers without a fraction; non-finite values as an empty cell.
inline std::string format_csv_number(double v, bool integer) {
  if (!std::isfinite(v)) return "";
  if (integer && v == std::floor(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.2f}", v);
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
