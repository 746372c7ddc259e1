// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/server_metrics.hpp — the server's own /metrics over a run (spec measurement
// §8.2): each scrape kept as the families AIPerf keeps (§8.2.2), summarised over the profiling
// window per (metric, endpoint, label set) as §8.2.3 gives it, and rendered as
// server_metrics_export.json, .csv and .jsonl (§8.2.5).  Non-template; no I/O here (the
// scraper and the session in telemetry/session.hpp do the fetching and the writing).
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/telemetry/prometheus.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

/// One fetch of one endpoint's /metrics.
struct server_scrape {
  std::string endpoint_url = {};
  std::int64_t timestamp_ns = 0;        // wall clock when the body arrived
  std::int64_t request_sent_ns = 0, first_byte_ns = 0;
  std::int64_t endpoint_latency_ns = 0;  // sent -> complete
  bool changed = true;                  // the body differs from this endpoint's previous one
  std::vector<metric_family> families = {};  // as select_server_families() leaves them
};

/// Applies §8.2.2: drops `_created`/`_uptime` families and summaries, drops `_total` from
/// counter names, keeps the last sample of each label set.
AIPERF_DECL std::vector<metric_family> select_server_families(std::vector<metric_family> families);

/// §8.2.4: the unit a metric name implies ("seconds", "tokens", ...); "" when none.
AIPERF_DECL std::string_view infer_unit(std::string_view metric_name) noexcept;

/// One named statistic of a series, in output order.
struct named_stat {
  std::string_view name = {};
  double value = 0;
  bool integer = false;
};

/// One (endpoint, label set) of a metric, summarised over the window.
/// avg, min, max, std (sample, ddof 1; 0 for one value), p1…p99 (linear) of `values`.
AIPERF_DECL std::vector<named_stat> gauge_stats(std::vector<double> values);

/// A counter's growth over the window (§8.1.3, §8.2.3) from time-ordered (t, value) points:
/// max(0, last in [start, end] − reference), reference = last point before start, else the
/// first in the window.  nullopt when no point is in the window.
struct counter_growth {
  double total = 0;
  double seconds = 0;  // reference -> last in-window point
};
AIPERF_DECL std::optional<counter_growth> counter_delta(std::span<std::pair<std::int64_t, double> const> points,
                                                        std::int64_t start_ns, std::int64_t end_ns);

struct series_summary {
  std::string endpoint_url = {};
  std::vector<label> labels = {};                                 // histogram `le` excluded
  std::vector<named_stat> stats = {};                             // §8.2.3, in the spec's order
  std::optional<std::vector<std::pair<std::string, double>>> buckets = {};  // histogram delta counts by `le`
};

struct metric_summary {
  std::string name = {};
  std::string_view type = {};  // "gauge", "counter", "histogram", "unknown"
  std::string description = {}, unit = {};
  std::vector<series_summary> series = {};
};

/// The window's summary of every metric seen: gauges and unknowns over the in-window samples;
/// counters and histograms as deltas from the last sample before `start_ns` (else the first
/// in the window) to the last in it.  Metrics in first-seen order.
AIPERF_DECL std::vector<metric_summary> summarize_server_metrics(std::span<server_scrape const> scrapes,
                                                                 std::int64_t start_ns, std::int64_t end_ns);

/// The standard Prometheus estimate of quantile q (0..1) from cumulative (le, count) buckets
/// sorted by le, the last being +Inf; NaN when there are no observations.
AIPERF_DECL double histogram_quantile(double q, std::span<std::pair<double, double> const> cumulative);

/// What the export files echo about the run.
struct server_metrics_context {
  std::string benchmark_id = {};
  std::string input_config_json = "{}";
  std::int64_t start_ns = 0, end_ns = 0;   // the window (wall clock)
  std::vector<std::string> endpoints_configured = {}, endpoints_successful = {};
};

/// server_metrics_export.json (§8.2.5).
AIPERF_DECL std::string render_server_metrics_json(std::span<server_scrape const> scrapes,
                                                   std::span<metric_summary const> metrics,
                                                   server_metrics_context const& ctx);
/// server_metrics_export.csv (§8.2.5): comment header, then gauge, counter, histogram, unknown
/// sections and the transposed info section, separated by blank lines.
AIPERF_DECL std::string render_server_metrics_csv(std::span<metric_summary const> metrics,
                                                  server_metrics_context const& ctx);
/// One server_metrics_export.jsonl line (without the newline).
AIPERF_DECL void append_server_scrape_jsonl(std::string& out, server_scrape const& s);

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/server_metrics.ipp>
#endif
