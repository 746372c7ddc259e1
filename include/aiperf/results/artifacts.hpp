// SPDX-License-Identifier: Apache-2.0
// aiperf/results/artifacts.hpp — AIPerf's artifact set on disk (spec measurement §6): where each
// file goes, and writing the summaries so that a crash, a signal or a full disk never leaves a
// truncated file (temporary file + rename).  profile_export.jsonl is streamed by the collector
// during the run; the rest after it, inputs.json last.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/function_ref.hpp>
#include <aiperf/results/summary.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

struct artifact_options {
  std::filesystem::path dir;                       // the run's artifact directory
  std::optional<std::string> export_prefix = {};   // --profile-export-prefix: see export_base()
  bool records = true;                             // write profile_export.jsonl (export level "records")
  bool log_file = false;                           // the front end writes logs/aiperf.log
};

/// Every file of the artifact set; an empty path is a file this run does not write.  The names
/// are AIPerf's: the defaults below, or with `--profile-export-prefix B` the base B with a
/// fixed ending (B.json, B.csv, B.jsonl, B_raw.jsonl, ...; no "_aiperf").
struct artifact_paths {
  std::filesystem::path dir;
  std::filesystem::path json;                 // profile_export_aiperf.json | B.json
  std::filesystem::path csv;                  // profile_export_aiperf.csv | B.csv
  std::filesystem::path jsonl;                // profile_export.jsonl | B.jsonl
  std::filesystem::path raw_jsonl;            // profile_export_raw.jsonl | B_raw.jsonl
  std::filesystem::path timeslices_json;      // profile_export_aiperf_timeslices.json | B_timeslices.json
  std::filesystem::path timeslices_csv;       // profile_export_aiperf_timeslices.csv | B_timeslices.csv
  std::filesystem::path gpu_telemetry_jsonl;  // gpu_telemetry_export.jsonl | B_gpu_telemetry.jsonl
  std::filesystem::path server_metrics_json;  // server_metrics_export.json | B_server_metrics.json
  std::filesystem::path server_metrics_csv;   // server_metrics_export.csv | B_server_metrics.csv
  std::filesystem::path server_metrics_jsonl; // server_metrics_export.jsonl | B_server_metrics.jsonl
  std::filesystem::path inputs;               // inputs.json (fixed name, as AIPerf)
  std::filesystem::path console;              // profile_export_console.txt | B_console.txt
  std::filesystem::path log;                  // logs/aiperf.log (fixed name)
};

/// The base name B of `--profile-export-prefix P` (AIPerf's OutputConfig.set_export_filenames):
/// an absolute P keeps only its file name, so the files stay in the artifact directory; then
/// ONE known ending is stripped, the first match of: _server_metrics.parquet,
/// _server_metrics.jsonl, _server_metrics.json, _server_metrics.csv, _gpu_telemetry.jsonl,
/// _timeslices.csv, _timeslices.json, _raw.jsonl, _console.txt, .parquet, .csv, .json, .jsonl.
/// So `--profile-export-file run1.json` and `run1.csv` and `run1` all give base "run1".
AIPERF_DECL std::string export_base(std::string_view prefix);

AIPERF_DECL artifact_paths artifact_paths_for(artifact_options const& o);

/// Creates the artifact directory (and logs/ when a log file is written); throws
/// std::runtime_error naming the path when it cannot be created or written.
AIPERF_DECL void create_artifact_dir(artifact_paths const& p);

/// The console's list of what was written ("JSON Export: <path>", ...).
AIPERF_DECL std::vector<std::string> export_lines(artifact_paths const& p);

/// Writes `text` to `path` through a temporary file and a rename; throws std::runtime_error
/// naming the file when it cannot be written completely.
AIPERF_DECL void write_file_atomically(std::filesystem::path const& path, std::string_view text);
/// The same, for text produced in pieces: `produce` is called with a sink that appends to the file.
AIPERF_DECL void write_file_atomically(
    std::filesystem::path const& path,
    aiperf::detail::function_ref<void(aiperf::detail::function_ref<void(std::string_view)>)> produce);

/// profile_export_aiperf.json, .csv and the console text (profile_export_console.txt).  Every
/// file is attempted; returns one line per file that could not be written (naming it), so a
/// full disk never hides the console report.  No temporary file is left behind.
AIPERF_DECL std::vector<std::string> write_summary_artifacts(run_summary const& s, artifact_paths const& p,
                                                             std::string_view console_text);

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/artifacts.ipp>
#endif
