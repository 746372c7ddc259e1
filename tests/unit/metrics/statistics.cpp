// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/statistics.hpp: summarize_values() gives exact percentiles
// (numpy's default linear interpolation), the population standard deviation and sums; every
// input size and layout takes a path that equals the sorted-array formula.  Expected values were
// computed with numpy 1.24 (Debian python3-numpy): np.percentile(x, q) and x.std() (ddof=0).
#include "catch.hpp"

#include <aiperf/metrics/statistics.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using aiperf::distribution;
using aiperf::summarize_values;

namespace {
/// Percentile i of `d` in distribution::percentiles order (p1 .. p99).
double percentile(distribution const& d, std::size_t i) { return d.*distribution::percentiles[i].value; }
}  // namespace

TEST_CASE("statistics: percentiles and std equal numpy's defaults", "[metrics][statistics]") {
  std::vector<double> x = {3.5, 1.0, 7.25, 2.0, 10.0, 4.75, 6.0, 8.5, 0.5, 9.0, 5.5};
  const auto d = summarize_values(x);
  const double want[] = {0.55, 0.75, 1.0, 2.75, 5.5, 7.875, 9.0, 9.5, 9.9};
  for (std::size_t i = 0; i < 9; ++i) CHECK(percentile(d, i) == Approx(want[i]).epsilon(1e-12));
  CHECK(d.std == Approx(3.108738682865948).epsilon(1e-12));
  CHECK(d.avg == Approx(5.2727272727272725).epsilon(1e-12));
  CHECK(d.min == 0.5);
  CHECK(d.max == 10.0);
  CHECK(d.sum == 58.0);
  CHECK(d.count == 11);
}

TEST_CASE("statistics: two values interpolate, one value is every percentile", "[metrics][statistics]") {
  std::vector<double> two = {2.0, 1.0};
  const auto d = summarize_values(two);
  const double want[] = {1.01, 1.05, 1.1, 1.25, 1.5, 1.75, 1.9, 1.95, 1.99};
  for (std::size_t i = 0; i < 9; ++i) CHECK(percentile(d, i) == Approx(want[i]).epsilon(1e-12));
  std::vector<double> one = {42.0};
  const auto e = summarize_values(one);
  for (auto const& p : distribution::percentiles) CHECK(e.*p.value == 42.0);
  CHECK(e.std == 0.0);
  std::vector<double> none;
  CHECK(summarize_values(none).count == 0);
}

TEST_CASE("statistics: nth_element path agrees with a full sort on large random input", "[metrics][statistics]") {
  std::mt19937_64 g(5);
  std::lognormal_distribution<double> ln(3.0, 0.8);
  std::vector<double> x(100001);
  for (auto& v : x) v = ln(g);
  auto sorted = x;
  std::sort(sorted.begin(), sorted.end());
  const auto d = summarize_values(x);
  const double qs[] = {1, 5, 10, 25, 50, 75, 90, 95, 99};
  for (std::size_t i = 0; i < 9; ++i) {
    const double h = qs[i] / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(h);
    const double want = sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
    CHECK(percentile(d, i) == Approx(want).epsilon(1e-14));
  }
  CHECK(d.min == sorted.front());
  CHECK(d.max == sorted.back());
}

namespace {
struct expected {
  std::vector<double> x;
  std::array<double, 9> p;
  double avg, std, min, max, sum;
};

void check(expected const& e) {
  auto x = e.x;
  const distribution d = summarize_values(x);
  CHECK(d.count == e.x.size());
  for (std::size_t i = 0; i < 9; ++i) {
    INFO("percentile index " << i);
    CHECK(percentile(d, i) == Approx(e.p[i]).epsilon(1e-12));
  }
  CHECK(d.avg == Approx(e.avg).epsilon(1e-12));
  CHECK(d.std == Approx(e.std).epsilon(1e-12).margin(1e-12));
  CHECK(d.min == e.min);
  CHECK(d.max == e.max);
  CHECK(d.sum == Approx(e.sum).epsilon(1e-12));
}
}  // namespace

