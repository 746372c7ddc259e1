// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/prompt_generator.ipp — definitions for prompt_generator.hpp: assembling
// exact-length prompts from safe-cut token runs.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/prompt_generator.hpp>

#include <algorithm>

namespace aiperf {
inline namespace v0 {

AIPERF_DECL prompt_generator::prompt_generator(tokenizer const& tok, std::uint64_t seed)
    : prompt_generator(token_corpus::builtin(tok), seed) {}

AIPERF_DECL prompt_generator::prompt_generator(std::shared_ptr<token_corpus const> corpus, std::uint64_t seed)
    : corpus_(std::move(corpus)), rng_(seed) {
  if (!corpus_ || corpus_->cuts().size() < 2 || corpus_->runs_of_length(1).empty())
    throw tokenizer_error("prompt corpus has too few word boundaries for exact-length prompts "
                          "(need English-like text: words separated by single spaces)");
}

AIPERF_DECL std::string prompt_generator::generate(std::size_t n_tokens) {
  std::string out;
  generate_into(n_tokens, out);
  return out;
}

AIPERF_DECL void prompt_generator::generate_into(std::size_t n_tokens, std::string& out) {
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

AIPERF_DECL std::size_t prompt_generator::count(std::string_view text) const { return corpus_->tok().count(text); }

AIPERF_DECL std::size_t prompt_generator::append_run(std::size_t g, std::string& out) {
  auto const& c = *corpus_;
  while (c.runs_of_length(g).empty()) --g;  // g == 1 always has runs (checked in the constructor)
  auto const runs = c.runs_of_length(g);
  std::size_t const s = runs[rng_() % runs.size()];
  out += c.text(s, s + g);
  return g;
}

}  // namespace v0
}  // namespace aiperf
