// SPDX-License-Identifier: Apache-2.0
// Must NOT compile: an endpoint without on_event() given to the benchmark runner.
#include <aiperf/runner/benchmark.hpp>

struct bad_endpoint {
  static constexpr std::string_view name = "bad";
  bool streaming() const { return true; }
  aiperf::encoded_request encode(aiperf::conversation const&, std::size_t) const { return {}; }
  void on_body(std::string_view, aiperf::response_sink&) {}
};

int main() {
  return sizeof(aiperf::benchmark<bad_endpoint>) > 0 ? 0 : 1;
}
