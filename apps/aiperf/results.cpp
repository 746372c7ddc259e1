// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/results.cpp — the record processor: JSONL during the run; summary, JSON, CSV and
// console after it (spec measurement §2, §3, §4, §6.4, §6.6, §6.7, §7).
#include "results.hpp"

#include "inputs_json.hpp"
#include "logger.hpp"
#include "profile.hpp"

#include <aiperf/detail/json_text.hpp>
#include <aiperf/report/summary.hpp>
#include <aiperf/report/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace aiperf::driver {
using namespace ::aiperf::metrics;
using namespace ::aiperf::report;

record_processor::record_processor(run_context& ctx) : ctx_(ctx) {
  profile_options const& o = *ctx.opts;
  settings_.streaming = o.endpoint.streaming;
  settings_.use_server_token_count = o.endpoint.use_server_token_count;
  aiperf::tokenizer const* tok = &*ctx.tok;
  count_ = [tok](std::string_view text) { return tok->count(text); };
  // Typed SLOs (tag, threshold in display units) -> storage units (spec §4.1, §4.2).
  for (auto const& slo : o.input.goodput) {
    metric_def const* def = find_record_metric(slo.tag);
    if (!def || (def->flags & (error_only | fidelity))) throw usage_failure("Unknown metric tag in --goodput: " + slo.tag);
    if ((def->flags & streaming_only) && !o.endpoint.streaming)
      throw usage_failure("Invalid --goodput: metric(s) ['" + slo.tag +
                          "'] are not applicable to the current endpoint/configuration.");
    settings_.slos.emplace_back(def, slo.threshold / def->scale);
  }
}

record_processor::~record_processor() {
  if (jsonl_) std::fclose(jsonl_);
}

void record_processor::write_inputs(prepared_dataset const& data) {
  write_file_atomically(ctx_.artifact_dir / "inputs.json", render_inputs_json(data));
}

void record_processor::begin(clock_anchor anchor, prepared_dataset const& data) {
  anchor_ = anchor;
  data_ = &data;
  if (ctx_.opts->output.export_level != "summary") {
    const auto path = ctx_.artifact_dir / "profile_export.jsonl";
    jsonl_ = std::fopen(path.c_str(), "wb");
    if (!jsonl_) throw std::runtime_error("cannot write " + path.string());
  }
  last_progress_ns_ = steady_ns();
}

void record_processor::on_record(request_record const& r) {
  record_values v = compute_record(r, count_, settings_);
  if (jsonl_) {
    line_.clear();
    append_jsonl_record(line_, r, v, data_->conversations[r.conversation_index].id, anchor_, settings_.streaming);
    line_ += '\n';
    std::fwrite(line_.data(), 1, line_.size(), jsonl_);
  }
  const std::int64_t now = steady_ns();
  if (jsonl_ && now - last_flush_ns_ > 200'000'000) {  // streamed: a crash loses at most ~0.2 s
    std::fflush(jsonl_);
    last_flush_ns_ = now;
  }
  ++processed_;
  if (now - last_progress_ns_ > 5'000'000'000LL) {
    log_info("Progress: {} requests completed", processed_);
    last_progress_ns_ = now;
  }
  std::lock_guard lock(mu_);
  values_.emplace(&r, std::move(v));
}

int record_processor::finish(std::vector<request_record const*> const& records, run_times const& times,
                             bool cancelled, std::vector<std::pair<std::int64_t, std::int64_t>> const& shard_load,
                             std::uint64_t skipped) {
  if (jsonl_) {
    std::fclose(jsonl_);
    jsonl_ = nullptr;
  }
  std::vector<std::pair<request_record const*, record_values const*>> prof, warm;
  {
    std::lock_guard lock(mu_);
    for (auto const* r : records) {
      auto it = values_.find(r);
      if (it == values_.end()) it = values_.emplace(r, compute_record(*r, count_, settings_)).first;
      (r->phase == benchmark_phase::profiling ? prof : warm).emplace_back(r, &it->second);
    }
  }
  const bool goodput_on = !settings_.slos.empty();
  const summary s = summarize(prof, settings_.streaming, goodput_on, anchor_);
  const summary ws = summarize(warm, settings_.streaming, false, anchor_);
  const std::string benchmark_id = fmt::format("{:012x}", aiperf::detail::mix64(ctx_.seed ^ static_cast<std::uint64_t>(times.anchor.wall)) & 0xffffffffffffULL);

  const auto dir = ctx_.artifact_dir;
  const std::string prefix = ctx_.opts->output.profile_export_prefix.value_or("profile_export");
  const auto json_path = dir / (ctx_.opts->output.profile_export_prefix ? prefix + ".json" : "profile_export_aiperf.json");
  const auto csv_path = dir / (ctx_.opts->output.profile_export_prefix ? prefix + ".csv" : "profile_export_aiperf.csv");
  summary_meta meta;
  meta.benchmark_id = benchmark_id;
  meta.input_config_json = ctx_.cli->input_config_json();
  meta.cli_command = ctx_.cli->cli_command;
  meta.seed = ctx_.seed;
  meta.start_wall_ns = times.anchor.to_wall(times.profiling_start_ns);
  meta.end_wall_ns = times.anchor.to_wall(times.profiling_end_ns);
  meta.was_cancelled = cancelled;
  write_file_atomically(json_path, render_summary_json(s, &ws, meta));
  write_file_atomically(csv_path, render_summary_csv(s));
  std::vector<std::string> exports = {"JSON Export: " + json_path.string(), "CSV Export: " + csv_path.string()};
  if (ctx_.opts->output.export_level != "summary")
    exports.push_back("JSONL Export: " + (dir / "profile_export.jsonl").string());
  exports.push_back("Log File: " + (dir / "logs" / "aiperf.log").string());

  // Client self-accounting (PERFORMANCE G10).
  for (std::size_t i = 0; i < shard_load.size(); ++i) {
    const auto [cpu, wall] = shard_load[i];
    const double busy = wall > 0 ? 100.0 * static_cast<double>(cpu) / static_cast<double>(wall) : 0;
    log_info("Client shard {}: {:.3f} s CPU working (pacing spins excluded) over {:.3f} s ({:.1f}% busy){}", i, static_cast<double>(cpu) / 1e9,
             static_cast<double>(wall) / 1e9, busy, busy > 85 ? " -- WARNING: the client may be the bottleneck" : "");
  }
  if (auto const* late = s.find("send_lateness"); late && late->dist && late->dist->p[8] > 1000.0)
    log_warning("Send lateness p99 is {:.1f} us (> 1 ms): the client did not keep its schedule", late->dist->p[8]);

  std::string console = render_console(s, cancelled, ctx_.cli->cli_command, exports);
  if (skipped > 0) {
    // Never silent: a rate the client could not deliver under the concurrency ceiling.
    const std::string msg = fmt::format(
        "Skipped: {} scheduled request(s) found every --concurrency slot busy and were not sent "
        "(the delivered rate is below --request-rate)", skipped);
    log_warning("{}", msg);
    console += msg + "\n";
  }
  std::fwrite(console.data(), 1, console.size(), stdout);
  std::fflush(stdout);
  try {
    write_file_atomically(dir / "profile_export_console.txt", console);
  } catch (std::exception const& e) {
    log_warning("{}", e.what());
  }
  if (s.ok == 0 && s.failed > 0) {
    log_error("All {} inference request(s) failed; no successful responses were collected.", s.failed);
    return 1;
  }
  return 0;
}

}  // namespace aiperf::driver
