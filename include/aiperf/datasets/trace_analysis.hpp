// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/trace_analysis.hpp — what `aiperf analyze-trace` reports about a Mooncake trace
// (spec load-generation §10.1): ISL/OSL distributions, prefix sharing between the rows' hash-id
// blocks, and the prefix-cache hit rates an infinite cache would reach replaying the rows in order.
//
//   auto rows = datasets::read_trace("trace.jsonl", datasets::trace_format::mooncake);
//   auto stats = datasets::analyze_trace(rows, 512);
//   std::fputs(datasets::render_trace_analysis_console(stats).c_str(), stdout);
//
// Non-template; compiled once in the separate-compilation mode.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// The distribution of one per-row series: population standard deviation, percentiles by
/// numpy's default linear interpolation (metrics/statistics.hpp).
struct metric_stats {
  double mean = 0;
  double std_dev = 0;
  double min = 0;
  double p25 = 0;
  double median = 0;
  double p75 = 0;
  double max = 0;

  friend bool operator==(metric_stats const&, metric_stats const&) = default;
};

/// Everything analyze-trace reports, field for field the spec's AnalysisStats.
///
/// Per row, with ISL = input_length (0 when the row has none, e.g. a `text_input` row) and
/// OSL = output_length (0 when absent):
/// - a *prefix* is a leading run of the row's hash ids; unique_prefixes counts distinct ones
///   (the nodes of the radix tree of all rows' hash-id paths) and prefix_reuse_ratio is the share
///   of prefix occurrences whose prefix occurs in two or more rows;
/// - a (position, id) pair is *repeated* when two or more rows carry `id` at that position;
///   context length = ISL when every pair of the row is repeated, else (repeated pairs) x block
///   size; unique prompt length = ISL - context length (0 context and ISL for a row without ids);
/// - hit rate of a row with ids = (index of its first id no earlier row carried) / (its ids),
///   the rows taken in file order; rows without ids have none; cache_hit_rate is their mean.
struct analysis_stats {
  std::size_t total_requests = 0;
  std::size_t unique_prefixes = 0;
  std::size_t num_prefix_groups = 0;  // distinct first ids that start two or more rows
  double cache_hit_rate = 0;          // 0..1; 0 when no row has hash ids
  std::int64_t min_isl = 0;           // min/max/avg are 0 for an empty trace
  std::int64_t max_isl = 0;
  double avg_isl = 0;
  std::int64_t min_osl = 0;
  std::int64_t max_osl = 0;
  double avg_osl = 0;
  double prefix_reuse_ratio = 0;      // 0..1; 0 when no row has hash ids
  std::optional<metric_stats> isl_stats;                   // nullopt: the series is empty
  std::optional<metric_stats> osl_stats;
  std::optional<metric_stats> context_length_stats;
  std::optional<metric_stats> unique_prompt_length_stats;
  std::optional<metric_stats> hit_rate_stats;              // one value per row with hash ids

  friend bool operator==(analysis_stats const&, analysis_stats const&) = default;
};

/// Analyzes `rows` (in arrival order) with hash-id blocks of `block_size` tokens.
AIPERF_DECL analysis_stats analyze_trace(std::span<trace_row const> rows, std::size_t block_size);

/// The console report: "Trace Analysis Report", the totals, then Input Length, Context Length,
/// Unique Prompt Length, Output Length and Theoretical Hit Rates, each with Mean, Std Dev, Min,
/// P25, Median, P75 and Max as `{:,.2f}` (or "  No data").
AIPERF_DECL std::string render_trace_analysis_console(analysis_stats const& a);

/// The AnalysisStats JSON written by `--output-file` (indented, fields in the spec's order, a
/// missing distribution as null, counts and lengths as integers).
AIPERF_DECL std::string render_trace_analysis_json(analysis_stats const& a);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/trace_analysis.ipp>
#endif
