// SPDX-License-Identifier: Apache-2.0
// examples/custom_metric.cpp — adding user-defined Metrics beside the standard ones, and writing
// AIPerf's whole artifact set.  A metric is a small type with a tag, a header, a unit and
// compute(record_view); it sees the raw record (every chunk's arrival time, the usage block) and
// the standard values computed for it.  A custom metric reaches the console table,
// profile_export_aiperf.json/.csv and every profile_export.jsonl line exactly like a built-in one.
//
// usage: example_custom_metric [URL [ARTIFACT_DIR]]
#include <aiperf/aiperf.hpp>

#include <cstdio>
#include <optional>

//! [custom]
/// Tokens per SSE chunk: how much a server batches its stream (1.0 = one token per event).
struct tokens_per_chunk {
  static constexpr std::string_view tag = "tokens_per_chunk";
  static constexpr std::string_view header = "Tokens Per Chunk";
  static constexpr std::string_view unit = "tokens";
  // The standard values compute() reads: only these are computed for it (OSL needs the output
  // tokenized; a set without token metrics never tokenizes).
  static constexpr aiperf::metrics::value_mask needs = {aiperf::metrics::standard_value::osl};

  std::optional<double> compute(aiperf::record_view const& r) const {
    const auto osl = r.standard(aiperf::metrics::standard_value::osl);
    std::size_t chunks = 0;
    for (auto const& c : r.record.chunks) chunks += c.is_content() ? 1 : 0;
    if (!osl || chunks == 0) return std::nullopt;
    return *osl / static_cast<double>(chunks);
  }
};

/// Time from the response headers to the first token: server-side queueing + prefill, without
/// connection set-up.  It reads only the raw record, so it needs no standard value at all.
struct headers_to_first_token {
  static constexpr std::string_view tag = "headers_to_first_token";
  static constexpr std::string_view header = "Headers to First Token";
  static constexpr std::string_view unit = "ms";
  static constexpr aiperf::metrics::value_mask needs = {};

  std::optional<double> compute(aiperf::record_view const& r) const {
    const auto first = r.record.first_content();
    if (first < 0 || r.record.ack_ns == 0) return std::nullopt;
    return static_cast<double>(r.record.chunks[static_cast<std::size_t>(first)].recv_ns - r.record.ack_ns) / 1e6;
  }
};
//! [custom]

int main(int argc, char** argv) {
  using namespace aiperf;
  auto metrics = make_metric_set(metrics::ttft{}, headers_to_first_token{}, tokens_per_chunk{}, metrics::osl{});
  run_report report = run_benchmark(
      schedules::concurrency{}, endpoints::openai_chat({.model = "my-model", .streaming = true}),
      datasets::synthetic{.isl_mean = 64, .osl_mean = 24, .num_entries = 10}, metrics,
      run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000",
                   .requests = 30,
                   .concurrency = 4,
                   .artifact_dir = argc > 2 ? argv[2] : ""});
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 && report.find("tokens_per_chunk") != nullptr ? 0 : 1;
}
