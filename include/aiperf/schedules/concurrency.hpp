// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/concurrency.hpp — closed loop: every credit is "as soon as a slot is free".
// The number of slots is the run's concurrency; this schedule only says "never wait for time".
#pragma once
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/schedules/schedule_options.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace schedules {

struct concurrency {
  static constexpr std::string_view name = "concurrency_burst";
  static constexpr std::string_view description = "closed loop: the next request as soon as a concurrency slot is free";
  static concurrency from_options(schedule_options const&) noexcept { return {}; }

  std::optional<credit> next() noexcept { return credit{}; }
  [[nodiscard]] concurrency shard(std::uint32_t, std::uint32_t) const noexcept { return *this; }
};

static_assert(Schedule<concurrency>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
