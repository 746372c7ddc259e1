// SPDX-License-Identifier: Apache-2.0
// Control for the compile-fail harness: this one compiles, so its "must fail" test must fail.
#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/schedules/poisson.hpp>

int main() {
  aiperf::any_schedule s = aiperf::schedules::poisson(1.0);
  return s.next() ? 0 : 1;
}
