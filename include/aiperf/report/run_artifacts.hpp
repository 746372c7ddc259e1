// SPDX-License-Identifier: Apache-2.0
// aiperf/report/run_artifacts.hpp — reads back what `aiperf profile` wrote (docs/artifacts.md,
// default names only, as AIPerf's `aiperf plot` does; spec measurement §9.3): one run directory
// into a `run_artifacts` value, and a list of paths into the runs they hold (single- or multi-run
// mode).  Every reader of finished runs (`aiperf plot`, the HTML report, `aiperf compare`) starts
// here, so a bad or partial directory is reported the same way everywhere: one line per missing
// or broken file, naming the path, and whatever could be read is still returned.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace report {

/// The default artifact names this reader recognises (results::artifact_paths' defaults).
inline constexpr std::string_view records_file = "profile_export.jsonl";
inline constexpr std::string_view summary_file = "profile_export_aiperf.json";
inline constexpr std::string_view timeslices_file = "profile_export_aiperf_timeslices.json";
inline constexpr std::string_view gpu_telemetry_file = "gpu_telemetry_export.jsonl";

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One metric block of the summary (or of a timeslice): its unit and every number it holds
/// (avg, min, max, p1…p99, std, count, sum — whichever were written).
struct metric_stats {
  std::string unit;
  std::map<std::string, double, std::less<>> stats;

  /// The statistic `key`, NaN when absent.
  double get(std::string_view key) const;
};

using metric_map = std::map<std::string, metric_stats, std::less<>>;

/// One line of profile_export.jsonl.  Times are wall-clock epoch ns (metadata.request_start_ns /
/// request_end_ns); durations are converted to ms whatever unit the file used.  Absent values are NaN.
struct request_row {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;  // 0 when absent
  double ttft_ms = nan;
  double itl_ms = nan;
  double latency_ms = nan;
  double input_tokens = nan;   // input_sequence_length, or error_isl for an error record
  double output_tokens = nan;  // output_sequence_length (output_token_count when absent)
  double output_token_throughput_per_user = nan;  // tokens/sec/user
  bool error = false;
  bool warmup = false;  // benchmark_phase == "warmup"
  std::string error_type;
};

/// One window of profile_export_aiperf_timeslices.json.
struct timeslice_row {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  bool is_complete = true;
  metric_map metrics;
};

/// One line of gpu_telemetry_export.jsonl: one GPU at one scrape.
struct gpu_sample {
  std::int64_t timestamp_ns = 0;
  int gpu_index = 0;
  std::string gpu_uuid;
  std::string gpu_model_name;
  std::string source;  // dcgm_url
  std::map<std::string, double, std::less<>> values;  // telemetry_data: nvidia_gpu_utilization, nvidia_memory_used, …
};

struct run_artifacts {
  std::filesystem::path dir;
  std::string label;  // the directory's name
  metric_map metrics;  // profile_export_aiperf.json: every top-level block with a "unit"
  std::string input_config_json;  // the summary's input_config, minified; empty when absent
  std::vector<request_row> requests;  // file order, warmup and errors included
  std::optional<std::vector<timeslice_row>> timeslices;  // absent: no timeslices file
  std::optional<std::vector<gpu_sample>> gpu;            // absent: no telemetry file
  /// One line per missing or unreadable required file, or per bad line/field:
  /// "<path>: missing (…)" / "<path>:<line>: <what>".  Missing optional files are not listed.
  std::vector<std::string> problems;

  /// `metrics[name].stats[stat]`, NaN when either is absent.
  double metric(std::string_view name, std::string_view stat = "avg") const;
  /// The unit of summary metric `name`, empty when absent.
  std::string unit(std::string_view name) const;
  /// Profiling-phase rows without an error (what the summary's distributions are made of).
  std::vector<request_row> profiling_successes() const;
};

/// Reads the run in `dir`.  Never throws for bad content: every problem is a line in `problems`.
AIPERF_DECL run_artifacts load_run(std::filesystem::path const& dir);

/// The runs under the given paths (spec §9.3 mode detection): a directory holding
/// profile_export.jsonl (or the summary) directly is one run; otherwise its immediate
/// subdirectories that are runs are the runs (sorted by name).  `multi_run` when more than one run
/// was found.  A path that does not exist or holds no run is a line in `problems`.
struct run_discovery {
  std::vector<std::filesystem::path> runs;
  bool multi_run = false;
  std::vector<std::string> problems;
};
AIPERF_DECL run_discovery find_runs(std::vector<std::filesystem::path> const& paths);

/// Whether `dir` itself holds a run (a records or summary file of the default name).
AIPERF_DECL bool is_run_dir(std::filesystem::path const& dir);

}  // namespace report
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/report/impl/run_artifacts.ipp>
#endif
