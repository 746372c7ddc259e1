// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/schedule_options.hpp — what a schedule type is built from when it is chosen
// by name (the driver's `--arrival-pattern`): `S::from_options(schedule_options)`.  A custom
// main usually calls the schedule's constructor instead.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <optional>

namespace aiperf {
inline namespace v0 {
namespace schedules {

struct schedule_options {
  double request_rate = 0;                 // requests/s (open-loop schedules)
  std::optional<double> smoothness = {};   // gamma shape (--arrival-smoothness)
  std::uint64_t seed = 0;                  // --random-seed (derived per phase by the driver)
};

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
