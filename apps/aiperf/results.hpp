// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/results.hpp — TEMPORARY minimal processor (replaced by the metrics module wiring).
#pragma once
#include "inputs_json.hpp"
#include "logger.hpp"
#include "run_context.hpp"

#include <aiperf/clock.hpp>
#include <aiperf/runner/benchmark.hpp>

#include <atomic>
#include <vector>

namespace aiperf::driver {

class record_processor {
 public:
  explicit record_processor(run_context& ctx) : ctx_(ctx) {}
  void write_inputs(prepared_dataset const& d) {
    write_file_atomically(ctx_.artifact_dir / "inputs.json", render_inputs_json(d));
  }
  void begin(clock_anchor a, prepared_dataset const&) { anchor_ = a; }
  void on_record(request_record const&) { ++n_; }
  int finish(std::vector<request_record const*> const& recs, run_times const&, bool cancelled) {
    std::size_t ok = 0;
    double ttft = 0;
    for (auto* r : recs) {
      if (r->phase != benchmark_phase::profiling) continue;
      if (r->ok()) {
        ++ok;
        ttft += static_cast<double>(r->chunks[static_cast<std::size_t>(r->first_content())].recv_ns - r->start_ns) / 1e6;
      } else {
        log_info("error: {} {} {}", r->error->code, r->error->type, r->error->message);
      }
    }
    log_info("records {} ok {} avg ttft {:.3f} ms cancelled {}", recs.size(), ok, ok ? ttft / ok : 0.0, cancelled);
    return ok ? 0 : 1;
  }

 private:
  run_context& ctx_;
  clock_anchor anchor_;
  std::atomic<std::size_t> n_{0};
};

}  // namespace aiperf::driver
