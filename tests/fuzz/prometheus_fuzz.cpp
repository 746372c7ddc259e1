// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the Prometheus text parser (include/aiperf/telemetry/prometheus.hpp)
// and the steps a scrape applies after it (server-metrics family rules, DCGM records).  Any
// input must either parse or throw prometheus_error; anything else (a crash, a sanitizer
// report, another exception) is a bug.  scripts/fuzz.sh builds and runs it with the other
// targets (cmake -DAIPERF_FUZZ=ON, tests/fuzz/CMakeLists.txt).  By hand, e.g. (one command):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude
//     tests/fuzz/prometheus_fuzz.cpp -lfmt -o prometheus_fuzz
// then run ./prometheus_fuzz tests/fuzz/corpus/prometheus
// The unit tests (tests/unit/telemetry/fuzz_corpus.cpp) replay the corpus through this function.
#include <aiperf/telemetry/gpu_telemetry.hpp>
#include <aiperf/telemetry/prometheus.hpp>
#include <aiperf/telemetry/server_metrics.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<char const*>(data), size);
  try {
    auto families = aiperf::telemetry::parse_prometheus(text);
    (void)aiperf::telemetry::parse_dcgm(families, "http://fuzz/metrics", 1);
    aiperf::telemetry::server_scrape s{.endpoint_url = "http://fuzz/metrics", .timestamp_ns = 1,
                                       .families = aiperf::telemetry::select_server_families(std::move(families))};
    std::string line;
    aiperf::telemetry::append_server_scrape_jsonl(line, s);
    (void)aiperf::telemetry::summarize_server_metrics(std::span(&s, 1), 0, 2);
  } catch (aiperf::telemetry::prometheus_error const&) {
  }
  return 0;
}
