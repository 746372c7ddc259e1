// SPDX-License-Identifier: Apache-2.0
// The statistics of `aiperf compare` (report/compare.hpp) on synthetic data with fixed seeds:
// same distribution → within noise, a 10 ms shift → significant, intervals cover the true
// difference about as often as they claim, Welch's interval against published numbers.
#include "catch.hpp"
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/report/compare.hpp>


#include <cmath>
#include <random>
#include <string_view>
#include <vector>

using namespace aiperf;
using report::better_when;
using report::verdict;

namespace {

std::vector<double> normal_sample(std::size_t n, double mean, double sd, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(mean, sd);
  std::vector<double> x(n);
  for (auto& v : x) v = d(rng);
  return x;
}

constexpr std::string_view headline_stats[] = {"avg", "p50", "p90", "p99"};

double pct(double base, double diff) { return 100.0 * diff / base; }

}  // namespace

TEST_CASE("sample_statistic uses the summary's estimator (numpy linear percentiles)") {
  std::vector<double> x = {1, 2, 3, 4, 10};
  CHECK(report::sample_statistic(x, "avg") == Approx(4.0));
  CHECK(report::sample_statistic(x, "p50") == Approx(3.0));
  // h = 0.9 * 4 = 3.6: 4 + 0.6 * (10 - 4)
  CHECK(report::sample_statistic(x, "p90") == Approx(7.6));
  CHECK(report::sample_statistic(x, "p99") == Approx(4 + 0.96 * 6));
  auto copy = x;
  CHECK(report::sample_statistic(x, "p75") == Approx(summarize_values(copy).p75));
  CHECK_THROWS_AS(report::sample_statistic(x, "p42"), std::invalid_argument);
  CHECK_THROWS_AS(report::sample_statistic({}, "avg"), std::invalid_argument);
}

TEST_CASE("two samples of one distribution are within noise at every headline statistic") {
  const auto a = normal_sample(200, 20.0, 2.0, 11), b = normal_sample(200, 20.0, 2.0, 12);
  const auto cis = report::bootstrap_difference(a, b, headline_stats, {.resamples = 2000, .confidence = 0.95, .seed = 7});
  REQUIRE(cis.size() == 4);
  for (std::size_t k = 0; k < cis.size(); ++k) {
    INFO(headline_stats[k] << ": [" << cis[k].low << ", " << cis[k].high << "]");
    CHECK(cis[k].low < 0);
    CHECK(cis[k].high > 0);
    const double diff = report::sample_statistic(b, headline_stats[k]) - report::sample_statistic(a, headline_stats[k]);
    CHECK(report::judge(cis[k], diff, pct(20, diff), better_when::lower, 0) == verdict::within_noise);
  }
}

TEST_CASE("a 10 ms shift on n = 200 with sd 2 ms is significant: worse for a latency, better for a rate") {
  const auto a = normal_sample(200, 20.0, 2.0, 21), b = normal_sample(200, 30.0, 2.0, 22);
  const auto cis = report::bootstrap_difference(a, b, headline_stats, {.resamples = 2000, .confidence = 0.95, .seed = 7});
  for (std::size_t k = 0; k < cis.size(); ++k) {
    INFO(headline_stats[k] << ": [" << cis[k].low << ", " << cis[k].high << "]");
    CHECK(cis[k].low > 6.0);  // the true shift is 10 for every statistic of a shifted sample
    CHECK(cis[k].high < 14.0);
    const double diff = report::sample_statistic(b, headline_stats[k]) - report::sample_statistic(a, headline_stats[k]);
    CHECK(report::judge(cis[k], diff, pct(20, diff), better_when::lower, 5) == verdict::worse);
    CHECK(report::judge(cis[k], diff, pct(20, diff), better_when::higher, 5) == verdict::better);
  }
  // The avg interval is about ±1.96·sqrt(2·4/200) = ±0.39 wide around the observed difference.
  CHECK(cis[0].high - cis[0].low == Approx(2 * 1.96 * std::sqrt(8.0 / 200)).margin(0.1));
}

TEST_CASE("the bootstrap is reproducible for a seed and changes with it") {
  const auto a = normal_sample(100, 5, 1, 1), b = normal_sample(120, 5.2, 1, 2);
  const auto x = report::bootstrap_difference(a, b, headline_stats, {.resamples = 500, .seed = 3});
  const auto y = report::bootstrap_difference(a, b, headline_stats, {.resamples = 500, .seed = 3});
  const auto z = report::bootstrap_difference(a, b, headline_stats, {.resamples = 500, .seed = 4});
  for (std::size_t k = 0; k < x.size(); ++k) {
    CHECK(x[k].low == y[k].low);
    CHECK(x[k].high == y[k].high);
  }
  CHECK(x[0].low != z[0].low);
}

