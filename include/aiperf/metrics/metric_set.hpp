// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/metric_set.hpp — a compile-time list of Metrics (a Boost.Hana tuple) evaluated
// per record with hana::for_each: a custom main pays only for the metrics it names, user-defined
// ones included, and gets exact distributions of each.
#pragma once
#include <aiperf/concepts/metric.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/report/table.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// One metric's distribution over the successful requests of a run, in the metric's unit.
struct metric_summary {
  std::string tag, header, unit;
  distribution dist;
};

template <class... Ms>
class metric_set {
 public:
  explicit metric_set(Ms... ms) : metrics_(std::move(ms)...) {}

  /// Evaluates every metric on one successful record.
  void observe(record_view const& r) {
    std::size_t i = 0;
    boost::hana::for_each(metrics_, [&](auto const& m) {
      if (auto v = m.compute(r)) values_[i].push_back(*v);
      ++i;
    });
  }

  /// Distributions of every metric that had at least one value, in the order named.
  [[nodiscard]] std::vector<metric_summary> summarize() const {
    std::vector<metric_summary> out;
    std::size_t i = 0;
    boost::hana::for_each(metrics_, [&](auto const& m) {
      using M = std::remove_cvref_t<decltype(m)>;
      if (!values_[i].empty()) {
        auto copy = values_[i];
        out.push_back({std::string(M::tag), std::string(M::header), std::string(M::unit), summarize_values(copy)});
      }
      ++i;
    });
    return out;
  }

  static constexpr std::size_t size() noexcept { return sizeof...(Ms); }

 private:
  boost::hana::tuple<Ms...> metrics_;
  std::array<std::vector<double>, sizeof...(Ms)> values_;
};

/// Builds a metric set; each argument must model aiperf::Metric (said in a sentence, not a
/// page of template errors).
template <class... Ms>
auto make_metric_set(Ms... ms) {
  static_assert(sizeof...(Ms) > 0, "aiperf::make_metric_set: name at least one metric");
  static_assert((Metric<Ms> && ...),
                "aiperf::make_metric_set: every argument must model aiperf::Metric -- provide static constexpr "
                "std::string_view tag, header and unit, and `std::optional<double> compute(aiperf::record_view "
                "const&) const`");
  if constexpr ((Metric<Ms> && ...)) return metric_set<Ms...>(std::move(ms)...);
}

/// The console table of a metric set's summaries.
inline std::string render_metric_table(std::vector<metric_summary> const& ms, std::string_view title) {
  std::vector<std::vector<std::string>> rows;
  for (auto const& m : ms) {
    auto const& d = m.dist;
    rows.push_back({m.header + (m.unit.empty() ? "" : " (" + m.unit + ")"), report::format_number(d.avg),
                    report::format_number(d.min), report::format_number(d.max), report::format_number(d.p[8]),
                    report::format_number(d.p[6]), report::format_number(d.p[4]), report::format_number(d.std)});
  }
  return report::render_table(title, {"Metric", "avg", "min", "max", "p99", "p90", "p50", "std"}, rows);
}

}  // namespace v0
}  // namespace aiperf
