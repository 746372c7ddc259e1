// SPDX-License-Identifier: Apache-2.0
// aiperf/report/compare.hpp — the statistics behind `aiperf compare` (docs/compare.md): is the
// candidate's statistic really different from the baseline's, or within run-to-run noise?
//
//   std::vector<double> a = ttft_of(baseline), b = ttft_of(candidate);
//   std::string_view stats[] = {"avg", "p50", "p90", "p99"};
//   auto cis = report::bootstrap_difference(a, b, stats, {.resamples = 2000, .confidence = 0.95, .seed = 1});
//   report::verdict v = report::judge(cis[0], diff, diff_pct, report::better_when::lower, 5.0);
//
// Two ways to an interval for (candidate − baseline):
//  * a seeded percentile bootstrap over per-request values: each side is resampled with replacement
//    on its own, the statistic recomputed with the summary's own estimator (metrics/statistics.hpp:
//    numpy-linear percentiles), and the interval is the central `confidence` share of the B
//    differences;
//  * a Welch t-interval of the difference of two means, from run-level values of repeated runs
//    (`--num-profile-runs`), with the Student-t quantile of results/multi_run.hpp.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace report {

/// Which way a metric improves: latencies get better when lower, throughputs when higher.
enum class better_when { lower, higher };

enum class verdict { better, worse, within_noise };

/// "better", "worse", "within_noise" (the compare.json spelling).
AIPERF_DECL std::string_view to_string(verdict v) noexcept;

/// A two-sided interval for candidate − baseline, in the metric's unit.
struct interval {
  double low = 0, high = 0;
  [[nodiscard]] bool excludes_zero() const noexcept { return low > 0 || high < 0; }
};

/// The value of statistic `stat` ("avg", "min", "max", "std", "p1" … "p99") of `x`, by the same
/// estimator as the run summary (summarize_values).  Throws std::invalid_argument for an empty
/// sample or an unknown statistic.
AIPERF_DECL double sample_statistic(std::vector<double> x, std::string_view stat);

struct bootstrap_options {
  std::size_t resamples = 2000;  // B
  double confidence = 0.95;      // in (0, 1)
  std::uint64_t seed = 0;        // the same seed and inputs give the same intervals
};

/// Percentile-bootstrap intervals of stat(candidate) − stat(baseline), one per entry of `stats`
/// (each resample computes every statistic at once).  Both samples must be non-empty.
AIPERF_DECL std::vector<interval> bootstrap_difference(std::span<double const> baseline,
                                                       std::span<double const> candidate,
                                                       std::span<std::string_view const> stats,
                                                       bootstrap_options const& options);

/// A run-level rate (requests/s, tokens/s) as a mean of per-slice rates, for the bootstrap:
/// [window_start, window_end] is cut into `slices` equal slices; each event (a request's end,
/// with `amount` 1 or its output tokens) adds amount / slice width to its slice.  The mean of the
/// result is Σ amount / (window_end − window_start): exactly the summary's throughput when the
/// window is the benchmark duration.  Times in ns; rates per second.
AIPERF_DECL std::vector<double> slice_rates(std::span<std::int64_t const> event_ns, std::span<double const> amount,
                                            std::int64_t window_start_ns, std::int64_t window_end_ns,
                                            std::size_t slices);

/// How many slices a window with `events` events gets: about ten events a slice, between 10 and
/// 200 (fewer slices than 10 make a bootstrap too coarse; more than 200 leave slices empty).
AIPERF_DECL std::size_t slice_count(std::size_t events) noexcept;

/// Mean, sample standard deviation (n − 1) and size of run-level values.
struct sample_moments {
  double mean = 0, sd = 0;
  std::size_t n = 0;
};

struct welch_result {
  interval ci;
  double df = 0;          // Welch–Satterthwaite degrees of freedom (before flooring)
  double t_critical = 0;  // quantile at floor(df), at least 1 degree of freedom; NaN when se == 0
  double se = 0;          // sqrt(sd_a²/n_a + sd_b²/n_b)
};

/// Welch's t-interval for mean(candidate) − mean(baseline).  Degrees of freedom are rounded down
/// (a wider, conservative interval) so the integer-df quantile of multi_run.hpp serves.  Each side
/// needs n >= 2; with zero spread on both sides the interval is the point difference.
AIPERF_DECL welch_result welch_interval(sample_moments const& baseline, sample_moments const& candidate,
                                        double confidence);
AIPERF_DECL sample_moments moments_of(std::span<double const> values);

/// better / worse when the interval excludes 0 and |diff_pct| >= min_effect_pct (a difference
/// too small to matter is noise whatever its significance); within_noise otherwise.
AIPERF_DECL verdict judge(interval const& ci, double diff, double diff_pct, better_when direction,
                          double min_effect_pct) noexcept;

}  // namespace report
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/report/impl/compare.ipp>
#endif
