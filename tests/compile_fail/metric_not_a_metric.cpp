// SPDX-License-Identifier: Apache-2.0
// Must NOT compile: a "metric" whose compute() returns int, given to make_metric_set.
#include <aiperf/metrics/metric_set.hpp>

struct bad_metric {
  static constexpr std::string_view tag = "bad", header = "Bad", unit = "x";
  int compute(aiperf::record_view const&) const { return 0; }
};

int main() { (void)aiperf::make_metric_set(bad_metric{}); }
