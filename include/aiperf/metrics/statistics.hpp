// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/statistics.hpp — exact distribution statistics (spec measurement §2.1): percentiles by
// numpy's default linear interpolation, population standard deviation.
#pragma once
#include <aiperf/config.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace aiperf {
inline namespace v0 {

inline constexpr std::array<double, 9> percentile_points = {1, 5, 10, 25, 50, 75, 90, 95, 99};

struct distribution {
  std::size_t count = 0;
  double sum = 0, avg = 0, min = 0, max = 0, std = 0;
  std::array<double, 9> p{};  // p1 p5 p10 p25 p50 p75 p90 p95 p99
};

namespace detail {
/// Multi-select: after the call, x[k] holds the k-th smallest value for every k in keys
/// [kb, ke) (sorted, distinct, absolute indices; `base` is the absolute index of `first`).
/// Partitioning at the middle key first splits the remaining keys between two disjoint
/// ranges, so nine percentiles cost about three nth_element passes, not nine.
inline void select_keys(double* first, double* last, std::size_t base, std::size_t const* kb,
                        std::size_t const* ke) {
  while (kb != ke && last - first > 1) {
    std::size_t const* mid = kb + (ke - kb) / 2;
    double* nth = first + static_cast<std::ptrdiff_t>(*mid - base);
    std::nth_element(first, nth, last);
    // Recurse into the smaller key set, loop on the other (bounded stack).
    select_keys(first, nth, base, kb, mid);
    base = *mid + 1;
    first = nth + 1;
    kb = mid + 1;
  }
}
}  // namespace detail

/// Statistics of `x` (reordered in place).  Percentile q: h = q/100·(n−1),
/// x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted values (numpy's default "linear") —
/// computed exactly by one multi-select over the 18 order statistics needed, no full sort.
inline distribution summarize_values(std::vector<double>& x) {
  distribution d;
  d.count = x.size();
  if (x.empty()) return d;
  const std::size_t n = x.size();
  // One pass for sum, min and max.  Neumaier summation keeps sums of a million values exact
  // to the last digits.
  double s = 0, c = 0, mn = x[0], mx = x[0];
  for (double v : x) {
    const double t = s + v;
    c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
    s = t;
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
  }
  d.sum = s + c;
  d.avg = d.sum / static_cast<double>(n);
  d.min = mn;
  d.max = mx;
  double m2 = 0;
  for (double v : x) m2 += (v - d.avg) * (v - d.avg);
  d.std = std::sqrt(m2 / static_cast<double>(n));

  std::array<double, percentile_points.size()> h{};
  std::array<std::size_t, 2 * percentile_points.size()> keys{};
  std::size_t nk = 0;
  for (std::size_t i = 0; i < percentile_points.size(); ++i) {
    h[i] = percentile_points[i] / 100.0 * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h[i]));
    for (std::size_t k : {lo, lo + 1})
      if (k < n && (nk == 0 || keys[nk - 1] < k)) keys[nk++] = k;  // ascending: lo grows with q
  }
  detail::select_keys(x.data(), x.data() + n, 0, keys.data(), keys.data() + nk);
  for (std::size_t i = 0; i < percentile_points.size(); ++i) {
    const auto lo = static_cast<std::size_t>(std::floor(h[i]));
    const double xlo = x[lo];
    const double xhi = lo + 1 < n ? x[lo + 1] : xlo;
    d.p[i] = xlo + (h[i] - static_cast<double>(lo)) * (xhi - xlo);
  }
  return d;
}

}  // namespace v0
}  // namespace aiperf
