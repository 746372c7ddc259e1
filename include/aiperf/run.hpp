// SPDX-License-Identifier: Apache-2.0
// aiperf/run.hpp — running a benchmark.  Two levels, one path:
//   run_benchmark(schedule, endpoint, dataset, metrics, settings)
//       the one call a custom main makes: compose a Schedule, an Endpoint, a Dataset and a metric
//       set, run them against a server, get a report — and, with settings.artifact_dir, AIPerf's
//       whole artifact set on disk.  Setup problems come back as report.error, never as an
//       exception.  The schedule stays static (shard<S>); the endpoint's parse code is reached
//       through one small erased handler; only the named metrics are computed.
//   execute_benchmark(plan, collector, decoder, data, schedule, ...)
//       what run_benchmark does once everything is resolved; the driver calls it too, with its
//       own collector (the full metric set, --goodput) and hooks (signals, progress).
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/concepts/metric.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/detail/rng.hpp>
#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/timeslices.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/goodput.hpp>
#include <aiperf/results/summary.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>
#include <aiperf/runner/load_generator.hpp>
#include <aiperf/runner/prepared_dataset.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>
#include <aiperf/transport/url.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

// ---- the resolved level (driver and run_benchmark) -------------------------------------------

/// A run resolved down to what executes it.
struct benchmark_plan {
  generator_config generator = {};                  // target, client, shards, phases
  std::optional<results::artifact_paths> artifacts = {};  // write the artifact set there (directory exists)
  results::run_info info = {};                      // echoed: cli_command, input_config_json, seed
  std::optional<std::int64_t> slice_ns = {};        // --slice-duration: also write the timeslice files
};

/// Optional callbacks for a front end.
struct run_hooks {
  std::function<void(run_control&)> on_start = {};            // the generator is about to run (install signals)
  std::function<void(request_record const&)> on_record = {};  // after the collector took a record (progress)
  /// After the phases, before the artifacts are written: stop side collections (telemetry) and
  /// attach their sections to the summary every renderer reads.
  std::function<void(results::run_summary&)> on_summary = {};
};

/// Runs `plan`: the phases with every record going through `collector` as it completes (which
/// streams the JSONL when its options name one), then the summary and the artifacts, inputs.json
/// last.  Returns the summary.
template <Schedule S>
results::run_summary execute_benchmark(benchmark_plan plan, results::collector& collector, endpoint_decoder decoder,
                                       prepared_dataset data, S schedule, std::optional<S> warmup_schedule = std::nullopt,
                                       run_hooks const& hooks = {}) {
  load_generator<S> gen(std::move(decoder), std::move(data), plan.generator);
  collector.begin(gen.times().anchor, &gen.data().conversations);
  if (hooks.on_start) hooks.on_start(gen);
  const run_times times = gen.run(
      schedule,
      [&](request_record const& r) {
        collector.add(r);
        if (hooks.on_record) hooks.on_record(r);
      },
      warmup_schedule);

  results::run_info info = std::move(plan.info);
  info.benchmark_id = fmt::format(
      "{:012x}", detail::mix64(info.seed ^ static_cast<std::uint64_t>(times.anchor.wall)) & 0xffffffffffffULL);
  info.input_config_json = results::with_benchmark_id(info.input_config_json, info.benchmark_id);
  info.start_wall_ns = times.anchor.to_wall(times.profiling_start_ns);
  info.end_wall_ns = times.anchor.to_wall(times.profiling_end_ns);
  info.was_cancelled = gen.stopped();
  info.skipped = gen.skipped();
  for (auto const& [cpu, wall] : gen.shard_load()) info.shards.push_back({cpu, wall});
  results::run_summary summary = collector.finish(std::move(info));
  if (hooks.on_summary) hooks.on_summary(summary);
  if (plan.artifacts) {
    for (auto& err : results::write_summary_artifacts(
             summary, *plan.artifacts, results::render_console(summary, results::export_lines(*plan.artifacts))))
      summary.artifact_errors.push_back(std::move(err));
    // A file that cannot be written is one more artifact error, never a lost report.
    auto attempt = [&](auto&& write) {
      try {
        write();
      } catch (std::exception const& e) {
        summary.artifact_errors.emplace_back(e.what());
      }
    };
    if (plan.slice_ns)
      attempt([&] {
        results::write_timeslice_artifacts(collector.timeslices(*plan.slice_ns), plan.artifacts->timeslices_json,
                                           plan.artifacts->timeslices_csv, summary.info.input_config_json);
      });
    // inputs.json last: a large trace's bodies run to hundreds of MB (docs/performance.md), and
    // writing them before the first request would delay the run by that long; nothing in it
    // depends on the run.
    attempt([&] {
      results::write_file_atomically(plan.artifacts->inputs, [&](aiperf::detail::function_ref<void(std::string_view)> sink) {
        results::write_inputs_json(gen.data(), sink);
      });
    });
  }
  return summary;
}

// ---- the one call of a custom main -----------------------------------------------------------

/// Where and how long to run.
struct run_settings {
  std::string url = "http://127.0.0.1:8000";          // base URL; the Endpoint adds its path
  std::string tokenizer = "builtin";                  // loaded only when the dataset or a metric needs it
  std::optional<std::uint64_t> requests = 100;        // stop after this many requests
  std::optional<std::chrono::nanoseconds> duration = {};  // or after this long
  std::optional<std::int64_t> concurrency = {};       // in-flight cap (closed loop: required)
  /// Ramp `concurrency` from 1 to its value over this long (spec §5.3; schedules/ramp.hpp).  A
  /// rate ramp is a schedule: wrap it in schedules::rate_ramped.
  std::optional<std::chrono::nanoseconds> concurrency_ramp = {};
  std::uint64_t seed = 0;
  std::uint32_t workers = 1;
  std::chrono::seconds timeout{600};
  std::string artifact_dir = {};                      // non-empty: write AIPerf's artifact set here
  std::vector<results::goodput_slo> goodput = {};     // SLOs on the named metrics (display units)
  bool use_server_token_count = false;                // token counts from the response usage
  /// Body bytes kept per response (0: no cap); past it the request is an error record.
  std::uint64_t max_response_bytes = client_options{}.max_response_bytes;
  /// Largest SSE event accepted; a larger one is an error record naming the limit.
  std::size_t max_sse_event_bytes = client_options{}.max_sse_event_bytes;
};

