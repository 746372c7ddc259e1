// SPDX-License-Identifier: Apache-2.0
// results::export_base / artifact_paths_for: --profile-export-prefix and --profile-export-file name
// every file as AIPerf does (OutputConfig.set_export_filenames): one known ending stripped, an
// absolute prefix reduced to its file name, base + fixed ending for each file, no "_aiperf".
#include "catch.hpp"

#include <aiperf/results/artifacts.hpp>

#include <string>

using aiperf::results::artifact_paths_for;
using aiperf::results::export_base;

TEST_CASE("artifact names: export_base strips one known ending, the first that matches", "[cli][artifacts]") {
  CHECK(export_base("run1") == "run1");
  CHECK(export_base("run1.csv") == "run1");
  CHECK(export_base("run1.json") == "run1");
  CHECK(export_base("run1.jsonl") == "run1");
  CHECK(export_base("run1.parquet") == "run1");
  CHECK(export_base("run1_raw.jsonl") == "run1");
  CHECK(export_base("run1_timeslices.csv") == "run1");
  CHECK(export_base("run1_timeslices.json") == "run1");
  CHECK(export_base("run1_gpu_telemetry.jsonl") == "run1");
  CHECK(export_base("run1_server_metrics.json") == "run1");
  CHECK(export_base("run1_server_metrics.jsonl") == "run1");
  CHECK(export_base("run1_server_metrics.csv") == "run1");
  CHECK(export_base("run1_server_metrics.parquet") == "run1");
  CHECK(export_base("run1_console.txt") == "run1");
  // Only one ending goes, and other endings stay.
  CHECK(export_base("run1.json.csv") == "run1.json");
  CHECK(export_base("run1_timeslices.json.json") == "run1_timeslices.json");
  CHECK(export_base("run1.txt") == "run1.txt");
  CHECK(export_base("run1_raw") == "run1_raw");
  // The default summary name is just a base like any other.
  CHECK(export_base("profile_export_aiperf.json") == "profile_export_aiperf");
  // An absolute prefix keeps only its name: the files stay in the artifact directory.
  CHECK(export_base("/tmp/elsewhere/run2.json") == "run2");
  // A relative one is kept as given (a sub-path of the artifact directory).
  CHECK(export_base("sub/run3.csv") == "sub/run3");
}

TEST_CASE("artifact names: every file of the set with and without a prefix", "[cli][artifacts]") {
  auto const d = artifact_paths_for({.dir = "out"});
  CHECK(d.json == "out/profile_export_aiperf.json");
  CHECK(d.csv == "out/profile_export_aiperf.csv");
  CHECK(d.jsonl == "out/profile_export.jsonl");
  CHECK(d.raw_jsonl == "out/profile_export_raw.jsonl");
  CHECK(d.timeslices_json == "out/profile_export_aiperf_timeslices.json");
  CHECK(d.timeslices_csv == "out/profile_export_aiperf_timeslices.csv");
  CHECK(d.gpu_telemetry_jsonl == "out/gpu_telemetry_export.jsonl");
  CHECK(d.server_metrics_json == "out/server_metrics_export.json");
  CHECK(d.server_metrics_csv == "out/server_metrics_export.csv");
  CHECK(d.server_metrics_jsonl == "out/server_metrics_export.jsonl");
  CHECK(d.console == "out/profile_export_console.txt");
  CHECK(d.inputs == "out/inputs.json");
  CHECK(d.log.empty());

  for (std::string prefix : {"B", "B.json", "B.csv", "B.jsonl", "B_raw.jsonl", "/abs/path/B_console.txt"}) {
    INFO(prefix);
    auto const p = artifact_paths_for({.dir = "out", .export_prefix = prefix, .log_file = true});
    CHECK(p.json == "out/B.json");
    CHECK(p.csv == "out/B.csv");
    CHECK(p.jsonl == "out/B.jsonl");
    CHECK(p.raw_jsonl == "out/B_raw.jsonl");
    CHECK(p.timeslices_json == "out/B_timeslices.json");
    CHECK(p.timeslices_csv == "out/B_timeslices.csv");
    CHECK(p.gpu_telemetry_jsonl == "out/B_gpu_telemetry.jsonl");
    CHECK(p.server_metrics_json == "out/B_server_metrics.json");
    CHECK(p.server_metrics_csv == "out/B_server_metrics.csv");
    CHECK(p.server_metrics_jsonl == "out/B_server_metrics.jsonl");
    CHECK(p.console == "out/B_console.txt");
    CHECK(p.inputs == "out/inputs.json");  // fixed names, as AIPerf's
    CHECK(p.log == "out/logs/aiperf.log");
  }
  CHECK(artifact_paths_for({.dir = "out", .export_prefix = "B", .records = false}).jsonl.empty());
}
