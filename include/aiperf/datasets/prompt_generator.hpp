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

#include <cstddef>
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
  AIPERF_DECL prompt_generator(tokenizer const& tok, std::uint64_t seed);

  /// Uses `corpus`; tokenizer_error when it has too few safe cuts for exact-length prompts.
  AIPERF_DECL prompt_generator(std::shared_ptr<token_corpus const> corpus, std::uint64_t seed);

  /// A prompt of exactly `n_tokens` tokens under the tokenizer (count() == n_tokens).
  /// Deterministic: the same seed and the same sequence of calls give the same bytes.
  AIPERF_DECL std::string generate(std::size_t n_tokens);

  /// Appends a prompt of exactly `n_tokens` tokens to `out`.
  AIPERF_DECL void generate_into(std::size_t n_tokens, std::string& out);

  /// Token count of `text` under the generator's tokenizer.
  AIPERF_DECL std::size_t count(std::string_view text) const;

  token_corpus const& corpus() const noexcept { return *corpus_; }

 private:
  // Appends a random safe-cut run of the longest available length ≤ g; returns that length.
  AIPERF_DECL std::size_t append_run(std::size_t g, std::string& out);

  std::shared_ptr<token_corpus const> corpus_;
  std::mt19937_64 rng_;
};

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/prompt_generator.ipp>
#endif
