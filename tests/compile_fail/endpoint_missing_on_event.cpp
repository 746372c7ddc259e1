// SPDX-License-Identifier: Apache-2.0
// Must NOT compile: an endpoint without on_event() given to run_benchmark.
#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/run.hpp>
#include <aiperf/schedules/concurrency.hpp>

struct bad_endpoint {
  static constexpr std::string_view name = "bad";
  bool streaming() const { return true; }
  aiperf::encoded_request encode(aiperf::conversation const&, std::size_t) const { return {}; }
  void on_body(std::string_view, aiperf::response_sink&) {}
};

int main() {
  auto report = aiperf::run_benchmark(aiperf::schedules::concurrency{}, bad_endpoint{}, aiperf::datasets::synthetic{},
                                      aiperf::make_metric_set(aiperf::metrics::ttft{}), aiperf::run_settings{});
  return report ? 0 : 1;
}
