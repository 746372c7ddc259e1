// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/report/run_artifacts.hpp on the fixture runs in tests/data/report/:
// `single` holds the exporter's golden JSONL and summary (tests/data/golden/), a timeslices file
// and a GPU telemetry file with one damaged line; `no_records` only a summary; `not_a_run` no run.
#include "catch.hpp"

#include <aiperf/report/run_artifacts.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

using namespace aiperf::report;
namespace fs = std::filesystem;

namespace {
const fs::path data = fs::path(AIPERF_TEST_DATA_DIR) / "report";
}  // namespace

TEST_CASE("run loader: per-request rows from the exporter's JSONL", "[report][run_artifacts]") {
  const run_artifacts run = load_run(data / "single");
  CHECK(run.label == "single");
  REQUIRE(run.requests.size() == 11);
  request_row const& first = run.requests[0];
  CHECK(first.start_ns == 1700000000000000000);
  CHECK(first.end_ns == 1700000000035100000);
  CHECK(first.ttft_ms == 20);
  CHECK(first.itl_ms == 5);
  CHECK(first.latency_ms == 35);
  CHECK(first.input_tokens == 100);
  CHECK(first.output_tokens == 4);
  CHECK(first.output_token_throughput_per_user == 200);
  CHECK_FALSE(first.error);
  CHECK_FALSE(first.warmup);
  // The error records: flagged, no timing values, error_isl as the input length.
  request_row const& err = run.requests[8];
  CHECK(err.error);
  CHECK(err.error_type == "Service Unavailable");
  CHECK(std::isnan(err.ttft_ms));
  CHECK(std::isnan(err.latency_ms));
  CHECK(err.input_tokens == 100);
  CHECK(run.requests[9].error_type == "RequestCancellationError");
  CHECK(run.requests[10].warmup);
  CHECK(run.profiling_successes().size() == 8);
}

TEST_CASE("run loader: summary metrics, units and input_config", "[report][run_artifacts]") {
  const run_artifacts run = load_run(data / "single");
  CHECK(run.metric("request_latency") == 63.0);
  CHECK(run.metric("request_latency", "p99") == Approx(93.8));
  CHECK(run.metric("time_to_first_token", "min") == 10.0);
  CHECK(run.unit("request_latency") == "ms");
  CHECK(run.unit("request_throughput") == "requests/sec");
  CHECK(run.metric("request_throughput") == Approx(17.99775028121485));
  CHECK(std::isnan(run.metric("request_latency", "p42")));
  CHECK(std::isnan(run.metric("no_such_metric")));
  CHECK(run.unit("no_such_metric").empty());
  // Non-metric top-level fields (schema_version, input_config, error_summary…) are not metrics.
  CHECK(run.metrics.count("schema_version") == 0);
  CHECK(run.metrics.count("input_config") == 0);
  CHECK(run.input_config_json == R"({"endpoint":{"model_names":["m"]}})");
}

TEST_CASE("run loader: timeslices and GPU telemetry, a damaged line reported and skipped", "[report][run_artifacts]") {
  const run_artifacts run = load_run(data / "single");
  REQUIRE(run.timeslices.has_value());
  REQUIRE(run.timeslices->size() == 2);
  CHECK((*run.timeslices)[0].is_complete);
  CHECK_FALSE((*run.timeslices)[1].is_complete);
  CHECK((*run.timeslices)[1].start_ns == 1700000000200000000);
  CHECK((*run.timeslices)[1].metrics.at("request_latency").get("p95") == Approx(93.55));
  CHECK((*run.timeslices)[0].metrics.at("request_count").get("avg") == 4.0);
  REQUIRE(run.gpu.has_value());
  REQUIRE(run.gpu->size() == 3);
  CHECK((*run.gpu)[1].gpu_index == 1);
  CHECK((*run.gpu)[1].values.at("nvidia_gpu_utilization") == 70);
  CHECK((*run.gpu)[2].timestamp_ns == 1700000000333000000);
  CHECK((*run.gpu)[2].values.at("nvidia_memory_used") == 43.0);
  CHECK((*run.gpu)[0].gpu_model_name == "H100");
  REQUIRE(run.problems.size() == 1);
  CHECK(run.problems[0].rfind((data / "single" / "gpu_telemetry_export.jsonl").string() + ":3: not a JSON object", 0) == 0);
}

TEST_CASE("run loader: a missing records file is one line naming it; optional files are not problems",
          "[report][run_artifacts]") {
  const run_artifacts run = load_run(data / "no_records");
  REQUIRE(run.problems.size() == 1);
  CHECK(run.problems[0].rfind((data / "no_records" / "profile_export.jsonl").string() + ": missing", 0) == 0);
  CHECK(run.requests.empty());
  CHECK(run.metric("request_latency") == 63.0);  // what could be read is still there
  CHECK_FALSE(run.timeslices.has_value());
  CHECK_FALSE(run.gpu.has_value());
}

TEST_CASE("run loader: a broken summary and a path that is no directory", "[report][run_artifacts]") {
  const fs::path dir = fs::temp_directory_path() / "aiperf_report_loader_broken";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "profile_export_aiperf.json") << "{\"request_latency\": {\"unit\": \"ms\", ";
  std::ofstream(dir / "profile_export.jsonl") << "{\"metadata\":{\"request_start_ns\":5,\"benchmark_phase\":\"profiling\"},"
                                                 "\"metrics\":{\"request_latency\":{\"value\":2,\"unit\":\"s\"},"
                                                 "\"time_to_first_token\":{\"value\":1500,\"unit\":\"us\"}}}\n";
  const run_artifacts run = load_run(dir);
  REQUIRE(run.problems.size() == 1);
  CHECK(run.problems[0].rfind((dir / "profile_export_aiperf.json").string() + ": not a JSON object", 0) == 0);
  REQUIRE(run.requests.size() == 1);
  CHECK(run.requests[0].latency_ms == 2000);  // units converted to ms
  CHECK(run.requests[0].ttft_ms == 1.5);
  CHECK(run.requests[0].end_ns == 5 + 2'000'000'000);  // reconstructed as start + latency
  fs::remove_all(dir);

  const run_artifacts none = load_run(data / "no_such_dir");
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0] == (data / "no_such_dir").string() + ": not a directory");
}

TEST_CASE("find_runs: single-run, multi-run and paths without a run", "[report][run_artifacts]") {
  SECTION("a run directory itself is single-run") {
    const run_discovery d = find_runs({data / "single"});
    REQUIRE(d.runs.size() == 1);
    CHECK(d.runs[0] == data / "single");
    CHECK_FALSE(d.multi_run);
    CHECK(d.problems.empty());
  }
  SECTION("a directory of runs is multi-run, subdirectories sorted, non-runs skipped") {
    const run_discovery d = find_runs({data});
    REQUIRE(d.runs.size() == 2);
    CHECK(d.runs[0] == data / "no_records");
    CHECK(d.runs[1] == data / "single");
    CHECK(d.multi_run);
    CHECK(d.problems.empty());
  }
  SECTION("several paths are multi-run; a path with no run is one line naming it") {
    const run_discovery d = find_runs({data / "single", data / "not_a_run", data / "missing", data / "no_records"});
    REQUIRE(d.runs.size() == 2);
    CHECK(d.multi_run);
    REQUIRE(d.problems.size() == 2);
    CHECK(d.problems[0].rfind((data / "not_a_run").string() + ": holds no run", 0) == 0);
    CHECK(d.problems[1] == (data / "missing").string() + ": no such directory");
  }
}