/// What a run produced.
struct run_report {
  std::string error;                     // why the run could not start; empty when it ran
  results::run_summary summary;          // the results (empty when it did not run)
  std::vector<std::string> export_lines;  // the artifacts written, as the console lists them

  explicit operator bool() const noexcept { return error.empty(); }
  [[nodiscard]] std::size_t ok() const noexcept { return summary.profiling.ok; }
  [[nodiscard]] std::size_t failed() const noexcept { return summary.profiling.failed; }
  [[nodiscard]] results::metric_result const* find(std::string_view tag) const noexcept { return summary.find(tag); }
  /// The console report (AIPerf's tables), or the error line.
  [[nodiscard]] std::string to_string() const {
    return error.empty() ? results::render_console(summary, export_lines) : "aiperf: error: " + error + "\n";
  }
};

namespace detail {
template <class D>
constexpr bool dataset_needs_tokenizer() {
  if constexpr (requires { { D::needs_tokenizer } -> std::convertible_to<bool>; }) return D::needs_tokenizer;
  else return true;  // undeclared: the dataset may use context.tok
}
}  // namespace detail

/// Runs `schedule` x `endpoint` x `dataset` against settings.url, evaluating `metrics` on every
/// request.  Unconstrained on purpose: each argument that does not model its concept gets a
/// sentence.  Never throws for setup problems (bad URL, missing tokenizer, unwritable artifact
/// directory, unknown goodput tag): they come back in report.error.
template <class S, class E, class D, class... Ms>
run_report run_benchmark(S schedule, E endpoint, D const& dataset, metric_set<Ms...> const& metrics,
                         run_settings const& settings) {
  static_assert(Schedule<S>, "aiperf::run_benchmark: argument 1 (schedule) must model aiperf::Schedule -- provide "
                             "`std::optional<aiperf::credit> next()` and `S shard(std::uint32_t, std::uint32_t) const`");
  static_assert(Endpoint<E>, "aiperf::run_benchmark: argument 2 (endpoint) must model aiperf::Endpoint -- provide "
                             "name, streaming(), encode(conversation const&, std::size_t), on_event and on_body");
  static_assert(Dataset<D>, "aiperf::run_benchmark: argument 3 (dataset) must model aiperf::Dataset -- provide "
                            "`std::vector<aiperf::conversation> build(aiperf::dataset_context const&) const`");
  if constexpr (Schedule<S> && Endpoint<E> && Dataset<D>) {
    run_report report;
    try {
      const url target = parse_url(settings.url);
      std::optional<tokenizer> tok;
      if (detail::dataset_needs_tokenizer<D>() || metrics.needs_tokenizer(settings.use_server_token_count))
        tok.emplace(load_tokenizer(settings.tokenizer));
      prepared_dataset data = prepare_dataset(
          endpoint, dataset.build(dataset_context{tok ? &*tok : nullptr, settings.seed}), target.host_header());

      benchmark_plan plan;
      results::collector_options copts{.streaming = endpoint.streaming(), .goodput = settings.goodput};
      if (!settings.artifact_dir.empty()) {
        plan.artifacts = results::artifact_paths_for({.dir = settings.artifact_dir});
        results::create_artifact_dir(*plan.artifacts);
        copts.jsonl_path = plan.artifacts->jsonl.string();
        report.export_lines = results::export_lines(*plan.artifacts);
      }
      metrics::token_counter count;
      if (tok) count = [t = &*tok](std::string_view text) { return t->count(text); };
      results::collector collector(
          metrics.evaluator({.streaming = endpoint.streaming(), .use_server_token_count = settings.use_server_token_count},
                            std::move(count)),
          std::move(copts));

      generator_config& g = plan.generator;
      g.target = target;
      g.client.request_timeout = settings.timeout;
      g.client.max_response_bytes = settings.max_response_bytes;
      g.client.max_sse_event_bytes = settings.max_sse_event_bytes;
      g.workers = settings.workers;
      g.seed = settings.seed;
      g.profiling.concurrency = settings.concurrency;
      if (settings.concurrency_ramp) g.profiling.concurrency_ramp_ns = settings.concurrency_ramp->count();
      g.profiling.request_count = settings.requests;
      if (settings.duration) g.profiling.duration_ns = settings.duration->count();
      plan.info.seed = settings.seed;
      // A schedule that takes its times from the dataset (trace replay) is bound to it now.
      if constexpr (requires(S const& s, std::span<const conversation> c) { { s.bind(c) } -> std::convertible_to<S>; }) {
        schedule = schedule.bind(data.conversations);
        if constexpr (requires { { schedule.zero_ms() } -> std::convertible_to<std::int64_t>; })
          g.profiling.trace_zero_ms = schedule.zero_ms();
      }
      report.summary = execute_benchmark(std::move(plan), collector, endpoint_decoder(endpoint), std::move(data),
                                         std::move(schedule));
    } catch (std::exception const& e) {
      report.error = e.what();
      report.summary = {};
    }
    return report;
  } else {
    return {};
  }
}

}  // namespace v0
}  // namespace aiperf
