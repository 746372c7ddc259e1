// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/impl/pretokenizer.ipp — definitions for pretokenizer.hpp: the split scanners.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/tokenizer/pretokenizer.hpp>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL split_scanner::split_scanner(split_pattern p, std::string_view text, std::vector<pchar>& buf)
    : pat_(p), text_(text), c_(buf) {
  c_.clear();
  c_.reserve(text.size() + 1);
  std::size_t i = 0;
  while (i < text.size()) {
    auto const off = static_cast<std::uint32_t>(i);
    unsigned char const b = static_cast<unsigned char>(text[i]);
    std::uint32_t const cp = b < 0x80 ? (++i, b) : unicode::decode_valid(text, i);
    c_.push_back({off, unicode::classify(cp)});
  }
  n_ = c_.size();
  c_.push_back({static_cast<std::uint32_t>(text.size()), 0});  // sentinel: end offset
}

AIPERF_DECL bool split_scanner::next(std::size_t& b, std::size_t& e) {
  if (pos_ >= n_) return false;
  std::size_t const end = match(pos_);
  b = c_[pos_].off;
  e = c_[end].off;
  pos_ = end;
  return true;
}

AIPERF_DECL std::uint8_t split_scanner::cl(std::size_t i) const { return i < n_ ? c_[i].cls : 0; }

AIPERF_DECL bool split_scanner::is(std::size_t i, std::uint8_t m) const { return i < n_ && (c_[i].cls & m); }

AIPERF_DECL bool split_scanner::punct(std::size_t i) const {
  return i < n_ && !(c_[i].cls & (unicode::space | unicode::letter | unicode::number));
}

AIPERF_DECL char split_scanner::byte_at(std::size_t i) const { return text_[c_[i].off]; }

AIPERF_DECL std::size_t split_scanner::run(std::size_t i, std::uint8_t m) const {
  while (is(i, m)) ++i;
  return i;
}

AIPERF_DECL std::size_t split_scanner::contraction(std::size_t i, bool icase) const {
  if (i + 1 >= n_ || byte_at(i) != '\'') return 0;
  auto low = [&](std::size_t k) -> char { return icase ? ascii_lower(byte_at(k)) : byte_at(k); };
  // The byte test is safe: a multi-byte character never starts with an ASCII byte.
  char const a = low(i + 1);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  if (i + 2 < n_) {
    char const b = low(i + 2);
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  }
  return 0;
}

AIPERF_DECL std::size_t split_scanner::whitespace(std::size_t i, bool newline_alt) const {
  std::size_t const j = run(i, unicode::space);
  if (newline_alt) {
    for (std::size_t k = j; k > i; --k)
      if (c_[k - 1].cls & unicode::newline) return k;
  }
  if (j == n_) return j;
  if (j - 1 > i) return j - 1;
  return j;
}

AIPERF_DECL std::size_t split_scanner::o200k_lower(std::size_t p) const {
  std::size_t const j = run(p, unicode::upper_ish);
  std::size_t e;
  if (is(j, unicode::lower_ish)) e = run(j, unicode::lower_ish);
  else {
    std::size_t k = j;
    while (k > p && !(c_[k - 1].cls & unicode::lower_ish)) --k;
    if (k == p) return 0;
    e = k;
  }
  return e + contraction(e, true);
}

AIPERF_DECL std::size_t split_scanner::o200k_upper(std::size_t p) const {
  std::size_t j = run(p, unicode::upper_ish);
  if (j == p) return 0;
  j = run(j, unicode::lower_ish);
  return j + contraction(j, true);
}

AIPERF_DECL std::size_t split_scanner::match(std::size_t i) const {
  using namespace unicode;
  std::uint8_t const c = cl(i);
  if (pat_ == split_pattern::o200k) {
    bool const pre = !(c & (newline | letter | number)) && i + 1 < n_;
    if (std::size_t e = pre ? o200k_lower(i + 1) : 0) return e;
    if (std::size_t e = o200k_lower(i)) return e;
    if (std::size_t e = pre ? o200k_upper(i + 1) : 0) return e;
    if (std::size_t e = o200k_upper(i)) return e;
    if (c & number) return i + 1 + is(i + 1, number) + (is(i + 1, number) && is(i + 2, number));
    std::size_t p = (c & ascii_sp) && punct(i + 1) ? i + 1 : i;
    if (punct(p)) {
      std::size_t e = p;
      while (punct(e)) ++e;
      while (e < n_ && ((c_[e].cls & newline) || byte_at(e) == '/')) ++e;
      return e;
    }
    return whitespace(i, true);
  }
  if (pat_ == split_pattern::gpt2) {
    if (std::size_t k = contraction(i, false)) return i + k;
    std::size_t const p = (c & ascii_sp) ? i + 1 : i;
    if (is(p, letter)) return run(p, letter);
    if (is(p, number)) return run(p, number);
    if (punct(p)) { std::size_t e = p; while (punct(e)) ++e; return e; }
    return whitespace(i, false);
  }
  // cl100k / Llama-3 / Qwen2
  if (std::size_t k = contraction(i, true)) return i + k;
  if (!(c & (newline | letter | number)) && is(i + 1, letter)) return run(i + 1, letter);
  if (c & letter) return run(i, letter);
  if (c & number) {
    if (pat_ == split_pattern::qwen2) return i + 1;
    return i + 1 + is(i + 1, number) + (is(i + 1, number) && is(i + 2, number));
  }
  std::size_t p = (c & ascii_sp) && punct(i + 1) ? i + 1 : i;
  if (punct(p)) {
    std::size_t e = p;
    while (punct(e)) ++e;
    while (is(e, newline)) ++e;
    return e;
  }
  return whitespace(i, true);
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
