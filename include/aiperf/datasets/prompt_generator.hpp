// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/prompt_generator.hpp — prompts of an exact token count (spec §7.4): a random
// slice of the corpus tokens, decoded, with no re-tokenization drift at the joins.
//
// Upstream samples k corpus tokens, decodes them and repairs the length by re-encoding in a loop.
// Here the slice starts at a safe cut and is assembled only from token runs that begin and end at
// safe cuts (token_corpus explains why those keep their counts when concatenated): the contiguous
// slice up to the last safe cut within k tokens, then a random run of exactly the missing length
// (wrapping to the corpus start like upstream when the slice reaches the end). Prompts of 8+
// tokens open with two short random runs so that prompts do not share prefixes. The count is exact
// by construction, so nothing is re-encoded: generation costs a few memcpy calls per prompt.
// Prompts start with ' ' + letter and end with a letter, so prompts also concatenate exactly:
// count(p1 + p2) == count(p1) + count(p2) (useful for hash-id blocks and shared prefixes).
#pragma once
#include <aiperf/datasets/corpus.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

class prompt_generator {
 public:
  /// Uses the built-in corpus, tokenized once per tokenizer and shared by all generators.
  prompt_generator(tokenizer const& tok, std::uint64_t seed)
      : prompt_generator(token_corpus::builtin(tok), seed) {}

  prompt_generator(std::shared_ptr<token_corpus const> corpus, std::uint64_t seed)
      : corpus_(std::move(corpus)), rng_(seed) {
    if (!corpus_ || corpus_->cuts().size() < 2 || corpus_->runs_of_length(1).empty())
      throw tokenizer_error("prompt corpus has too few word boundaries for exact-length prompts "
                            "(need English-like text: words separated by single spaces)");
  }

  /// A prompt of exactly `n_tokens` tokens under the tokenizer (count() == n_tokens).
  /// Deterministic: the same seed and the same sequence of calls give the same bytes.
  std::string generate(std::size_t n_tokens) {
    std::string out;
    generate_into(n_tokens, out);
    return out;
  }

  /// Appends a prompt of exactly `n_tokens` tokens to `out`.
  void generate_into(std::size_t n_tokens, std::string& out) {
    auto const& c = *corpus_;
    auto const cuts = c.cuts();
    std::size_t const first = cuts.front(), last = cuts.back();
    std::size_t remaining = n_tokens;
    if (remaining == 0) return;
    out.reserve(out.size() + n_tokens * 5);
    // Two short random runs lead in, so prompts almost never share a prefix even when there are
    // far more prompts than corpus positions (a shared prefix would let a server's prefix cache
    // flatter it).
    if (n_tokens >= 8)
      for (int k = 0; k < 2; ++k) {
        std::size_t const g = 1 + rng_() % 3;
        append_run(g, out);
        remaining -= g;
      }
    std::size_t at = cuts[rng_() % (cuts.size() - 1)];
    while (remaining > 0) {
      if (at + remaining > last) {  // runs past the last safe cut: take what is left, wrap around
        out += c.text(at, last);
        remaining -= last - at;
        at = first;
        continue;
      }
      std::size_t const end = *(std::upper_bound(cuts.begin(), cuts.end(), at + remaining) - 1);
      out += c.text(at, end);
      remaining -= end - at;
      while (remaining > 0) {  // the gap to the next safe cut: random runs of exactly that length
        std::size_t const g = append_run(std::min(remaining, token_corpus::max_run), out);
        remaining -= g;
      }
    }
  }

  /// Token count of `text` under the generator's tokenizer.
  std::size_t count(std::string_view text) const { return corpus_->tok().count(text); }

  token_corpus const& corpus() const noexcept { return *corpus_; }

 private:
  // Appends a random safe-cut run of the longest available length ≤ g; returns that length.
  std::size_t append_run(std::size_t g, std::string& out) {
    auto const& c = *corpus_;
    while (c.runs_of_length(g).empty()) --g;  // g == 1 always has runs (checked in the constructor)
    auto const runs = c.runs_of_length(g);
    std::size_t const s = runs[rng_() % runs.size()];
    out += c.text(s, s + g);
    return g;
  }

  std::shared_ptr<token_corpus const> corpus_;
  std::mt19937_64 rng_;
};

}  // namespace v0
}  // namespace aiperf
