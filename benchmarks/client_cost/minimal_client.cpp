// SPDX-License-Identifier: Apache-2.0
// minimal_client.cpp — the "minimal main" of issue #6's client-cost benchmark: the metric set of
// examples/minimal_main.cpp (TTFT, ITL, request latency, OSL) in a closed loop of streaming chat
// requests, so benchmarks/client_cost.sh can compare its CPU per request with the full driver's.
//
// usage: aiperf-minimal-client URL REQUESTS CONCURRENCY [ISL OSL]
// Prints one line `MINIMAL_CLIENT ok=N failed=N duration_s=S` (and the metrics table to stderr);
// exits 1 when a request failed or the arguments are wrong.
#include <aiperf/aiperf.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace {

// One positive integer argument, or a one-line error naming it.
bool parse_count(char const* text, char const* what, std::uint64_t& out) {
  const std::string_view s(text);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || end != s.data() + s.size() || out == 0) {
    std::fprintf(stderr, "aiperf-minimal-client: %s: expected a positive integer, got '%s'\n", what, text);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 6) {
    std::fputs("usage: aiperf-minimal-client URL REQUESTS CONCURRENCY [ISL OSL]\n", stderr);
    return 1;
  }
  std::uint64_t requests = 0, concurrency = 0, isl = 64, osl = 32;
  if (!parse_count(argv[2], "REQUESTS", requests) || !parse_count(argv[3], "CONCURRENCY", concurrency) ||
      (argc == 6 && (!parse_count(argv[4], "ISL", isl) || !parse_count(argv[5], "OSL", osl))))
    return 1;

  using namespace aiperf;
  // The metric set of examples/minimal_main.cpp; the rest mirrors the driver's run (same
  // dataset, tokenizer, seed and one shard) so that only the metrics and the exports differ.
  auto metrics = make_metric_set(metrics::ttft{}, metrics::itl{}, metrics::request_latency{}, metrics::osl{});
  const run_report report = run_benchmark(
      schedules::concurrency{},
      endpoints::openai_chat({.model = "m", .streaming = true}),
      // 100 entries: the driver's --num-dataset-entries default, so both clients build the same dataset.
      datasets::synthetic{.isl_mean = static_cast<std::int64_t>(isl),
                          .osl_mean = static_cast<std::int64_t>(osl),
                          .num_entries = 100},
      metrics,
      run_settings{.url = argv[1],
                   .tokenizer = "builtin",
                   .requests = requests,
                   .concurrency = static_cast<std::int64_t>(concurrency),
                   .seed = 1,
                   .workers = 1});
  std::fputs(report.to_string().c_str(), stderr);  // the tables, or the reason it did not run
  if (!report) return 1;
  std::printf("MINIMAL_CLIENT ok=%zu failed=%zu duration_s=%.3f\n", report.ok(), report.failed(),
              report.summary.profiling.duration_s.value_or(0.0));
  return report.failed() == 0 && report.ok() > 0 ? 0 : 1;
}
