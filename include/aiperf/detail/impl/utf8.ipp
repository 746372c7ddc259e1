// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/impl/utf8.ipp — definitions for utf8.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/utf8.hpp>

namespace aiperf {
inline namespace v0 {
namespace detail {

namespace utf8_impl {
constexpr bool in(unsigned char c, unsigned lo, unsigned hi) noexcept { return c >= lo && c <= hi; }

/// How many bytes of the sequence at the start of `s` are a valid prefix (at least 1 when the
/// sequence is ill-formed: the maximal subpart one U+FFFD replaces), and whether it is complete.
struct scan {
  std::size_t length;
  bool complete;
};

constexpr scan scan_sequence(std::string_view s) noexcept {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {1, true};
  std::size_t need = 0;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte (table 3-7)
  if (in(b0, 0xC2, 0xDF)) need = 1;
  else if (b0 == 0xE0) need = 2, lo = 0xA0;          // no overlongs
  else if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) need = 2;
  else if (b0 == 0xED) need = 2, hi = 0x9F;          // no surrogates
  else if (b0 == 0xF0) need = 3, lo = 0x90;          // no overlongs
  else if (in(b0, 0xF1, 0xF3)) need = 3;
  else if (b0 == 0xF4) need = 3, hi = 0x8F;          // nothing above U+10FFFF
  else return {1, false};                            // C0, C1, F5-FF, or a stray continuation byte
  std::size_t i = 1;
  for (; i <= need; ++i) {
    if (i >= s.size()) return {i, false};            // truncated
    const auto b = static_cast<unsigned char>(s[i]);
    if (i == 1 ? !in(b, lo, hi) : !in(b, 0x80, 0xBF)) return {i, false};
  }
  return {i, true};
}
}  // namespace utf8_impl

AIPERF_DECL std::size_t utf8_sequence_length(std::string_view s) noexcept {
  if (s.empty()) return 0;
  const auto r = utf8_impl::scan_sequence(s);
  return r.complete ? r.length : 0;
}

AIPERF_DECL bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII run: the common case
      ++i;
      continue;
    }
    const auto r = utf8_impl::scan_sequence(s.substr(i));
    if (!r.complete) return false;
    i += r.length;
  }
  return true;
}

AIPERF_DECL std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto r = utf8_impl::scan_sequence(s.substr(i));
    if (r.complete) out.append(s.substr(i, r.length));
    else out += "\xEF\xBF\xBD";  // U+FFFD
    i += r.length;
  }
  return out;
}

AIPERF_DECL std::string console_safe(std::string_view s, std::size_t max_chars) {
  static constexpr char hex[] = "0123456789abcdef";
  const std::string text = valid_utf8(s);
  std::string out;
  out.reserve(text.size());
  std::size_t chars = 0, cut = 0;  // cut: where "..." goes if the text is too long
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(std::string_view(text).substr(i));
    const auto b0 = static_cast<unsigned char>(text[i]);
    const auto b1 = n == 2 ? static_cast<unsigned char>(text[i + 1]) : 0u;
    const std::size_t before = out.size();
    if (b0 == '\n' || b0 == '\r' || b0 == '\t') {
      out.push_back(' ');  // one byte for one: counted as 1 below
    } else if (b0 < 0x20 || b0 == 0x7F) {
      out += "\\x";
      out.push_back(hex[b0 >> 4]);
      out.push_back(hex[b0 & 15]);
    } else if (b0 == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) {  // C1 controls U+0080-U+009F (CSI is U+009B)
      out += "\\u00";
      out.push_back(hex[b1 >> 4]);
      out.push_back(hex[b1 & 15]);
    } else {
      out.append(text, i, n);
    }
    chars += out.size() - before == n ? 1 : out.size() - before;  // an escape is as wide as its ASCII text
    if (max_chars != std::string::npos && max_chars >= 3 && chars <= max_chars - 3) cut = out.size();
    if (max_chars != std::string::npos && chars > max_chars) {
      out.resize(cut);
      out += "...";
      break;
    }
    i += n;
  }
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
