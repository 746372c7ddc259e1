// SPDX-License-Identifier: Apache-2.0
// aiperf/results/exporters.hpp — every rendering of a run's results (spec measurement §6, §7):
// the console report, profile_export_aiperf.json and .csv (from the run_summary), one
// profile_export.jsonl line per record (from the collector, as records complete) and inputs.json
// (from the prepared dataset).  Non-template: one copy serves the driver and any custom main.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/config.hpp>
#include <aiperf/detail/function_ref.hpp>
#include <aiperf/record.hpp>
#include <aiperf/results/metric_descriptor.hpp>
#include <aiperf/results/summary.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// The console report: AIPerf's "LLM Metrics" table (every record metric of the set that is not
/// hidden, custom ones included, then the rates and counts), our "Client Fidelity" table, the
/// error summary, then the CLI command (when there is one), the benchmark duration,
/// `export_lines` ("JSON Export: ...") and a note on skipped ticks.
AIPERF_DECL std::string render_console(run_summary const& s, std::vector<std::string> const& export_lines = {});

/// profile_export_aiperf.json (spec §6.6): every profiling result, input_config, run_info,
/// the error summary, the warmup results when there were any, start and end time.
AIPERF_DECL std::string render_summary_json(run_summary const& s);

/// `input_config` (a JSON object) with `"benchmark_id": id` added where AIPerf's UserConfig has
/// it: right after the top-level `cli_command`, else before our own `aiperf_cpp` block, else
/// last.  The id exists only once the run starts, after the options were echoed.
AIPERF_DECL std::string with_benchmark_id(std::string_view input_config, std::string_view id);

/// profile_export_aiperf.csv (spec §6.7): CRLF; distributions sorted by tag, a blank line, then
/// the single values.
AIPERF_DECL std::string render_summary_csv(phase_summary const& s);

/// One profile_export.jsonl line (spec §6.4), without the newline: metadata, every metric of the
/// set that has a value (display units; integers stay integers; absent ones omitted), the error.
/// `scalars`/`lists` are laid out as results::record_evaluator fills them.
AIPERF_DECL void append_jsonl_record(std::string& out, request_record const& r, std::span<metric_descriptor const> metrics,
                                     double const* scalars, std::vector<double> const* lists,
                                     std::string_view conversation_id, clock_anchor const& anchor, bool streaming);

/// inputs.json (spec §6.9): every request body the run may send, exactly as encoded, grouped by
/// conversation; joins with profile_export.jsonl on conversation_id + turn_index.
AIPERF_DECL std::string render_inputs_json(prepared_dataset const& data);
/// The same text in pieces, handed to `out` in order: a large trace's inputs.json is written
/// without ever being one string.
AIPERF_DECL void write_inputs_json(prepared_dataset const& data, aiperf::detail::function_ref<void(std::string_view)> out);

/// "2023-11-14T22:13:20.000000": local time with microseconds, as AIPerf writes start/end_time.
AIPERF_DECL std::string iso_local_time(std::int64_t wall_ns);

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/exporters.ipp>
#endif
