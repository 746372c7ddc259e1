// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/metric_set.hpp — a compile-time list of Metrics (a Boost.Hana tuple).  A program
// pays only for the metrics it names: the set computes the standard values those metrics need
// (their `needs`, closed over dependencies) and nothing else, and evaluates each metric with
// hana::for_each.  The results pipeline sees the set through one type-erased evaluator
// (results/metric_descriptor.hpp), so user-defined metrics reach every artifact.
#pragma once
#include <aiperf/concepts/metric.hpp>
#include <aiperf/metrics/standard_values.hpp>
#include <aiperf/results/metric_descriptor.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

template <class... Ms>
class metric_set {
  static_assert(sizeof...(Ms) > 0, "aiperf::metric_set: name at least one metric");

 public:
  /// The standard values the set's metrics read, with everything those depend on.
  static constexpr metrics::value_mask needs = metrics::with_dependencies((metrics::metric_traits<Ms>::needs | ...));

  metric_set() = default;
  explicit metric_set(Ms... ms) : metrics_(std::move(ms)...) {}

  static constexpr std::size_t size() noexcept { return sizeof...(Ms); }

  /// Whether evaluating the set counts output tokens with the run's tokenizer.
  static constexpr bool needs_tokenizer(bool use_server_token_count) noexcept {
    return metrics::needs_output_tokenization(needs, use_server_token_count);
  }

  /// What each metric is called and how it is shown, in the order named.
  [[nodiscard]] std::vector<results::metric_descriptor> descriptors() const {
    return {describe<Ms>()...};
  }

  /// Evaluates every metric on one record whose standard values are in `view` (see
  /// results::record_evaluator for the layout of `scalars` and `lists`).
  void evaluate(record_view const& view, double* scalars, std::vector<double>* lists) const {
    std::size_t i = 0;
    boost::hana::for_each(metrics_, [&](auto const& m) {
      using M = std::remove_cvref_t<decltype(m)>;
      if constexpr (metrics::metric_traits<M>::list) {
        lists[i].clear();
        m.compute(view, lists[i]);
      } else {
        const std::optional<double> v = m.compute(view);
        scalars[i] = v ? *v : std::numeric_limits<double>::quiet_NaN();
      }
      ++i;
    });
  }

  /// The set erased for the results pipeline: standard values first (only those needed), then
  /// every metric.  `count` counts output tokens; it is used only when needs_tokenizer() holds.
  [[nodiscard]] results::record_evaluator evaluator(metrics::value_settings settings,
                                                    metrics::token_counter count = {}) const {
    results::record_evaluator e;
    e.metrics = descriptors();
    e.evaluate = [set = *this, settings, count = std::move(count)](request_record const& r, double* scalars,
                                                                  std::vector<double>* lists) {
      const metrics::standard_values values =
          metrics::compute_standard_values(r, needs, settings, count ? &count : nullptr);
      set.evaluate(record_view{r, values}, scalars, lists);
    };
    return e;
  }

 private:
  template <class M>
  static results::metric_descriptor describe() {
    using traits = metrics::metric_traits<M>;
    return {std::string(M::tag), std::string(M::header), std::string(M::unit), traits::flags,
            traits::display_order, traits::integer,  traits::list, traits::scale};
  }

  boost::hana::tuple<Ms...> metrics_;
};

/// Builds a metric set; each argument must model aiperf::Metric (said in a sentence, not a
/// page of template errors).
template <class... Ms>
auto make_metric_set(Ms... ms) {
  static_assert(sizeof...(Ms) > 0, "aiperf::make_metric_set: name at least one metric");
  static_assert((Metric<Ms> && ...),
                "aiperf::make_metric_set: every argument must model aiperf::Metric -- provide static constexpr "
                "std::string_view tag, header and unit, and `std::optional<double> compute(aiperf::record_view "
                "const&) const` (or, for a list metric, `void compute(aiperf::record_view const&, "
                "std::vector<double>&) const`)");
  if constexpr ((Metric<Ms> && ...)) return metric_set<Ms...>(std::move(ms)...);
}

}  // namespace v0
}  // namespace aiperf
