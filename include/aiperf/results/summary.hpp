// SPDX-License-Identifier: Apache-2.0
// aiperf/results/summary.hpp — THE summary of a run: the one type every renderer reads (console
// tables, profile_export_aiperf.json and .csv; later timeslices, telemetry, plots).  Produced by
// the collector (results/collector.hpp) from the records it consumed; values in display units.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// One exported metric of a phase: a distribution over requests, or a single value (counts,
/// totals, rates), in display units.
struct metric_result {
  std::string tag, header, unit;
  std::optional<distribution> dist;  // record metrics
  std::optional<double> scalar;      // aggregate and derived metrics
  bool integer = false;              // whole numbers (tokens, counts)
  int display_order = 0;             // console position
  std::uint32_t flags = 0;           // metrics::metric_flag bits
};

/// How many failed requests share one {code, type, message}.
struct error_count {
  error_info error;
  std::size_t count = 0;
};

/// The results of one phase (profiling, or warmup).
struct phase_summary {
  std::vector<metric_result> results;  // export order (AIPerf's declared fields first)
  std::vector<error_count> errors;     // most frequent first
  std::size_t ok = 0, failed = 0;
  std::optional<double> duration_s;    // first successful send to last response (spec §2.6)

  [[nodiscard]] metric_result const* find(std::string_view tag) const noexcept {
    for (auto const& r : results)
      if (r.tag == tag) return &r;
    return nullptr;
  }
};

/// CPU and wall time of one shard thread (PERFORMANCE G10 self-accounting).
struct shard_load {
  std::int64_t cpu_ns = 0;   // working CPU time (pacing spins excluded)
  std::int64_t wall_ns = 0;  // wall time of the phases it ran
};

/// Facts about the run that the artifacts echo.
struct run_info {
  std::string benchmark_id;
  std::string cli_command;                 // "" in a custom main: no "CLI Command:" line
  std::string input_config_json = "{}";    // the resolved options as a JSON object
  std::uint64_t seed = 0;
  std::int64_t start_wall_ns = 0, end_wall_ns = 0;  // the profiling phase, epoch ns
  bool was_cancelled = false;              // stopped by a signal
  std::uint64_t skipped = 0;               // open-loop ticks that found every slot busy (not sent)
  std::vector<shard_load> shards;
};

/// Sections rendered outside the results library and attached before the artifacts are
/// written (GPU telemetry, telemetry/session.hpp); empty when not collected.
struct attached_sections {
  std::string telemetry_data_json;  // the object of profile_export_aiperf.json's "telemetry_data"
  std::string telemetry_csv;        // profile_export_aiperf.csv's GPU section (after a blank line)
  std::string telemetry_console;    // the GPU tables, after the error summary
};

/// The thresholds the usage and OSL comparisons used (collector_options; spec measurement
/// §3.6-§3.7), for the console's warning panels.
struct discrepancy_thresholds {
  double usage_pct = 10.0;
  double osl_pct = 5.0;
  double osl_max_tokens = 50.0;
};

struct run_summary {
  phase_summary profiling;
  phase_summary warmup;
  run_info info;
  /// One line per artifact that could not be written completely, naming the file (a full disk,
  /// issue #12); empty when every file was written.  The console report is printed regardless.
  std::vector<std::string> artifact_errors = {};
  attached_sections attached;
  discrepancy_thresholds thresholds;

  /// A profiling-phase result by tag.
  [[nodiscard]] metric_result const* find(std::string_view tag) const noexcept { return profiling.find(tag); }
};

}  // namespace results
}  // namespace v0
}  // namespace aiperf
