// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/sampler.hpp — which conversation request k of a phase uses
// (`--dataset-sampling-strategy`, spec load-generation §7.7).  A pure function of
// (seed, k): the same requests get the same prompts however the run is sharded.
#pragma once
#include <aiperf/detail/rng.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

enum class sampling_strategy : std::uint8_t { sequential, random, shuffle };

inline sampling_strategy parse_sampling_strategy(std::string_view s) {
  if (s == "sequential") return sampling_strategy::sequential;
  if (s == "random") return sampling_strategy::random;
  if (s == "shuffle") return sampling_strategy::shuffle;
  throw std::invalid_argument("--dataset-sampling-strategy: expected sequential, random or shuffle, got '" +
                              std::string(s) + "'");
}

class conversation_sampler {
 public:
  conversation_sampler(sampling_strategy s, std::size_t n, std::uint64_t seed)
      : strategy_(s), n_(n), seed_(seed) {
    if (n == 0) throw std::invalid_argument("the dataset has no conversations");
  }

  /// Conversation index for the k-th session (0-based) of the run.
  [[nodiscard]] std::size_t at(std::uint64_t k) const {
    switch (strategy_) {
      case sampling_strategy::sequential:
        return static_cast<std::size_t>(k % n_);
      case sampling_strategy::random:
        return static_cast<std::size_t>(detail::mix64(detail::derive_seed(seed_, "dataset.sampler.random") + k) % n_);
      case sampling_strategy::shuffle:
      default: {
        // Permutation b covers sessions [b*n, (b+1)*n): every conversation once per pass,
        // reshuffled each pass.  Cached for the current pass (sessions are nearly in order).
        const std::uint64_t pass = k / n_;
        thread_local std::vector<std::size_t> perm;
        thread_local std::uint64_t perm_pass = ~0ULL, perm_seed = 0;
        thread_local std::size_t perm_n = 0;
        if (perm_pass != pass || perm_seed != seed_ || perm_n != n_) {
          perm.resize(n_);
          std::iota(perm.begin(), perm.end(), std::size_t{0});
          detail::rng g(detail::derive_seed(seed_, "dataset.sampler.shuffle", pass));
          for (std::size_t i = n_; i > 1; --i) std::swap(perm[i - 1], perm[g() % i]);
          perm_pass = pass;
          perm_seed = seed_;
          perm_n = n_;
        }
        return perm[static_cast<std::size_t>(k % n_)];
      }
    }
  }

 private:
  sampling_strategy strategy_;
  std::size_t n_;
  std::uint64_t seed_;
};

}  // namespace v0
}  // namespace aiperf
