// SPDX-License-Identifier: Apache-2.0
// aiperf/results/multi_run.hpp — confidence across repeated runs (spec measurement §9.1): the
// same benchmark run N times gives, for every (metric, statistic) pair of the run summaries, N
// run-level values; their mean, sample std, coefficient of variation, standard error and a
// Student-t confidence interval form profile_export_aiperf_aggregate.{json,csv} (§6.11).
//
//   std::vector<results::labelled_run> runs = {{"run_0001", &s1.profiling}, {"run_0002", &s2.profiling}};
//   auto agg = results::aggregate_runs(runs, {}, {.num_profile_runs = 2, .confidence_level = 0.95});
//   results::write_aggregate_artifacts(agg, dir / "aggregate");
//
// The aggregated `avg`, `p99`, ... are statistics of run-level statistics (the mean over runs of
// each run's p99), not pooled percentiles.  The t quantile is Boost.Math's students_t.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/results/summary.hpp>

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// A successful run and its profiling results.
struct labelled_run {
  std::string label;                  // "run_0001"
  phase_summary const* profiling = nullptr;
};

/// A run that did not complete: listed in the metadata, left out of the statistics.
struct failed_run {
  std::string label;
  std::string error;
};

struct aggregate_options {
  std::size_t num_profile_runs = 0;  // runs attempted (successful + failed)
  double confidence_level = 0.95;    // in (0, 1)
  double cooldown_seconds = 0;       // --profile-run-cooldown-seconds, echoed in the metadata
};

/// The spread of one (metric, statistic) over the runs.  With fewer than two values std, cv and
/// se are 0, the interval is [mean, mean] and t_critical is NaN.
struct confidence_stats {
  std::size_t n = 0;
  double mean = 0, std = 0, min = 0, max = 0;
  double cv = 0;  // std / mean (a ratio; +inf when mean == 0)
  double se = 0;  // std / sqrt(n)
  double ci_low = 0, ci_high = 0, t_critical = 0;
  std::string unit;
};

struct confidence_aggregate {
  aggregate_options options;
  std::vector<std::string> run_labels;  // successful runs, in order
  std::vector<failed_run> failed;
  /// `<tag>_<stat>` (time_to_first_token_p99, request_throughput_avg) in first-seen order:
  /// runs in order, each run's results in export order, stats in stat_keys order (stat_keys.hpp).
  std::vector<std::pair<std::string, confidence_stats>> metrics;
};

/// t.ppf(1 - (1 - level)/2, df): the two-sided critical value of Student's t (Boost.Math).
/// Throws std::invalid_argument unless 0 < level < 1 and df >= 1.
AIPERF_DECL double t_critical_value(double confidence_level, std::size_t degrees_of_freedom);

/// mean, sample std (n - 1), min, max, cv, se and the t interval of `values` (all finite).
AIPERF_DECL confidence_stats confidence_of(std::span<double const> values, double confidence_level);

/// Every (tag, stat) pair present in any successful run; non-finite values are skipped.
/// Throws std::runtime_error when `runs` is empty (no run succeeded).
AIPERF_DECL confidence_aggregate aggregate_runs(std::span<labelled_run const> runs, std::span<failed_run const> failed,
                                                aggregate_options options);

/// profile_export_aiperf_aggregate.json (schema 1.0); non-finite numbers are omitted.
AIPERF_DECL std::string render_aggregate_json(confidence_aggregate const& a);
/// profile_export_aiperf_aggregate.csv: CRLF, one row per key, a blank row, the metadata rows.
AIPERF_DECL std::string render_aggregate_csv(confidence_aggregate const& a);
/// Writes both into `dir` (created), each through a temporary file and a rename.
AIPERF_DECL void write_aggregate_artifacts(confidence_aggregate const& a, std::filesystem::path const& dir);

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/multi_run.ipp>
#endif