// Expected values obtained at test-writing time with numpy 1.24.2:
//   a = np.array(x, dtype=float); np.percentile(a, q) for q in (1,5,10,25,50,75,90,95,99);
//   a.mean(); a.std() (population, ddof=0); a.min(); a.max(); a.sum()
TEST_CASE("statistics: percentiles match numpy (spec §15 example)", "[metrics][statistics]") {
  check({{10, 20, 30, 40},
         {10.3, 11.5, 13.0, 17.5, 25.0, 32.5, 37.0, 38.5, 39.699999999999996},
         25.0, 11.180339887498949, 10, 40, 100});
}

TEST_CASE("statistics: unsorted fractional values match numpy", "[metrics][statistics]") {
  check({{3.5, 1.25, 9.0, 7.75, 2.0, 11.5, 6.25},
         {1.295, 1.475, 1.7000000000000002, 2.75, 6.25, 8.375, 10.0, 10.749999999999998, 11.349999999999998},
         5.892857142857143, 3.5275880642473556, 1.25, 11.5, 41.25});
}

TEST_CASE("statistics: duplicates and outliers match numpy", "[metrics][statistics]") {
  check({{5, 5, 5, 1, 100, 7, 8, 2, 3, 9, 10, 55},
         {1.11, 1.55, 2.1, 4.5, 6.0, 9.25, 50.500000000000014, 75.24999999999997, 95.05000000000003},
         17.5, 28.47952480876978, 1, 100, 210});
}

TEST_CASE("statistics: single value", "[metrics][statistics]") {
  check({{42.0}, {42, 42, 42, 42, 42, 42, 42, 42, 42}, 42.0, 0.0, 42, 42, 42});
}

TEST_CASE("statistics: 1001 pseudo-random values match numpy", "[metrics][statistics]") {
  // x_i = ((i * 2654435761) mod 100003) / 7 for i in [0, 1001) — same formula in numpy.
  std::vector<double> x;
  for (std::uint64_t i = 0; i < 1001; ++i) x.push_back(static_cast<double>((i * 2654435761ull) % 100003ull) / 7.0);
  expected e{x,
             {138.57142857142858, 714.1428571428571, 1424.7142857142858, 3560.0, 7120.0, 10680.0, 12840.142857142857,
              13550.714285714286, 14126.285714285714},
             7124.975167689454, 4124.825962977318, 0, 0, 7132100.142857144};
  auto copy = x;
  const auto d = summarize_values(copy);
  for (std::size_t i = 0; i < 9; ++i) CHECK(percentile(d, i) == Approx(e.p[i]).epsilon(1e-12));
  CHECK(d.avg == Approx(e.avg).epsilon(1e-12));
  CHECK(d.std == Approx(e.std).epsilon(1e-12));
  CHECK(d.sum == Approx(e.sum).epsilon(1e-13));
  CHECK(d.count == 1001);
}

TEST_CASE("statistics: empty input yields count 0", "[metrics][statistics]") {
  std::vector<double> x;
  const auto d = summarize_values(x);
  CHECK(d.count == 0);
  CHECK(d.sum == 0);
}

TEST_CASE("statistics: multi-select equals the sorted-array formula for every size 1..300", "[metrics][statistics]") {
  // Reference: numpy's linear interpolation on a fully sorted copy.  Values repeat (mod 17) so
  // ties and equal keys are exercised.
  for (std::size_t n = 1; n <= 300; ++n) {
    std::vector<double> x;
    for (std::uint64_t i = 0; i < n; ++i) x.push_back(static_cast<double>((i * 2654435761ull + n) % 17ull) * 1.5);
    auto sorted = x;
    std::sort(sorted.begin(), sorted.end());
    const auto d = summarize_values(x);
    for (std::size_t i = 0; i < distribution::percentiles.size(); ++i) {
      const double h = distribution::percentiles[i].q / 100.0 * static_cast<double>(n - 1);
      const auto lo = static_cast<std::size_t>(h);
      const double hi = lo + 1 < n ? sorted[lo + 1] : sorted[lo];
      INFO("n=" << n << " q=" << distribution::percentiles[i].q);
      CHECK(percentile(d, i) == Approx(sorted[lo] + (h - static_cast<double>(lo)) * (hi - sorted[lo])).margin(1e-12));
    }
    CHECK(d.min == sorted.front());
    CHECK(d.max == sorted.back());
  }
}

