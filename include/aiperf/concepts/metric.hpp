// SPDX-License-Identifier: Apache-2.0
// aiperf/concepts/metric.hpp — the Metric concept: a value computed from one finished request.
//
// Customization points (all required):
//   static constexpr std::string_view tag;     -- unique id, the key in JSON/CSV/JSONL ("time_to_first_token")
//   static constexpr std::string_view header;  -- human name for tables ("Time to First Token")
//   static constexpr std::string_view unit;    -- unit of the values compute() returns ("ms", "tokens")
//   std::optional<double> compute(record_view const&) const;
//                                              -- the value for one request, or nullopt when it has none
//                                                 (a non-streamed request has no TTFT; an error has no latency)
//
// `record_view` gives a metric the raw record (every timestamp, chunk, usage block, error) and the
// standard per-record values already computed for it (ISL, OSL, TTFT, ITL, ... in storage units),
// so a custom metric can build on them instead of recomputing.  A metric set is a compile-time
// list (aiperf/metrics/metric_set.hpp): a program pays only for the metrics it names.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/metrics/record_values.hpp>
#include <aiperf/record.hpp>

#include <concepts>
#include <optional>
#include <string_view>

namespace aiperf {
inline namespace v0 {

/// What a Metric sees of one finished request.
struct record_view {
  request_record const& record;             // the raw measurements
  metrics::record_values const& values;     // the standard metrics of this record (storage units)

  /// A standard value in storage units (ns, tokens), e.g. view.standard(metrics::slot::ttft).
  [[nodiscard]] std::optional<double> standard(metrics::slot::rv s) const noexcept { return values.v[s]; }
};

template <class M>
concept Metric = std::copy_constructible<M> && requires(M const& m, record_view const& r) {
  { M::tag } -> std::convertible_to<std::string_view>;
  { M::header } -> std::convertible_to<std::string_view>;
  { M::unit } -> std::convertible_to<std::string_view>;
  { m.compute(r) } -> std::same_as<std::optional<double>>;
};

}  // namespace v0
}  // namespace aiperf
