// SPDX-License-Identifier: Apache-2.0
// aiperf/results/timeslices.hpp — `--slice-duration` (spec measurement §2.7, §6.8): the profiling
// phase cut into fixed windows from the first request, each summarized like the whole run.  The
// collector makes the slices (collector::timeslices); this header renders them as
// profile_export_aiperf_timeslices.json (one metric block per result, JsonMetricResult shape) and
// .csv (tidy: Timeslice,Metric,Unit,Stat,Value).
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/results/summary.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// One window of the profiling phase and the summary of the records that started in it.
struct timeslice {
  std::int64_t start_ns = 0, end_ns = 0;  // epoch ns; [start, end]
  bool is_complete = true;                // false: the last window, clipped to the run's end
  phase_summary summary;                  // rates over end - start
};

/// profile_export_aiperf_timeslices.json: {"timeslices": [...], "input_config": ...}; slice
/// order is array position (no index field), `is_complete` appears only as false.
AIPERF_DECL std::string render_timeslices_json(std::vector<timeslice> const& slices, std::string_view input_config_json);

/// profile_export_aiperf_timeslices.csv: CRLF; per slice, metrics sorted by tag, each statistic
/// of stat_keys it has (single values as `avg`), numbers as in the summary CSV.
AIPERF_DECL std::string render_timeslices_csv(std::vector<timeslice> const& slices);

/// The two files at `json_path` and `csv_path` (artifact_paths::timeslices_json / _csv);
/// nothing is written when `slices` is empty.
AIPERF_DECL void write_timeslice_artifacts(std::vector<timeslice> const& slices, std::filesystem::path const& json_path,
                                           std::filesystem::path const& csv_path, std::string_view input_config_json);

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/timeslices.ipp>
#endif
