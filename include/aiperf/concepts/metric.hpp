// SPDX-License-Identifier: Apache-2.0
// aiperf/concepts/metric.hpp — the Metric concept: a value computed from one finished request.
//
// Customization points.  Required:
//   static constexpr std::string_view tag;     -- unique id, the key in JSON/CSV/JSONL ("time_to_first_token")
//   static constexpr std::string_view header;  -- human name for tables ("Time to First Token")
//   static constexpr std::string_view unit;    -- unit of what compute() returns ("ms", "tokens")
//   and one of
//   std::optional<double> compute(record_view const&) const;
//                                              -- the value for one request, or nullopt when it has none
//                                                 (a non-streamed request has no TTFT; an error has no latency)
//   void compute(record_view const&, std::vector<double>& out) const;
//                                              -- a list metric: appends the request's values (e.g. every
//                                                 inter-chunk gap); appending nothing means "none"
// Optional (probed; the defaults in brackets):
//   static constexpr metrics::value_mask needs;   -- the standard values compute() reads [all of them].
//                                                    Declare it to pay only for what you use: a set whose
//                                                    metrics need no token counts never tokenizes output.
//   static constexpr std::uint32_t flags;         -- metrics::metric_flag bits: hidden, larger_is_better,
//                                                    streaming_only, error_only, ... [0]
//   static constexpr int display_order;           -- position in the console table [after the standard rows]
//   static constexpr bool integer;                -- values are whole numbers (tokens, counts) [false]
//   static constexpr double scale;                -- compute() returns storage units; multiply by this for
//                                                    display (the standard metrics keep ns) [1]
//
// `record_view` gives a metric the raw record (every timestamp, chunk, usage block, error) and the
// standard values computed for it (ISL, OSL, TTFT, ITL, ... in storage units: ns, tokens), so a custom
// metric can build on them instead of recomputing.  A metric set is a compile-time list
// (aiperf/metrics/metric_set.hpp): a program pays only for the metrics it names, and a custom metric
// reaches every artifact (console, JSON, CSV, JSONL) exactly like a built-in one.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/metrics/flags.hpp>
#include <aiperf/metrics/standard_values.hpp>
#include <aiperf/record.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// What a Metric sees of one finished request.
struct record_view {
  request_record const& record;               // the raw measurements
  metrics::standard_values const& values;     // the standard values of this record (storage units)

  /// A standard value in storage units (ns, tokens), e.g. view.standard(metrics::standard_value::osl).
  [[nodiscard]] std::optional<double> standard(metrics::standard_value v) const noexcept { return values.get(v); }
};

namespace detail {
template <class M>
concept metric_names = requires {
  { M::tag } -> std::convertible_to<std::string_view>;
  { M::header } -> std::convertible_to<std::string_view>;
  { M::unit } -> std::convertible_to<std::string_view>;
};
}  // namespace detail

/// A metric with one value per request.
template <class M>
concept ScalarMetric = std::copy_constructible<M> && detail::metric_names<M> && requires(M const& m, record_view const& r) {
  { m.compute(r) } -> std::same_as<std::optional<double>>;
};

/// A metric with a list of values per request (inter-chunk latency).
template <class M>
concept ListMetric = std::copy_constructible<M> && detail::metric_names<M> &&
                     requires(M const& m, record_view const& r, std::vector<double>& out) { m.compute(r, out); };

template <class M>
concept Metric = ScalarMetric<M> || ListMetric<M>;

namespace metrics {

/// A custom metric's console position when it declares none: after the standard record rows.
inline constexpr int default_display_order = 750;

/// The optional members of a Metric, with their defaults.
template <class M>
struct metric_traits {
  static constexpr value_mask needs = [] {
    if constexpr (requires { { M::needs } -> std::convertible_to<value_mask>; }) return value_mask(M::needs);
    else return value_mask::all();
  }();
  static constexpr std::uint32_t flags = [] {
    if constexpr (requires { { M::flags } -> std::convertible_to<std::uint32_t>; }) return std::uint32_t(M::flags);
    else return std::uint32_t{0};
  }();
  static constexpr int display_order = [] {
    if constexpr (requires { { M::display_order } -> std::convertible_to<int>; }) return int(M::display_order);
    else return default_display_order;
  }();
  static constexpr bool integer = [] {
    if constexpr (requires { { M::integer } -> std::convertible_to<bool>; }) return bool(M::integer);
    else return false;
  }();
  static constexpr double scale = [] {
    if constexpr (requires { { M::scale } -> std::convertible_to<double>; }) return double(M::scale);
    else return 1.0;
  }();
  static constexpr bool list = ListMetric<M> && !ScalarMetric<M>;
};

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
