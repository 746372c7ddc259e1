// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/run_endpoint.hpp — the part of `aiperf profile` that knows the Endpoint type:
// encode the dataset, run the shards, hand records to the (non-template) processor.
#pragma once
#include "logger.hpp"
#include "results.hpp"
#include "run_context.hpp"
#include "signals.hpp"

#include <aiperf/runner/benchmark.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <csignal>
#include <vector>

namespace aiperf::driver {

template <class E>
int run_endpoint(E endpoint, run_context& ctx) {
  prepared_dataset prepared = prepare_dataset(endpoint, std::move(ctx.conversations), ctx.target.host_header());
  ctx.processor->write_inputs(prepared);
  benchmark<E> bench(endpoint, std::move(prepared), ctx.bench);
  signal_watcher signals(
      [&](int sig) {
        log_warning("{} received: stopping new requests and draining in-flight ones (press Ctrl+C again to force quit)",
                    sig == SIGTERM ? "SIGTERM" : "SIGINT");
        bench.request_stop();
      },
      [&](int) {
        log_warning("Second signal: cancelling in-flight requests");
        bench.cancel();
      });
  ctx.processor->begin(bench.times().anchor, bench.data());
  log_info("aiperf is PROFILING {}", ctx.target.to_string());
  const run_times times = bench.run(
      *ctx.profiling_schedule, [&](request_record const& r) { ctx.processor->on_record(r); }, ctx.warmup_schedule);
  std::vector<request_record const*> records;
  bench.for_each_record([&](request_record const& r) { records.push_back(&r); });
  return ctx.processor->finish(records, times, signals.signals_received() > 0, bench.shard_load(), bench.skipped());
}

}  // namespace aiperf::driver