TEST_CASE("statistics: large inputs (sampled brackets) equal the sorted formula for adversarial layouts",
          "[metrics][statistics]") {
  const std::size_t n = 100'003;  // above the sampled path's threshold
  auto pattern = [&](int kind, std::size_t i) -> double {
    switch (kind) {
      case 0: return static_cast<double>((i * 2654435761ull) % 1000003ull);          // scrambled
      case 1: return static_cast<double>(i);                                          // sorted
      case 2: return static_cast<double>(n - i);                                      // reversed
      case 3: return 7.25;                                                            // constant
      case 4: return i % 2 ? 1.0 : 2.0;                                               // two values
      case 5: return static_cast<double>(i % (n / 8192));                             // period = sample stride
      case 6: return i < n / 2 ? static_cast<double>(i % 3) : 1e9 + static_cast<double>(i);  // clustered
      default: return std::exp(static_cast<double>((i * 40503ull) % 4096ull) / 300.0);     // heavy tail
    }
  };
  for (int kind = 0; kind < 8; ++kind) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = pattern(kind, i);
    auto sorted = x;
    std::sort(sorted.begin(), sorted.end());
    const auto d = summarize_values(x);
    for (std::size_t i = 0; i < distribution::percentiles.size(); ++i) {
      const double h = distribution::percentiles[i].q / 100.0 * static_cast<double>(n - 1);
      const auto lo = static_cast<std::size_t>(h);
      const double expect = sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
      INFO("layout " << kind << " q=" << distribution::percentiles[i].q);
      CHECK(percentile(d, i) == expect);
    }
    CHECK(d.min == sorted.front());
    CHECK(d.max == sorted.back());
  }
}

TEST_CASE("statistics: the percentiles table names p1..p99 in ascending order", "[metrics][statistics]") {
  const double qs[] = {1, 5, 10, 25, 50, 75, 90, 95, 99};
  const char* names[] = {"p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"};
  REQUIRE(distribution::percentiles.size() == 9);
  distribution d;
  for (std::size_t i = 0; i < 9; ++i) {
    CHECK(distribution::percentiles[i].q == qs[i]);
    CHECK(distribution::percentiles[i].name == names[i]);
    d.*distribution::percentiles[i].value = static_cast<double>(i + 1);
  }
  // Each entry points at its own member.
  CHECK(d.p1 == 1);
  CHECK(d.p5 == 2);
  CHECK(d.p10 == 3);
  CHECK(d.p25 == 4);
  CHECK(d.p50 == 5);
  CHECK(d.p75 == 6);
  CHECK(d.p90 == 7);
  CHECK(d.p95 == 8);
  CHECK(d.p99 == 9);
}

TEST_CASE("statistics: scaled() changes the unit of every statistic but not the count", "[metrics][statistics]") {
  std::vector<double> x = {10, 20, 30, 40};
  const distribution ns = summarize_values(x);
  const distribution ms = ns.scaled(0.5);
  CHECK(ms.count == 4);
  CHECK(ms.sum == 50);
  CHECK(ms.avg == 12.5);
  CHECK(ms.min == 5);
  CHECK(ms.max == 20);
  CHECK(ms.std == ns.std * 0.5);
  for (auto const& p : distribution::percentiles) CHECK(ms.*p.value == ns.*p.value * 0.5);
  CHECK(ms.p50 == 12.5);
}
