// SPDX-License-Identifier: Apache-2.0
// aiperf/clock.hpp — the one monotonic clock every duration is measured with, and the
// (steady, system) anchor that turns monotonic stamps into epoch nanoseconds for exports.
#pragma once
#include <aiperf/config.hpp>

#include <chrono>
#include <cstdint>
#include <ctime>

namespace aiperf {
inline namespace v0 {

/// Monotonic nanoseconds (CLOCK_MONOTONIC through steady_clock).  All latencies are
/// differences of these values; they are never compared across machines.
inline std::int64_t steady_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// Wall-clock nanoseconds since the Unix epoch.
inline std::int64_t wall_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A (steady, wall) pair taken at the same instant.  Exports convert a steady stamp `s`
/// to epoch ns as `wall + (s - steady)`, so one run never mixes two wall-clock readings
/// (an NTP step during the run cannot reorder records).
struct clock_anchor {
  std::int64_t steady = 0;
  std::int64_t wall = 0;

  static clock_anchor now() noexcept {
    // Bracket the wall reading by two steady readings and take their midpoint: the pair
    // is then accurate to half the bracket (tens of ns), not to one clock call.
    const std::int64_t s0 = steady_ns();
    const std::int64_t w = wall_ns();
    const std::int64_t s1 = steady_ns();
    return {s0 + (s1 - s0) / 2, w};
  }
  [[nodiscard]] std::int64_t to_wall(std::int64_t steady_stamp) const noexcept {
    return wall + (steady_stamp - steady);
  }
};

}  // namespace v0
}  // namespace aiperf
