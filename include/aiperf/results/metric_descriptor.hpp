// SPDX-License-Identifier: Apache-2.0
// aiperf/results/metric_descriptor.hpp — the results pipeline's view of a metric set: what each
// metric is called, how it is shown, and one type-erased call that evaluates every metric of the
// set on a finished record.  The collector, the summary and every exporter are non-template and
// see metrics only through this, so a custom metric is exported exactly like a built-in one.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// One metric of a run, as the summary and the exporters present it.
struct metric_descriptor {
  std::string tag = {};       // JSON/CSV/JSONL key
  std::string header = {};    // console and CSV label
  std::string unit = {};      // display unit
  std::uint32_t flags = 0;    // metrics::metric_flag bits
  int display_order = 0;      // console position (ascending)
  bool integer = false;       // whole numbers: JSON/CSV keep no fraction for min/max/sum
  bool list = false;          // several values per record (inter-chunk latency)
  double scale = 1;           // evaluated value x scale = display value
};

/// A metric set, erased for the collector.  `evaluate(record, scalars, lists)` fills, for every
/// metric i in `metrics`: scalars[i] = its value before scaling, NaN when it has none (scalar
/// metrics); lists[i] = its values before scaling, cleared first (list metrics).
struct record_evaluator {
  std::vector<metric_descriptor> metrics;
  std::function<void(request_record const&, double* scalars, std::vector<double>* lists)> evaluate;
};

}  // namespace results
}  // namespace v0
}  // namespace aiperf
