// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/ascii.hpp — locale-free ASCII case folding for protocol tokens (HTTP header
// names, SSE event types): these are ASCII by definition, and std::tolower's locale is not
// wanted on any path.
#pragma once
#include <aiperf/config.hpp>

#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