TEST_CASE("bootstrap 90% intervals of the mean difference cover the true difference about 90% of the time") {
  // 200 experiments with a true difference of 1: coverage is binomial(200, 0.9) around 180
  // (sd 4.2); the percentile bootstrap runs slightly narrow at n = 60, so the band is wide.
  int covered = 0;
  constexpr std::string_view avg[] = {"avg"};
  for (std::uint64_t e = 0; e < 200; ++e) {
    const auto a = normal_sample(60, 10, 3, 1000 + 2 * e), b = normal_sample(60, 11, 3, 1001 + 2 * e);
    const auto ci = report::bootstrap_difference(a, b, avg, {.resamples = 400, .confidence = 0.90, .seed = e})[0];
    if (ci.low <= 1.0 && 1.0 <= ci.high) ++covered;
  }
  CHECK(covered >= 165);
  CHECK(covered <= 193);
}

TEST_CASE("Welch's interval matches a hand computation and covers at its level") {
  // a: mean 10, sd 1, n 5; b: mean 12, sd 2, n 5 → se = sqrt(1/5 + 4/5) = 1,
  // df = 1 / ((0.04 + 0.64) / 4) = 5.88 → floor 5, t(0.975, 5) = 2.570582
  const auto w = report::welch_interval({10, 1, 5}, {12, 2, 5}, 0.95);
  CHECK(w.se == Approx(1.0));
  CHECK(w.df == Approx(1.0 / (0.68 / 4)));
  CHECK(w.t_critical == Approx(2.570582).epsilon(1e-6));
  CHECK(w.ci.low == Approx(2 - 2.570582).epsilon(1e-6));
  CHECK(w.ci.high == Approx(2 + 2.570582).epsilon(1e-6));

  const auto flat = report::welch_interval({3, 0, 4}, {3.5, 0, 4}, 0.95);
  CHECK(flat.ci.low == 0.5);
  CHECK(flat.ci.high == 0.5);
  CHECK_THROWS_AS(report::welch_interval({1, 1, 1}, {1, 1, 5}, 0.95), std::invalid_argument);

  int covered = 0;
  for (std::uint64_t e = 0; e < 400; ++e) {
    const auto a = normal_sample(5, 100, 4, 5000 + 2 * e), b = normal_sample(6, 103, 8, 5001 + 2 * e);
    const auto ci = report::welch_interval(report::moments_of(a), report::moments_of(b), 0.95).ci;
    if (ci.low <= 3.0 && 3.0 <= ci.high) ++covered;
  }
  CHECK(covered >= 370);  // 95% of 400 = 380 (sd 4.4); flooring df only widens
}

TEST_CASE("slice rates average to the run's throughput") {
  // 7 requests over a 2 s window, 5 slices.
  std::vector<std::int64_t> ends = {0, 100'000'000, 500'000'000, 900'000'000, 1'200'000'000, 1'999'000'000, 2'000'000'000};
  std::vector<double> ones(ends.size(), 1.0);
  const auto r = report::slice_rates(ends, ones, 0, 2'000'000'000, 5);
  REQUIRE(r.size() == 5);
  double sum = 0;
  for (double v : r) sum += v;
  CHECK(sum / 5 == Approx(7.0 / 2.0));
  CHECK(r[0] == Approx(2 / 0.4));  // 0 and 0.1 s
  CHECK(r[4] == Approx(2 / 0.4));  // 1.999 s and the window's end
  CHECK(report::slice_count(5) == 10);
  CHECK(report::slice_count(500) == 50);
  CHECK(report::slice_count(1'000'000) == 200);
}

TEST_CASE("judge: significance alone is not enough below the minimum effect") {
  const report::interval ci{0.1, 0.3};
  CHECK(report::judge(ci, 0.2, 1.0, better_when::lower, 5) == verdict::within_noise);
  CHECK(report::judge(ci, 0.2, 1.0, better_when::lower, 0) == verdict::worse);
  CHECK(report::judge({-0.3, -0.1}, -0.2, -6.0, better_when::lower, 5) == verdict::better);
  CHECK(report::judge({-0.3, 0.1}, -0.2, -60.0, better_when::lower, 5) == verdict::within_noise);
  CHECK(report::to_string(verdict::within_noise) == "within_noise");
}
