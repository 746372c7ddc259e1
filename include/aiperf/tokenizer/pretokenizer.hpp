// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/pretokenizer.hpp — hand-written scanners equivalent to the split regexes of
// GPT-2, cl100k_base / Llama-3, Qwen2/3 and o200k_base (leftmost-first alternation with the
// regex engine's backtracking worked out by hand): fast, allocation-free and deterministic.
#pragma once
#include <aiperf/tokenizer/unicode.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// Which split regex a tokenizer uses.
enum class split_pattern : std::uint8_t {
  gpt2,    // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
  cl100k,  // (?i:'s|…)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
  qwen2,   // as cl100k with \p{N} (single digits)
  o200k,   // case-class words with optional contraction suffix, \p{N}{1,3}, [\r\n/]*, …
};

namespace detail {

/// One decoded character: byte offset and class bits.
struct pchar {
  std::uint32_t off;
  std::uint8_t cls;
};

/// Scans one text; `next()` yields byte ranges of consecutive pieces.
class split_scanner {
 public:
  /// Decodes and classifies `text` (valid UTF-8) into `buf`, which the scanner then reads.
  AIPERF_DECL split_scanner(split_pattern p, std::string_view text, std::vector<pchar>& buf);

  /// Next piece as [begin, end) byte offsets; false at the end.
  AIPERF_DECL bool next(std::size_t& b, std::size_t& e);

 private:
  AIPERF_DECL std::uint8_t cl(std::size_t i) const;
  AIPERF_DECL bool is(std::size_t i, std::uint8_t m) const;
  // [^\s\p{L}\p{N}]
  AIPERF_DECL bool punct(std::size_t i) const;
  AIPERF_DECL char byte_at(std::size_t i) const;
  AIPERF_DECL std::size_t run(std::size_t i, std::uint8_t m) const;
  // (?i:'s|'t|'re|'ve|'m|'ll|'d): length in characters, 0 when none.
  AIPERF_DECL std::size_t contraction(std::size_t i, bool icase) const;
  // \s*[\r\n]+ | \s+(?!\S) | \s+ starting at a whitespace char i.
  AIPERF_DECL std::size_t whitespace(std::size_t i, bool newline_alt) const;
  // o200k: [UA]*[LB]+ from p (backtracking worked out); 0 when no match.
  AIPERF_DECL std::size_t o200k_lower(std::size_t p) const;
  // o200k: [UA]+[LB]* from p; 0 when no match.
  AIPERF_DECL std::size_t o200k_upper(std::size_t p) const;
  // End (character index) of the piece that starts at character i.
  AIPERF_DECL std::size_t match(std::size_t i) const;

  split_pattern pat_;
  std::string_view text_;
  std::vector<pchar>& c_;
  std::size_t n_ = 0;
  std::size_t pos_ = 0;
};

}  // namespace detail

/// Splits `text` (valid UTF-8) into pre-tokens with the given pattern and calls f(piece) for each.
template <class F>
void pretokenize(split_pattern p, std::string_view text, F&& f) {
  thread_local std::vector<detail::pchar> buf;
  detail::split_scanner s(p, text, buf);
  std::size_t b = 0, e = 0;
  while (s.next(b, e)) f(text.substr(b, e - b));
  if (buf.capacity() > (std::size_t{1} << 20)) buf = {};  // don't pin memory after a huge text
}

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/tokenizer/impl/pretokenizer.ipp>
#endif
