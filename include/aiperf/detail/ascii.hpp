// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/ascii.hpp — the one place for locale-free ASCII text helpers: case folding,
// case-insensitive comparison and trimming of protocol tokens (HTTP header names, SSE event
// types, flag values, config words).  These are ASCII by definition, and std::tolower's locale
// is not wanted on any path.  Every fold and trim in the tree uses these.
#pragma once
#include <aiperf/config.hpp>

#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with A-Z folded to a-z; other bytes unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

constexpr bool ascii_istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

/// Case-insensitive substring search (`needle` found anywhere in `s`).
constexpr bool ascii_icontains(std::string_view s, std::string_view needle) noexcept {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (ascii_iequals(s.substr(i, needle.size()), needle)) return true;
  return false;
}

constexpr bool ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// `s` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
constexpr std::string_view ascii_trim(std::string_view s) noexcept {
  while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
