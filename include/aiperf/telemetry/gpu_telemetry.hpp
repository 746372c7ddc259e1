// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/gpu_telemetry.hpp — GPU telemetry (spec measurement §8.1): records from a
// DCGM exporter page (§8.1.2) or from NVML (telemetry/nvml.hpp), per-GPU statistics over the
// profiling window (§8.1.3), and their renderings: `telemetry_data` of
// profile_export_aiperf.json (§8.1.5), the CSV section (§6.7), one gpu_telemetry_export.jsonl
// line per record (§8.1.6) and the console tables (§7.5).  Non-template; no I/O.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/telemetry/prometheus.hpp>
#include <aiperf/telemetry/server_metrics.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

/// One GPU field AIPerf reports (schema 1.5 names).
struct gpu_field {
  std::string_view dcgm = {};     // DCGM_FI_… sample name ("" for NVML-only fields)
  std::string_view name = {};     // nvidia_power_usage, ...
  std::string_view display = {};  // "NVIDIA GPU Power Usage"
  std::string_view unit = {};     // "W"
  double scale = {};              // DCGM value -> unit
  bool counter = {};              // reported as growth over the window
};

/// The fields of §8.1.2's table, plus nvidia_jpg_utilization (NVML only).
AIPERF_DECL std::span<gpu_field const> gpu_fields() noexcept;

/// One GPU at one scrape.
struct gpu_record {
  std::int64_t timestamp_ns = 0;  // wall clock at parse
  std::string source = {};             // the DCGM URL, or "pynvml://localhost"
  int gpu_index = 0;
  std::string gpu_uuid = {}, gpu_model_name = {}, pci_bus_id = {}, device = {}, hostname = {}, namespace_ = {}, pod_name = {};
  std::string platform = "nvidia";
  std::vector<std::pair<std::string_view, double>> values = {};  // gpu_field::name -> value in the field's unit
};

/// The GPU records of one DCGM exporter page: one per `gpu` label value, fields scaled to their
/// units.  Samples without an integer `gpu` label and unknown fields are ignored.
AIPERF_DECL std::vector<gpu_record> parse_dcgm(std::vector<metric_family> const& families, std::string_view source,
                                               std::int64_t timestamp_ns);

/// "localhost:9401" for a URL; the source itself otherwise ("pynvml://localhost").
AIPERF_DECL std::string endpoint_display(std::string_view source);

/// One GPU's window statistics.
struct gpu_summary {
  std::string source = {};
  int gpu_index = 0;
  std::string gpu_name = {}, gpu_uuid = {}, platform = {}, hostname = {}, namespace_ = {}, pod_name = {};
  struct field_stats {
    gpu_field const* field;
    std::vector<named_stat> stats = {};  // gauges: avg,min,max,std,p…,sum,count; counters: avg only
  };
  std::vector<field_stats> metrics = {};
};

/// Per-GPU statistics of the records in [start_ns, end_ns] (counters: growth from the last
/// record before start_ns); GPUs keyed by source then UUID, in first-seen order.
AIPERF_DECL std::vector<gpu_summary> summarize_gpus(std::span<gpu_record const> records, std::int64_t start_ns,
                                                    std::int64_t end_ns);

struct gpu_telemetry_context {
  std::vector<std::string> endpoints_configured = {}, endpoints_successful = {};
  std::int64_t start_ns = 0, end_ns = 0;
  std::vector<std::string> errors = {};  // error_summary entries (one line each)
};

/// The JSON object of `telemetry_data` (§8.1.5), indented for profile_export_aiperf.json.
AIPERF_DECL std::string render_telemetry_data_json(std::span<gpu_summary const> gpus, gpu_telemetry_context const& ctx);
/// The CSV section (§6.7 section 3), CRLF lines, header first; "" when there are no GPUs.
AIPERF_DECL std::string render_telemetry_csv(std::span<gpu_summary const> gpus);
/// The console section (§7.5): reachability, then one table per GPU.
AIPERF_DECL std::string render_telemetry_console(std::span<gpu_summary const> gpus, gpu_telemetry_context const& ctx);
/// One gpu_telemetry_export.jsonl line, without the newline.
AIPERF_DECL void append_gpu_record_jsonl(std::string& out, gpu_record const& r);

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/gpu_telemetry.ipp>
#endif
