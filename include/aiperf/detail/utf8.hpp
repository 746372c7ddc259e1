// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/utf8.hpp — the one gate for text a server chose (an error body, a reason phrase,
// an error event's message) on its way into our artifacts and onto the operator's console
// (issue #12 item 1).  A server may send any bytes; the artifacts promise UTF-8 JSON/CSV/JSONL,
// and a terminal must not be driven by a remote peer's escape sequences.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Length of the well-formed UTF-8 sequence at the start of `s` (1-4), or 0 when `s` starts
/// with an ill-formed one (a stray continuation byte, an overlong form, a surrogate, a code
/// point above U+10FFFF, a truncated sequence).  Unicode 15 table 3-7.
AIPERF_DECL std::size_t utf8_sequence_length(std::string_view s) noexcept;

/// Whether `s` is entirely well-formed UTF-8.
AIPERF_DECL bool is_valid_utf8(std::string_view s) noexcept;

/// `s` with every maximal ill-formed subpart replaced by U+FFFD (the W3C/WHATWG decoder's
/// "substitution of maximal subparts", so "\xE2\x82" becomes one U+FFFD, "\xC0\xAF" two).
/// Control characters are kept: the JSON writer escapes them, and the console uses
/// console_safe below.
AIPERF_DECL std::string valid_utf8(std::string_view s);

/// Makes `s` valid UTF-8 in place; cheap when it already is (the common case).
inline void make_valid_utf8(std::string& s) {
  if (!is_valid_utf8(s)) s = valid_utf8(s);
}

/// `s` for a terminal: valid UTF-8 (as valid_utf8) with every C0/C1 control character and DEL
/// written as a visible escape (`\x1b`, `\x00`, `\u009b`), so server text cannot move the
/// cursor, change colours or retitle the window.  Newlines and tabs become spaces: a table cell
/// is one line.  At most `max_chars` code points are kept; longer text ends in "...".
AIPERF_DECL std::string console_safe(std::string_view s, std::size_t max_chars = std::string::npos);

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/detail/impl/utf8.ipp>
#endif
