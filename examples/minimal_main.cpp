// SPDX-License-Identifier: Apache-2.0
// examples/minimal_main.cpp — a benchmark composed by hand: a schedule, an endpoint, a dataset
// and a metric list, run against an OpenAI-compatible server (argv[1], default the mock server's
// usual address).  Prints AIPerf's console report; exits 1 when the run could not start or no
// request succeeded.
//! [minimal]
#include <aiperf/aiperf.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  using namespace aiperf;
  auto metrics = make_metric_set(metrics::ttft{}, metrics::itl{}, metrics::request_latency{}, metrics::osl{});
  run_report report = run_benchmark(
      schedules::poisson(/*requests per second*/ 50.0, /*seed*/ 1),
      endpoints::openai_chat({.model = "my-model", .streaming = true}),
      datasets::synthetic{.isl_mean = 128, .osl_mean = 32, .num_entries = 20},
      metrics,
      run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000", .requests = 40, .concurrency = 16});
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 ? 0 : 1;
}
//! [minimal]
