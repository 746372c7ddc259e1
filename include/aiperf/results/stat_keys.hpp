// SPDX-License-Identifier: Apache-2.0
// aiperf/results/stat_keys.hpp — AIPerf's STAT_KEYS: the statistics of a metric result by name,
// in the order its tidy exports list them (the timeslice CSV, the multi-run aggregate keys).
#pragma once
#include <aiperf/results/summary.hpp>

#include <optional>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace results {

inline constexpr std::string_view stat_keys[] = {"avg", "min", "max", "sum", "p1",  "p5", "p10",
                                                 "p25", "p50", "p75", "p90", "p95", "p99", "std"};

/// The value of statistic `key` in `r` as its summary JSON holds it: a single value has only
/// `avg`; a distribution has every key.  nullopt when `r` has no such statistic.
inline std::optional<double> stat_value(metric_result const& r, std::string_view key) {
  if (r.scalar) return key == "avg" ? std::optional<double>(*r.scalar) : std::nullopt;
  if (!r.dist) return std::nullopt;
  distribution const& d = *r.dist;
  if (key == "avg") return d.avg;
  if (key == "min") return d.min;
  if (key == "max") return d.max;
  if (key == "sum") return d.sum;
  if (key == "std") return d.std;
  for (auto const& p : distribution::percentiles)
    if (p.name == key) return d.*p.value;
  return std::nullopt;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
