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

/// Statistics of `x` (reordered in place).  Percentile q: h = q/100·(n−1),
/// x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted values — computed with nth_element
/// over shrinking ranges, so no full sort is needed.
inline distribution summarize_values(std::vector<double>& x) {
  distribution d;
  d.count = x.size();
  if (x.empty()) return d;
  const std::size_t n = x.size();
  // Neumaier summation keeps sums of a million values exact to the last digits.
  double s = 0, c = 0;
  for (double v : x) {
    const double t = s + v;
    c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  d.sum = s + c;
  d.avg = d.sum / static_cast<double>(n);
  double m2 = 0;
  for (double v : x) m2 += (v - d.avg) * (v - d.avg);
  d.std = std::sqrt(m2 / static_cast<double>(n));
  auto [mn, mx] = std::minmax_element(x.begin(), x.end());
  d.min = *mn;
  d.max = *mx;
  auto begin = x.begin();
  for (std::size_t i = 0; i < percentile_points.size(); ++i) {
    const double h = percentile_points[i] / 100.0 * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto lo_it = x.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(begin, lo_it, x.end());
    const double xlo = *lo_it;
    double xhi = xlo;
    if (lo + 1 < n) xhi = *std::min_element(lo_it + 1, x.end());
    d.p[i] = xlo + (h - static_cast<double>(lo)) * (xhi - xlo);
    begin = lo_it;  // later percentiles only need the upper part
  }
  return d;
}

}  // namespace v0
}  // namespace aiperf
