// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/session.hpp — collecting server metrics and GPU telemetry beside a run
// (spec measurement §8): the reachability and content-type checks before it, a baseline scrape,
// then one background thread that scrapes every target at the spec's cadence (0.333 s) off
// the request path, a final scrape after the profiling phase, and the outputs: the GPU
// sections attached to the run_summary (telemetry_data, the CSV section, the console tables)
// and server_metrics_export.{json,csv,jsonl} and gpu_telemetry_export.jsonl on disk.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/summary.hpp>
#include <aiperf/telemetry/gpu_telemetry.hpp>
#include <aiperf/telemetry/server_metrics.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

/// §8.1.1's URL rule: `http://` when there is no scheme, no trailing '/', `/metrics` appended
/// unless the path already ends with it ("host:8000/v1" -> "http://host:8000/v1/metrics").
AIPERF_DECL std::string normalize_metrics_url(std::string_view text);

/// A scrape target and whether the user named it (a default one that fails is skipped with a
/// note; a named one that fails is a warning).
struct scrape_target {
  std::string url = {};  // normalised
  bool explicit_ = false;
};

struct session_options {
  std::vector<scrape_target> server_targets = {};     // empty: no server metrics
  std::vector<std::string> server_formats = {"json", "csv"};  // of json, csv, jsonl
  std::vector<scrape_target> dcgm_targets = {};       // empty: no DCGM scraping
  bool nvml = false;                             // the `pynvml` token
  bool gpu_console = false;                      // --gpu-telemetry given: print the GPU tables
  std::chrono::milliseconds interval{333};       // AIPERF_*_COLLECTION_INTERVAL
  std::chrono::milliseconds reachability_timeout{10'000};
  std::chrono::milliseconds scrape_timeout{5'000};
  std::function<void(std::string_view)> info = {}, warn = {};  // log sinks (may be empty)
};

/// What a session wrote, for the console's export list ("Server Metrics Export: <path>").
struct session_outputs {
  struct file {
    std::string_view label = {};  // "Server Metrics Export", "GPU Telemetry Export"
    std::filesystem::path path = {};
  };
  std::vector<file> files = {};          // written completely
  std::vector<std::string> errors = {};  // one line per file that could not be (naming it)
};

class session {
 public:
  AIPERF_DECL explicit session(session_options o);
  AIPERF_DECL ~session();
  session(session const&) = delete;
  session& operator=(session const&) = delete;

  /// Reachability and content-type checks (§8.2.1): a target that is unreachable, answers an
  /// error status or JSON (after one /prometheus/metrics probe), or serves text the parser
  /// refuses, is dropped with a note (default targets) or a warning (named ones).
  AIPERF_DECL void check_targets();
  /// The baseline scrape, then the background thread.
  AIPERF_DECL void start();
  /// Stops the thread after one final scrape.  Idempotent.
  AIPERF_DECL void stop();

  /// Attaches the GPU sections (window: the profiling phase up to the final scrape) to `s`.
  AIPERF_DECL void attach(results::run_summary& s) const;
  /// Writes the server-metrics files and the GPU telemetry JSONL at their places in `paths`
  /// (results::artifact_paths_for: server_metrics_export.* or B_server_metrics.*, ...); the JSONL
  /// only when the run writes records (paths.jsonl not empty).
  AIPERF_DECL session_outputs write(results::artifact_paths const& paths, results::run_summary const& s) const;

  [[nodiscard]] std::vector<server_scrape> const& server_scrapes() const noexcept { return scrapes_; }
  [[nodiscard]] std::vector<gpu_record> const& gpu_records() const noexcept { return gpu_; }

 private:
  struct endpoint_state {
    std::string url = {};
    std::size_t last_hash = 0;
    bool have_hash = false, warned = false;
  };
  void scrape_once();
  void note(bool explicit_, std::string const& msg) const;
  [[nodiscard]] std::int64_t window_end(std::int64_t profiling_end) const noexcept;

  session_options o_ = {};
  std::vector<std::string> server_configured_ = {}, dcgm_configured_ = {};
  std::vector<endpoint_state> server_ = {}, dcgm_ = {};
  struct nvml_holder;
  std::unique_ptr<nvml_holder> nvml_;
  std::vector<std::string> errors_ = {};
  std::vector<server_scrape> scrapes_ = {};
  std::vector<gpu_record> gpu_ = {};
  std::int64_t final_scrape_ns_ = 0;
  std::thread thread_ = {};
  std::mutex mu_ = {};
  std::condition_variable cv_ = {};
  bool stopping_ = false, started_ = false, stopped_ = false;
};

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/session.ipp>
#endif
