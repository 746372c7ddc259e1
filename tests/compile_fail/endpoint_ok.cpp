// SPDX-License-Identifier: Apache-2.0
// Control for endpoint_missing_on_event.cpp: the same program with on_event() compiles, so the
// compile-fail test fails for the missing member and nothing else.
#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/run.hpp>
#include <aiperf/schedules/concurrency.hpp>

struct good_endpoint {
  static constexpr std::string_view name = "good";
  bool streaming() const { return true; }
  aiperf::encoded_request encode(aiperf::conversation const&, std::size_t) const { return {}; }
  void on_event(std::string_view, aiperf::response_sink&) {}
  void on_body(std::string_view, aiperf::response_sink&) {}
};

int main() {
  auto report = aiperf::run_benchmark(aiperf::schedules::concurrency{}, good_endpoint{}, aiperf::datasets::synthetic{},
                                      aiperf::make_metric_set(aiperf::metrics::ttft{}), aiperf::run_settings{});
  return report ? 0 : 1;
}
