// SPDX-License-Identifier: Apache-2.0
// aiperf/results/collector.hpp — the one results pipeline (DESIGN §5.1): every finished record goes
// through a collector once, on the run's processing thread, as it completes.  The collector
// evaluates the run's metric set on it (once), streams its profile_export.jsonl line, and keeps
// the values; after the run it produces the run_summary every renderer reads (distributions,
// counts, totals, rates, goodput, error groups; profiling and warmup apart).  Non-template: it
// sees the metric set through a results::record_evaluator, so the driver's full set and a custom
// main's three metrics take the same path.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/config.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/record.hpp>
#include <aiperf/results/goodput.hpp>
#include <aiperf/results/line_file.hpp>
#include <aiperf/results/metric_descriptor.hpp>
#include <aiperf/results/summary.hpp>
#include <aiperf/results/timeslices.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

struct collector_options {
  bool streaming = false;                 // streaming-only metrics are dropped when false
  bool produces_tokens = true;            // token metrics are dropped when false (embeddings, rankings)
  std::vector<goodput_slo> goodput = {};  // --goodput: a good request meets every SLO
  std::string jsonl_path = {};            // stream profile_export.jsonl here ("": no JSONL)
  /// Spec §3.6: a request whose usage counts differ from ours by more than this % counts in
  /// usage_discrepancy_count (the driver reads AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD).
  double usage_pct_diff_threshold = 10.0;
  /// Spec §3.7: an answer is an OSL mismatch when |osl - max_tokens| exceeds the smaller of this
  /// % of max_tokens and this many tokens (AIPERF_METRICS_OSL_MISMATCH_PCT_THRESHOLD,
  /// AIPERF_METRICS_OSL_MISMATCH_MAX_TOKEN_THRESHOLD).
  double osl_mismatch_pct_threshold = 5.0;
  double osl_mismatch_max_token_threshold = 50.0;
};

class collector {
 public:
  /// Throws std::invalid_argument when a goodput SLO names no usable metric of the set.
  AIPERF_DECL collector(record_evaluator evaluator, collector_options options);
  AIPERF_DECL ~collector();
  collector(collector const&) = delete;
  collector& operator=(collector const&) = delete;

  /// Before the first record: the run's clock anchor (epoch times in the JSONL) and its
  /// conversations (their ids join the JSONL to inputs.json).  Opens the JSONL; throws
  /// std::runtime_error naming the path when it cannot be written.
  AIPERF_DECL void begin(clock_anchor anchor, std::vector<conversation> const* conversations);

  /// One finished record, warmup or profiling: evaluated once, its JSONL line written (whole
  /// lines only, flushed at least every 200 ms by line_file's timer, so a crash loses little),
  /// its values kept for the summary.
  AIPERF_DECL void add(request_record const& r);

  /// Records added so far.
  [[nodiscard]] std::uint64_t records() const noexcept { return added_; }
  [[nodiscard]] std::vector<metric_descriptor> const& metrics() const noexcept { return eval_.metrics; }

  /// After the last record: closes the JSONL and summarizes both phases; `info` is stored as is.
  /// A JSONL that could not be written completely is named in the summary's artifact_errors.
  AIPERF_DECL run_summary finish(run_info info);

  /// The profiling phase cut into slices of `slice_ns` (spec measurement §2.7; timeslices.hpp):
  /// a record belongs to the slice of its request start; each non-empty slice is summarized like
  /// the run, with its window as the rate denominator.  Throws std::invalid_argument unless
  /// slice_ns > 0.
  AIPERF_DECL std::vector<timeslice> timeslices(std::int64_t slice_ns) const;

 private:
  /// The values of one phase's records, column by column (NaN: no value).
  struct phase_store {
    std::vector<std::vector<double>> columns;  // [metric][record], scalar metrics
    std::vector<std::vector<double>> lists;    // [metric], list metrics: values of successful records
    std::vector<std::uint8_t> ok, good;
    std::vector<std::int64_t> start_wall_ns, end_wall_ns;  // end: the last content response
    std::vector<std::int64_t> request_end_wall_ns;         // the request's end (timeslice extent)
    std::vector<std::vector<std::size_t>> list_ends;       // [metric][record]: end of its values in lists[metric]
    std::map<std::tuple<int, std::string, std::string>, std::size_t> errors;
    // [record]: the server's usage counts against ours, the OSL against max_tokens (spec
    // §3.6-§3.7): not_compared, within or beyond the thresholds.
    std::vector<std::uint8_t> usage_check, osl_check;
  };
  enum : std::uint8_t { not_compared, within, beyond };
  struct resolved_slo {
    std::size_t metric;
    double threshold;
    bool lower_bound;  // larger is better: the value must reach the threshold
  };

  /// `window_s`: the rate denominator of a timeslice (default: the records' own extent).
  AIPERF_DECL phase_summary summarize(phase_store const& p, bool with_goodput,
                                      std::optional<double> window_s = std::nullopt) const;
  /// Appends the just-evaluated record `r`'s usage and OSL comparisons to p.
  AIPERF_DECL void check_discrepancies(phase_store& p, request_record const& r) const;
  AIPERF_DECL std::size_t index_of(std::string_view tag) const noexcept;

  record_evaluator eval_;
  collector_options opts_;
  std::vector<resolved_slo> slos_;
  std::size_t usage_diff_metrics_[3] = {};       // usage_*_diff_pct (npos-like: metrics.size())
  std::size_t osl_metric_ = 0, osl_mismatch_metric_ = 0;
  clock_anchor anchor_{};
  std::vector<conversation> const* conversations_ = nullptr;
  phase_store profiling_, warmup_;
  std::vector<double> scalars_;               // one record's values (reused)
  std::vector<std::vector<double>> lists_;    // one record's list values (reused)
  line_file jsonl_;
  std::string line_;
  std::uint64_t added_ = 0;
};

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/collector.ipp>
#endif
