// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/results.hpp — from records to results: per-record metrics and the streamed
// profile_export.jsonl during the run (processing thread), then the summary, the artifacts
// (profile_export_aiperf.json/.csv, inputs.json) and the console report at the end.
#pragma once
#include <aiperf/metrics/record_values.hpp>
#include "run_context.hpp"
#include <aiperf/metrics/statistics.hpp>

#include <aiperf/clock.hpp>
#include <aiperf/runner/benchmark.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <cstdio>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aiperf::driver {

class record_processor {
 public:
  explicit record_processor(run_context& ctx);
  ~record_processor();

  void write_inputs(prepared_dataset const& data);
  void begin(clock_anchor anchor, prepared_dataset const& data);
  /// Processing thread: metrics of one finished record, appended to the JSONL (flushed often).
  void on_record(request_record const& r);
  /// After the run: summary, artifacts, console.  Returns the process exit code.
  int finish(std::vector<request_record const*> const& records, run_times const& times, bool cancelled,
             std::vector<std::pair<std::int64_t, std::int64_t>> const& shard_load = {}, std::uint64_t skipped = 0);

 private:
  run_context& ctx_;
  metrics::metric_settings settings_;
  metrics::token_counter count_;
  clock_anchor anchor_;
  prepared_dataset const* data_ = nullptr;
  std::FILE* jsonl_ = nullptr;
  std::string line_;
  std::int64_t last_flush_ns_ = 0;
  std::uint64_t processed_ = 0, last_progress_ = 0;
  std::int64_t last_progress_ns_ = 0;
  std::unordered_map<request_record const*, metrics::record_values> values_;  // by address: logs never move records
  std::mutex mu_;
};

}  // namespace aiperf::driver
