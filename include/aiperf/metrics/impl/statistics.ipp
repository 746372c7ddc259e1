// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/impl/statistics.ipp — definitions for statistics.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/metrics/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace aiperf {
inline namespace v0 {

namespace detail {
/// Multi-select: after the call, x[k] holds the k-th smallest value for every k in keys
/// [kb, ke) (sorted, distinct, absolute indices; `base` is the absolute index of `first`).
/// Partitioning at the middle key first splits the remaining keys between two disjoint
/// ranges, so nine percentiles cost about three nth_element passes, not nine.
AIPERF_DECL void select_keys(double* first, double* last, std::size_t base, std::size_t const* kb,
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

/// Exact order statistics for large inputs in about one pass: a sorted sample of the data
/// gives, for each key, a narrow value bracket that contains it with overwhelming
/// probability; one pass counts the values below/inside every bracket, a second copies the
/// inside values (a few percent of the data) out, and small selections finish.  The counts
/// prove where each key's rank lies; if a bracket missed (unlucky sample), it returns false
/// and the caller uses select_keys().  `keys` sorted and distinct; out[i] = keys[i]-th smallest.
AIPERF_DECL bool sampled_select(std::vector<double> const& x, std::size_t const* keys, std::size_t nk, double* out) {
  constexpr std::size_t m = 8192;     // sample size
  constexpr std::size_t max_keys = 18;
  const std::size_t n = x.size();
  if (n < 8 * m || nk == 0 || nk > max_keys) return false;
  std::vector<double> smp(m);
  for (std::size_t i = 0; i < m; ++i) smp[i] = x[(i * n) / m + n / m / 2];  // strided: no RNG needed
  std::sort(smp.begin(), smp.end());
  // Bracket j = [lo[j], hi[j]] around each key's expected sample rank (±3.5 sd of a sample
  // quantile, +3), merged when neighbours overlap so the brackets are disjoint and ascending.
  double lo[max_keys], hi[max_keys];
  std::size_t key_bracket[max_keys];
  std::size_t nb = 0;
  for (std::size_t i = 0; i < nk; ++i) {
    const double p = static_cast<double>(keys[i]) / static_cast<double>(n - 1);
    const double r = p * static_cast<double>(m - 1);
    const double w = 3.5 * std::sqrt(static_cast<double>(m) * p * (1 - p)) + 3;
    const auto a = static_cast<std::size_t>(std::max(0.0, std::floor(r - w)));
    const auto b = static_cast<std::size_t>(std::min(static_cast<double>(m - 1), std::ceil(r + w)));
    const double va = a == 0 ? -HUGE_VAL : smp[a], vb = b == m - 1 ? HUGE_VAL : smp[b];
    if (nb > 0 && va <= hi[nb - 1]) {
      hi[nb - 1] = std::max(hi[nb - 1], vb);
    } else {
      lo[nb] = va;
      hi[nb] = vb;
      ++nb;
    }
    key_bracket[i] = nb - 1;
  }
  // Region of each value: 2j inside the gap before bracket j, 2j+1 inside bracket j.
  std::vector<std::uint8_t> region(n);
  std::size_t cnt[2 * max_keys + 1] = {};
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x[i];
    unsigned c = 0;
    for (std::size_t j = 0; j < nb; ++j) c += static_cast<unsigned>(v >= lo[j]) + static_cast<unsigned>(v > hi[j]);
    region[i] = static_cast<std::uint8_t>(c);
  }
  for (std::uint8_t c : region) ++cnt[c];
  std::size_t start[max_keys], offset[max_keys];  // first rank inside bracket j; its place in `inside`
  std::size_t rank = 0, total = 0;
  for (std::size_t j = 0; j < nb; ++j) {
    rank += cnt[2 * j];
    start[j] = rank;
    offset[j] = total;
    rank += cnt[2 * j + 1];
    total += cnt[2 * j + 1];
  }
  for (std::size_t i = 0; i < nk; ++i) {
    const std::size_t j = key_bracket[i];
    if (keys[i] < start[j] || keys[i] >= start[j] + cnt[2 * j + 1]) return false;
  }
  std::vector<double> inside(total);
  std::size_t pos[max_keys];
  std::copy(offset, offset + nb, pos);
  for (std::size_t i = 0; i < n; ++i)
    if (region[i] & 1u) inside[pos[region[i] >> 1]++] = x[i];
  for (std::size_t i = 0; i < nk; ++i) {
    const std::size_t j = key_bracket[i];
    double* seg = inside.data() + offset[j];
    double* nth = seg + (keys[i] - start[j]);
    // Keys ascend within a bracket: after selecting one, the next lies to its right.
    double* from = (i > 0 && key_bracket[i - 1] == j) ? seg + (keys[i - 1] - start[j]) + 1 : seg;
    std::nth_element(from, nth, seg + cnt[2 * j + 1]);
    out[i] = *nth;
  }
  return true;
}
}  // namespace detail

/// Statistics of `x` (which may be reordered).  Percentile q: h = q/100·(n−1),
/// x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted values (numpy's default "linear") —
/// computed exactly from the 18 order statistics needed, no full sort: sampled brackets for
/// large inputs (sampled_select), a multi-select otherwise or when a bracket misses.
AIPERF_DECL distribution summarize_values(std::vector<double>& x) {
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

  std::array<double, distribution::percentiles.size()> h{};
  std::array<std::size_t, 2 * distribution::percentiles.size()> keys{};
  std::size_t nk = 0;
  for (std::size_t i = 0; i < distribution::percentiles.size(); ++i) {
    h[i] = distribution::percentiles[i].q / 100.0 * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h[i]));
    for (std::size_t k : {lo, lo + 1})
      if (k < n && (nk == 0 || keys[nk - 1] < k)) keys[nk++] = k;  // ascending: lo grows with q
  }
  std::array<double, 2 * distribution::percentiles.size()> kv{};  // value of each key
  if (!detail::sampled_select(x, keys.data(), nk, kv.data())) {
    detail::select_keys(x.data(), x.data() + n, 0, keys.data(), keys.data() + nk);
    for (std::size_t i = 0; i < nk; ++i) kv[i] = x[keys[i]];
  }
  auto value_at = [&](std::size_t k) {
    return kv[static_cast<std::size_t>(std::find(keys.data(), keys.data() + nk, k) - keys.data())];
  };
  for (std::size_t i = 0; i < distribution::percentiles.size(); ++i) {
    const auto lo = static_cast<std::size_t>(std::floor(h[i]));
    const double xlo = value_at(lo);
    const double xhi = lo + 1 < n ? value_at(lo + 1) : xlo;
    d.*distribution::percentiles[i].value = xlo + (h[i] - static_cast<double>(lo)) * (xhi - xlo);
  }
  return d;
}

}  // namespace v0
}  // namespace aiperf
