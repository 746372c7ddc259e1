// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/statistics.hpp — exact distribution statistics (spec measurement §2.1): percentiles by
// numpy's default linear interpolation, population standard deviation.  Non-template; compiled once
// in the separate-compilation mode.
#pragma once
#include <aiperf/config.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// The summary statistics of a set of values.
struct distribution {
  std::size_t count = 0;
  double sum = 0, avg = 0, min = 0, max = 0, std = 0;
  double p1 = 0, p5 = 0, p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0, p95 = 0, p99 = 0;

  /// The percentiles every summary reports, in ascending order: q, JSON/CSV key, member.
  struct percentile {
    double q;
    std::string_view name;
    double distribution::*value;
  };
  static constexpr std::array<percentile, 9> percentiles = {{{1, "p1", &distribution::p1},
                                                             {5, "p5", &distribution::p5},
                                                             {10, "p10", &distribution::p10},
                                                             {25, "p25", &distribution::p25},
                                                             {50, "p50", &distribution::p50},
                                                             {75, "p75", &distribution::p75},
                                                             {90, "p90", &distribution::p90},
                                                             {95, "p95", &distribution::p95},
                                                             {99, "p99", &distribution::p99}}};

  /// Every statistic of the distribution multiplied by `k` (a unit change; count unchanged).
  [[nodiscard]] distribution scaled(double k) const noexcept {
    distribution d = *this;
    d.sum *= k;
    d.avg *= k;
    d.min *= k;
    d.max *= k;
    d.std *= k;
    for (auto const& p : percentiles) d.*p.value *= k;
    return d;
  }
};

/// Statistics of `x` (which may be reordered).  Percentile q: h = q/100·(n−1),
/// x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted values (numpy's default "linear") —
/// computed exactly from the 18 order statistics needed, no full sort.
AIPERF_DECL distribution summarize_values(std::vector<double>& x);

namespace detail {
/// Multi-select: after the call, x[k] holds the k-th smallest value for every k in keys
/// [kb, ke) (sorted, distinct, absolute indices; `base` is the absolute index of `first`).
AIPERF_DECL void select_keys(double* first, double* last, std::size_t base, std::size_t const* kb,
                             std::size_t const* ke);
/// Exact order statistics for large inputs in about one pass (see the definition); false when
/// the sampled brackets missed and select_keys() must be used.
AIPERF_DECL bool sampled_select(std::vector<double> const& x, std::size_t const* keys, std::size_t nk, double* out);
}  // namespace detail

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/metrics/impl/statistics.ipp>
#endif
