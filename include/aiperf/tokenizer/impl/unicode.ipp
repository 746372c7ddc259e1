// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/impl/unicode.ipp — definitions for unicode.hpp (utf8proc is needed only here).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/tokenizer/unicode.hpp>

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace aiperf {
inline namespace v0 {
namespace unicode {

namespace detail {

AIPERF_DECL bool is_white_space(std::uint32_t cp) noexcept {
  return (cp >= 9 && cp <= 13) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

AIPERF_DECL std::uint8_t compute_class(std::uint32_t cp) noexcept {
  std::uint8_t c = 0;
  auto const* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: c = letter | upper_ish; break;
    case UTF8PROC_CATEGORY_LL: c = letter | lower_ish; break;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: c = letter | upper_ish | lower_ish; break;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      c = upper_ish | lower_ish; break;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: c = number; break;
    default: break;
  }
  if (is_white_space(cp)) c |= space;
  if (cp == '\r' || cp == '\n') c |= newline;
  if (cp == 0x20) c |= ascii_sp;
  // Conservative NFC quick check: no canonical decomposition, combining class 0, never part of a
  // canonical composition pair, not a conjoining Hangul jamo. Anything else takes the slow path.
  bool const canon_decomp = p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
  if (cp < 0x80 || (p->combining_class == 0 && p->comb_index == UINT16_MAX && !canon_decomp &&
                    !(cp >= 0x1100 && cp <= 0x11FF)))
    c |= nfc_inert;
  return c;
}

AIPERF_DECL std::uint8_t const* bmp_table() {
  // Built once (thread-safe static init); 64 KiB covers the Basic Multilingual Plane.
  static std::unique_ptr<std::uint8_t[]> const table = [] {
    auto t = std::make_unique<std::uint8_t[]>(0x10000);
    for (std::uint32_t cp = 0; cp < 0x10000; ++cp) t[cp] = compute_class(cp);
    return t;
  }();
  return table.get();
}

}  // namespace detail

AIPERF_DECL std::uint8_t classify(std::uint32_t cp) noexcept {
  static std::uint8_t const* const bmp = detail::bmp_table();
  return cp < 0x10000 ? bmp[cp] : detail::compute_class(cp);
}

AIPERF_DECL std::uint32_t decode_valid(std::string_view s, std::size_t& i) noexcept {
  auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[k])); };
  std::uint32_t c = b(i);
  if (c < 0x80) { i += 1; return c; }
  if (c < 0xE0) { c = ((c & 0x1F) << 6) | (b(i + 1) & 0x3F); i += 2; return c; }
  if (c < 0xF0) { c = ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F); i += 3; return c; }
  c = ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  i += 4;
  return c;
}

AIPERF_DECL std::size_t valid_seq_len(std::string_view s, std::size_t i, std::size_t* maximal_subpart) noexcept {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char const c = b(i);
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c >= 0xE0 && c <= 0xEF) { need = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { need = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
  else { if (maximal_subpart) *maximal_subpart = 1; return 0; }
  std::size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    unsigned char const x = b(i + k);
    if (x < lo || x > hi) break;
    lo = 0x80; hi = 0xBF;
  }
  if (k == need + 1) return need + 1;
  if (maximal_subpart) *maximal_subpart = k;  // lead byte plus the continuation bytes that fit
  return 0;
}

AIPERF_DECL bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    std::size_t const n = valid_seq_len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

AIPERF_DECL std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t bad = 0;
    std::size_t const n = valid_seq_len(s, i, &bad);
    if (n) { out.append(s.data() + i, n); i += n; }
    else { out.append("\xEF\xBF\xBD"); i += bad; }
  }
  return out;
}

AIPERF_DECL std::string_view trim_partial_utf8(std::string_view s) noexcept {
  std::size_t b = 0;
  while (b < s.size() && b < 3 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
  s.remove_prefix(b);
  std::size_t e = s.size(), back = 0;
  while (e > 0 && back < 4) {
    unsigned char const c = static_cast<unsigned char>(s[e - 1]);
    ++back;
    if ((c & 0xC0) != 0x80) {  // lead byte: complete?
      std::size_t const want = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (want > back) s = s.substr(0, e - 1);
      break;
    }
    --e;
  }
  return s;
}

AIPERF_DECL bool nfc_needed(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    if (!(classify(decode_valid(s, i)) & nfc_inert)) return true;
  }
  return false;
}

AIPERF_DECL std::string nfc_segment(std::string_view s) {
  // utf8proc wants NUL-terminated input: normalise NUL-separated segments one at a time.
  std::string out;
  out.reserve(s.size());
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t const z = std::min(s.find('\0', start), s.size());
    std::string seg(s.substr(start, z - start));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> r(
        utf8proc_NFC(reinterpret_cast<utf8proc_uint8_t const*>(seg.c_str())), &std::free);
    out += r ? std::string_view(reinterpret_cast<char const*>(r.get())) : std::string_view(seg);
    if (z < s.size()) out.push_back('\0');
    start = z + 1;
  }
  return out;
}

AIPERF_DECL std::string nfc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    end = end == std::string_view::npos ? s.size() : end + 1;
    std::string_view const seg = s.substr(start, end - start);
    if (nfc_needed(seg)) out += nfc_segment(seg);
    else out += seg;
    start = end;
  }
  return out;
}

}  // namespace unicode
}  // namespace v0
}  // namespace aiperf
