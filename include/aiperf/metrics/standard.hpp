// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/standard.hpp — the standard per-record metrics as Metric policy types, for
// custom mains: `metric_set<metrics::ttft, metrics::itl>`.  Each reads the value computed once
// per record by compute_record() (record_values.hpp) and converts it to its display unit.
#pragma once
#include <aiperf/concepts/metric.hpp>
#include <aiperf/metrics/record_values.hpp>

#include <optional>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace metrics {

namespace detail {
/// A standard metric: the catalog row with this tag (record_values.hpp), as a policy type.
template <std::size_t Index>
struct standard_metric {
  static constexpr metric_def const& def = record_metric_defs[Index];
  static constexpr std::string_view tag = def.tag;
  static constexpr std::string_view header = def.header;
  static constexpr std::string_view unit = def.unit;
  [[nodiscard]] std::optional<double> compute(record_view const& r) const {
    auto const& v = r.values.v[static_cast<std::size_t>(def.slot)];
    if (!v) return std::nullopt;
    return *v * def.scale;
  }
};
constexpr std::size_t index_of(std::string_view tag) {
  for (std::size_t i = 0; i < std::size(record_metric_defs); ++i)
    if (record_metric_defs[i].tag == tag) return i;
  throw "unknown standard metric tag";  // compile-time error when used in a constant expression
}
}  // namespace detail

using ttft = detail::standard_metric<detail::index_of("time_to_first_token")>;
using ttst = detail::standard_metric<detail::index_of("time_to_second_token")>;
using ttfo = detail::standard_metric<detail::index_of("time_to_first_output_token")>;
using request_latency = detail::standard_metric<detail::index_of("request_latency")>;
using decode_duration = detail::standard_metric<detail::index_of("decode_duration")>;
using itl = detail::standard_metric<detail::index_of("inter_token_latency")>;
using output_token_throughput_per_user = detail::standard_metric<detail::index_of("output_token_throughput_per_user")>;
using e2e_output_token_throughput = detail::standard_metric<detail::index_of("e2e_output_token_throughput")>;
using osl = detail::standard_metric<detail::index_of("output_sequence_length")>;
using isl = detail::standard_metric<detail::index_of("input_sequence_length")>;
using output_token_count = detail::standard_metric<detail::index_of("output_token_count")>;
using reasoning_token_count = detail::standard_metric<detail::index_of("reasoning_token_count")>;
using send_lateness = detail::standard_metric<detail::index_of("send_lateness")>;
using latency_from_intended = detail::standard_metric<detail::index_of("latency_from_intended")>;

static_assert(Metric<ttft> && Metric<itl> && Metric<osl> && Metric<send_lateness>);

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
