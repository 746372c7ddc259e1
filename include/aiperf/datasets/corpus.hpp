// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/corpus.hpp — a text corpus tokenized once per tokenizer (spec §7.4), plus the
// "safe cut" positions that let exact-token-count prompts be assembled without re-tokenizing.
//
// A safe cut is a token boundary where the text before ends in an ASCII letter and the text after
// starts with ' ' + ASCII letter. Every supported split pattern (GPT-2, cl100k/Llama-3, Qwen2,
// o200k) ends a pre-token there, and no match looks across it, so for texts A and B meeting like
// that count(A + B) == count(A) + count(B). Token runs between safe cuts therefore keep their
// exact token count wherever they are pasted (also after NFC: ' ' never composes).
#pragma once
#include <aiperf/datasets/corpus_text.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

class token_corpus {
 public:
  /// Tokenizes `text` (default: the built-in public-domain corpus) the §7.4 way: lines stripped,
  /// empty lines dropped, joined with single spaces; encoded in chunks of ≥ 10,000 characters cut
  /// at safe boundaries (so the result equals encoding the joined text in one go).
  AIPERF_DECL explicit token_corpus(tokenizer tok, std::string_view text = corpus::shakespeare_text());

  /// Longest run length indexed by runs_of_length().
  static constexpr std::size_t max_run = 64;
  /// Start indices of token runs [s, s + g) between safe cuts (g ≤ max_run; may be empty).
  std::span<std::size_t const> runs_of_length(std::size_t g) const noexcept {
    return g < by_len_.size() ? std::span<std::size_t const>(by_len_[g]) : std::span<std::size_t const>{};
  }

  /// Shared corpus of the built-in text for `tok` (tokenized on first use, then cached).
  AIPERF_DECL static std::shared_ptr<token_corpus const> builtin(tokenizer const& tok);

  std::span<std::uint32_t const> tokens() const noexcept { return tokens_; }
  std::size_t size() const noexcept { return tokens_.size(); }
  /// Token indices that are safe cuts, ascending.
  std::span<std::size_t const> cuts() const noexcept { return cuts_; }
  /// Decoded text of tokens [a, b).
  std::string_view text(std::size_t a, std::size_t b) const noexcept {
    return std::string_view(bytes_).substr(offsets_[a], offsets_[b] - offsets_[a]);
  }
  tokenizer const& tok() const noexcept { return tok_; }

 private:
  AIPERF_DECL static bool is_alpha(char c) noexcept;

  tokenizer tok_;
  std::vector<std::uint32_t> tokens_;
  std::string bytes_;                 // decoded corpus
  std::vector<std::size_t> offsets_;  // token i starts at bytes_[offsets_[i]]
  std::vector<std::size_t> cuts_;
  std::vector<std::vector<std::size_t>> by_len_;
};

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/corpus.ipp>
#endif
