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

#include <algorithm>
#include <map>
#include <span>
#include <memory>
#include <mutex>
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
  explicit token_corpus(tokenizer tok, std::string_view text = corpus::shakespeare_text) : tok_(std::move(tok)) {
    std::string joined;
    joined.reserve(text.size());
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view line = text.substr(pos, eol - pos);
      pos = eol + 1;
      auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
      while (!line.empty() && ws(line.front())) line.remove_prefix(1);
      while (!line.empty() && ws(line.back())) line.remove_suffix(1);
      if (line.empty()) continue;
      if (!joined.empty()) joined.push_back(' ');
      joined.append(line);
    }
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = std::min(joined.size(), start + 10000);
      while (end < joined.size() && !(end > 0 && is_alpha(joined[end - 1]) && joined[end] == ' ' &&
                                      end + 1 < joined.size() && is_alpha(joined[end + 1])))
        ++end;
      tok_.encode_into(std::string_view(joined).substr(start, end - start), tokens_);
      start = end;
    }
    offsets_.reserve(tokens_.size() + 1);
    for (std::uint32_t id : tokens_) {
      offsets_.push_back(bytes_.size());
      bytes_ += tok_.token_bytes(id);
    }
    offsets_.push_back(bytes_.size());
    for (std::size_t i = 1; i < tokens_.size(); ++i) {
      std::string_view const prev = tok_.token_bytes(tokens_[i - 1]);
      std::string_view const cur = tok_.token_bytes(tokens_[i]);
      if (!prev.empty() && is_alpha(prev.back()) && cur.size() >= 2 && cur[0] == ' ' && is_alpha(cur[1]))
        cuts_.push_back(i);
    }
    // Runs of exactly g tokens between two safe cuts, for topping prompts up to an exact length.
    by_len_.resize(max_run + 1);
    for (std::size_t a = 0; a < cuts_.size(); ++a)
      for (std::size_t b = a + 1; b < cuts_.size() && cuts_[b] - cuts_[a] <= max_run; ++b) {
        auto& v = by_len_[cuts_[b] - cuts_[a]];
        if (v.size() < 4096) v.push_back(cuts_[a]);
      }
  }

  /// Longest run length indexed by runs_of_length().
  static constexpr std::size_t max_run = 64;
  /// Start indices of token runs [s, s + g) between safe cuts (g ≤ max_run; may be empty).
  std::span<std::size_t const> runs_of_length(std::size_t g) const noexcept {
    return g < by_len_.size() ? std::span<std::size_t const>(by_len_[g]) : std::span<std::size_t const>{};
  }

  /// Shared corpus of the built-in text for `tok` (tokenized on first use, then cached).
  static std::shared_ptr<token_corpus const> builtin(tokenizer const& tok) {
    static std::mutex m;
    static std::map<void const*, std::shared_ptr<token_corpus const>> cache;
    std::lock_guard lock(m);
    auto& slot = cache[tok.identity()];
    if (!slot) slot = std::make_shared<token_corpus const>(tok);  // keeps tok alive: the key stays unique
    return slot;
  }

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
  static bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  tokenizer tok_;
  std::vector<std::uint32_t> tokens_;
  std::string bytes_;                 // decoded corpus
  std::vector<std::size_t> offsets_;  // token i starts at bytes_[offsets_[i]]
  std::vector<std::size_t> cuts_;
  std::vector<std::vector<std::size_t>> by_len_;
};

}  // namespace v0
}  // namespace aiperf
