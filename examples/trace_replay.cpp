// SPDX-License-Identifier: Apache-2.0
// examples/trace_replay.cpp — replaying a Mooncake trace from a custom main: the dataset reads
// the trace (prompts from its hash-id blocks, here 16 tokens each), the fixed schedule sends
// each session at its timestamp (divided by the speed-up), and the run ends with the trace.
//
// usage: example_trace_replay [URL [TRACE]]   (default trace: the test fixture of this repository)
#include <aiperf/aiperf.hpp>

#include <cstdio>

#ifndef AIPERF_EXAMPLE_TRACE
#define AIPERF_EXAMPLE_TRACE "mooncake_trace.jsonl"
#endif

int main(int argc, char** argv) {
  using namespace aiperf;
  //! [trace]
  datasets::mooncake_trace trace{.file = argc > 2 ? argv[2] : AIPERF_EXAMPLE_TRACE,
                                 .options = {.block_size = 16, .speedup_ratio = 4}};
  run_report report = run_benchmark(
      schedules::fixed_schedule({.auto_offset = true}),  // bound to the trace's timestamps by the run
      endpoints::openai_chat({.model = "my-model", .streaming = true}), trace,
      make_metric_set(metrics::ttft{}, metrics::request_latency{}, metrics::isl{}, metrics::send_lateness{}),
      run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000", .requests = std::nullopt});
  //! [trace]
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 ? 0 : 1;
}
