// SPDX-License-Identifier: Apache-2.0
// aiperf/run.hpp — the one call a custom main makes: compose a Schedule, an Endpoint, a Dataset
// and a metric set, run them against a server, get a report.  Everything is static (no type
// erasure beyond the schedule's shard split), so the binary contains only what the main names.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/concepts/metric.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/record_values.hpp>
#include <aiperf/report/summary.hpp>
#include <aiperf/report/table.hpp>
#include <aiperf/runner/benchmark.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>
#include <aiperf/transport/url.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// Where and how long to run.
struct run_settings {
  std::string url = "http://127.0.0.1:8000";  // base URL; the Endpoint adds its path
  std::string tokenizer = "builtin";          // for prompt synthesis and output token counts
  std::optional<std::uint64_t> requests = 100;  // stop after this many requests
  std::optional<std::chrono::nanoseconds> duration;  // or after this long
  std::optional<std::int64_t> concurrency;    // in-flight cap (closed loop: required)
  std::uint64_t seed = 0;
  std::uint32_t workers = 1;
  std::chrono::seconds timeout{600};
};

/// What a run produced: the metric set's distributions plus counts and errors.
struct run_report {
  std::vector<metric_summary> metrics;
  std::size_t ok = 0, failed = 0;
  double duration_s = 0;  // first request start to last response
  std::vector<std::pair<error_info, std::size_t>> errors;

  [[nodiscard]] metric_summary const* find(std::string_view tag) const {
    for (auto const& m : metrics)
      if (m.tag == tag) return &m;
    return nullptr;
  }
  /// The metrics table followed by one line of totals.
  [[nodiscard]] std::string to_string() const {
    std::string out = render_metric_table(metrics, "aiperf | LLM Metrics");
    out += fmt::format("{} requests ok, {} failed in {:.2f} s ({:.2f} requests/sec)\n", ok, failed, duration_s,
                       duration_s > 0 ? static_cast<double>(ok) / duration_s : 0.0);
    for (auto const& [e, n] : errors) out += fmt::format("  error x{}: {} {} {}\n", n, e.code, e.type, e.message);
    return out;
  }
};

/// Runs `schedule` x `endpoint` x `dataset`, evaluating `metrics` on every successful request.
/// Unconstrained on purpose: each argument that does not model its concept gets a sentence.
template <class S, class E, class D, class... Ms>
run_report run_benchmark(S schedule, E endpoint, D const& dataset, metric_set<Ms...>& metrics,
                         run_settings const& settings) {
  static_assert(Schedule<S>, "aiperf::run_benchmark: argument 1 (schedule) must model aiperf::Schedule -- provide "
                             "`std::optional<aiperf::credit> next()` and `S shard(std::uint32_t, std::uint32_t) const`");
  static_assert(Endpoint<E>, "aiperf::run_benchmark: argument 2 (endpoint) must model aiperf::Endpoint -- provide "
                             "name, streaming(), encode(conversation const&, std::size_t), on_event and on_body");
  static_assert(Dataset<D>, "aiperf::run_benchmark: argument 3 (dataset) must model aiperf::Dataset -- provide "
                            "`std::vector<aiperf::conversation> build(aiperf::dataset_context const&) const`");
  if constexpr (Schedule<S> && Endpoint<E> && Dataset<D>) {
    const url target = parse_url(settings.url);
    const tokenizer tok = load_tokenizer(settings.tokenizer);
    prepared_dataset data = prepare_dataset(endpoint, dataset.build(dataset_context{&tok, settings.seed}),
                                            target.host_header());
    benchmark_config cfg;
    cfg.target = target;
    cfg.client.request_timeout = settings.timeout;
    cfg.workers = settings.workers;
    cfg.seed = settings.seed;
    cfg.profiling.concurrency = settings.concurrency;
    cfg.profiling.request_count = settings.requests;
    if (settings.duration) cfg.profiling.duration_ns = settings.duration->count();
    benchmark<E> bench(endpoint, std::move(data), cfg);
    bench.run(any_schedule(std::move(schedule)));

    metrics::metric_settings ms;
    ms.streaming = endpoint.streaming();
    const auto count = [&tok](std::string_view text) { return tok.count(text); };
    run_report rep;
    report::error_groups errors;
    std::int64_t first = 0, last = 0;
    bench.for_each_record([&](request_record const& r) {
      if (!r.ok()) {
        ++rep.failed;
        errors.add(*r.error);
        return;
      }
      const metrics::record_values v = metrics::compute_record(r, count, ms);
      metrics.observe(record_view{r, v});
      const std::int64_t end = r.chunks.empty() ? r.end_ns : r.chunks.back().recv_ns;
      if (rep.ok++ == 0 || r.start_ns < first) first = r.start_ns;
      if (end > last) last = end;
    });
    rep.metrics = metrics.summarize();
    rep.duration_s = rep.ok ? static_cast<double>(last - first) / 1e9 : 0.0;
    rep.errors = errors.sorted();
    return rep;
  } else {
    return {};
  }
}

}  // namespace v0
}  // namespace aiperf
