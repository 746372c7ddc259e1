// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/corpus.ipp — definitions for corpus.hpp: tokenizing the corpus once and
// indexing its safe cuts.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/corpus.hpp>
#include <aiperf/detail/ascii.hpp>

#include <algorithm>
#include <map>
#include <mutex>

namespace aiperf {
inline namespace v0 {

AIPERF_DECL token_corpus::token_corpus(tokenizer tok, std::string_view text) : tok_(std::move(tok)) {
  std::string joined;
  joined.reserve(text.size());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view const line = detail::ascii_trim(text.substr(pos, eol - pos));
    pos = eol + 1;
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

AIPERF_DECL std::shared_ptr<token_corpus const> token_corpus::builtin(tokenizer const& tok) {
  static std::mutex m;
  static std::map<void const*, std::shared_ptr<token_corpus const>> cache;
  std::lock_guard lock(m);
  auto& slot = cache[tok.identity()];
  if (!slot) slot = std::make_shared<token_corpus const>(tok);  // keeps tok alive: the key stays unique
  return slot;
}

AIPERF_DECL bool token_corpus::is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace v0
}  // namespace aiperf
