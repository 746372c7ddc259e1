// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/statistics.hpp.  Expected values were computed with numpy
// 1.24 (Debian python3-numpy): np.percentile(x, q) (default "linear") and x.std() (ddof=0).
#include "catch.hpp"

#include <aiperf/metrics/statistics.hpp>

#include <random>

using aiperf::summarize_values;
using Catch::Detail::Approx;

TEST_CASE("percentiles and std equal numpy's defaults", "[metrics][statistics]") {
  std::vector<double> x = {3.5, 1.0, 7.25, 2.0, 10.0, 4.75, 6.0, 8.5, 0.5, 9.0, 5.5};
  const auto d = summarize_values(x);
  const double want[] = {0.55, 0.75, 1.0, 2.75, 5.5, 7.875, 9.0, 9.5, 9.9};
  for (std::size_t i = 0; i < 9; ++i) CHECK(d.p[i] == Approx(want[i]).epsilon(1e-12));
  CHECK(d.std == Approx(3.108738682865948).epsilon(1e-12));
  CHECK(d.avg == Approx(5.2727272727272725).epsilon(1e-12));
  CHECK(d.min == 0.5);
  CHECK(d.max == 10.0);
  CHECK(d.sum == 58.0);
  CHECK(d.count == 11);
}

TEST_CASE("two values interpolate, one value is every percentile", "[metrics][statistics]") {
  std::vector<double> two = {2.0, 1.0};
  const auto d = summarize_values(two);
  const double want[] = {1.01, 1.05, 1.1, 1.25, 1.5, 1.75, 1.9, 1.95, 1.99};
  for (std::size_t i = 0; i < 9; ++i) CHECK(d.p[i] == Approx(want[i]).epsilon(1e-12));
  std::vector<double> one = {42.0};
  const auto e = summarize_values(one);
  for (double p : e.p) CHECK(p == 42.0);
  CHECK(e.std == 0.0);
  std::vector<double> none;
  CHECK(summarize_values(none).count == 0);
}

TEST_CASE("nth_element path agrees with a full sort on large random input", "[metrics][statistics]") {
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
    CHECK(d.p[i] == Approx(want).epsilon(1e-14));
  }
  CHECK(d.min == sorted.front());
  CHECK(d.max == sorted.back());
}
