// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/sequence_distribution.hpp — how synthetic ISL/OSL values are drawn: AIPerf's
// positive-normal integer sampler and the `--seq-dist` / `--sequence-distribution` mixture of
// (ISL, OSL) pairs (spec load-generation §7.1, §7.3).
//
// The three spellings of a mixture (probabilities are percentages that sum to 100):
//   semicolon  256,128:60;512,256:40            with stddevs  256|10,128|5:60;512|20,256|10:40
//   bracket    [(256,128):60,(512,256):40]      with stddevs  [(256|10,128|5):60,(512|20,256|10):40]
//   JSON       {"pairs":[{"isl":256,"isl_stddev":10,"osl":128,"osl_stddev":5,"prob":60}, ...]}
// A draw picks a pair with its probability (one uniform draw against the cumulative fractions,
// numpy's searchsorted(side="right")), then each side is its mean, or a positive-normal draw
// around it when that side has a stddev.  Parse errors carry AIPerf's messages, wrapped as AIPerf
// wraps them; the CLI prefixes "Invalid sequence distribution format: ".
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/rng.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// AIPerf's `sample_positive_normal_integer` (upstream main): with no spread, the mean rounded
/// half-to-even (at least 1); otherwise a non-negative normal draw rounded up (at least 1).
inline std::int64_t sample_positive_normal_integer(double mean, double stddev, detail::rng& g) {
  if (!(stddev > 0)) return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::nearbyint(mean)));
  std::normal_distribution<double> d(mean, stddev);
  double x;
  do x = d(g);
  while (x < 0);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(x)));
}

/// One (ISL, OSL) pair of a mixture and its probability in percent.
struct sequence_length_pair {
  std::int64_t isl = 0;
  std::int64_t osl = 0;
  double probability = 0;  // percent, [0, 100]
  double isl_stddev = 0;
  double osl_stddev = 0;
  friend bool operator==(sequence_length_pair const&, sequence_length_pair const&) = default;
};

/// A validated mixture of (ISL, OSL) pairs.
class sequence_distribution {
 public:
  /// Checks every pair and that the probabilities sum to 100 (within 1e-6 + 1e-6 x 100, numpy's
  /// isclose); std::invalid_argument with AIPerf's message otherwise.
  AIPERF_DECL explicit sequence_distribution(std::vector<sequence_length_pair> pairs);

  /// Reads any of the three spellings; std::invalid_argument with AIPerf's message otherwise
  /// (`Failed to parse distribution string '<text>': <reason>`, or `Distribution string cannot
  /// be empty`).
  AIPERF_DECL static sequence_distribution parse(std::string_view text);

  /// One draw: (ISL, OSL), both >= 1.
  [[nodiscard]] std::pair<std::int64_t, std::int64_t> sample(detail::rng& g) const {
    // 53 random bits: the same draws on every standard library (std::uniform_real_distribution
    // is implementation-defined).
    const double u = static_cast<double>(g() >> 11) * 0x1.0p-53;
    const auto at = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                             cumulative_.begin());
    sequence_length_pair const& p = pairs_[std::min(at, pairs_.size() - 1)];
    const std::int64_t isl =
        p.isl_stddev > 0 ? sample_positive_normal_integer(static_cast<double>(p.isl), p.isl_stddev, g) : p.isl;
    const std::int64_t osl =
        p.osl_stddev > 0 ? sample_positive_normal_integer(static_cast<double>(p.osl), p.osl_stddev, g) : p.osl;
    return {isl, osl};
  }

  [[nodiscard]] std::span<sequence_length_pair const> pairs() const noexcept { return pairs_; }

  /// AIPerf's rendering: `(256,128):60.0%;(512|20.0,256|10.0):40.0%`.
  [[nodiscard]] AIPERF_DECL std::string to_string() const;

 private:
  std::vector<sequence_length_pair> pairs_;
  std::vector<double> cumulative_;  // running sums of probability / 100
};

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/sequence_distribution.ipp>
#endif
