// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/checked_time.hpp — the one conversion of a user's (or a schedule's) seconds into
// int64 nanoseconds (issue #12 item 3).  A double above 2^63 ns (292 years) converted with
// static_cast is undefined behaviour, and in practice wraps to a negative time: a 1e10 s timeout
// fired at once, a 1e10 s duration ended before it began.  Every seconds -> ns conversion in the
// tree goes through seconds_to_ns, which saturates at max_duration_ns.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// The longest duration the client represents: 100 years.  Far below INT64_MAX ns (292 years),
/// so a steady-clock reading plus a saturated duration plus a saturated grace period still fits.
inline constexpr double max_duration_s = 100.0 * 365.25 * 86400.0;  // 3,155,760,000 s
inline constexpr std::int64_t max_duration_ns = 3'155'760'000'000'000'000;

/// A count of nanoseconds held in a double, as int64: rounded to nearest, saturated to
/// [-max_duration_ns, max_duration_ns]; NaN is 0.
constexpr std::int64_t saturating_ns(double ns) noexcept {
  constexpr double limit = static_cast<double>(max_duration_ns);
  if (!(ns == ns)) return 0;  // NaN (constexpr-friendly isnan)
  if (ns >= limit) return max_duration_ns;
  if (ns <= -limit) return -max_duration_ns;
  return static_cast<std::int64_t>(ns < 0 ? ns - 0.5 : ns + 0.5);  // |ns| < 3.2e18: exact enough, defined
}

/// `seconds` in nanoseconds, saturated the same way.
constexpr std::int64_t seconds_to_ns(double seconds) noexcept { return saturating_ns(seconds * 1e9); }

/// Whole milliseconds (a trace's timestamps and delays) in nanoseconds, saturated the same way:
/// `ms * 1'000'000` overflows int64 from 9.2e12 ms on, which a hostile trace row can hold.
constexpr std::int64_t milliseconds_to_ns(std::int64_t ms) noexcept {
  constexpr std::int64_t limit_ms = max_duration_ns / 1'000'000;
  return ms >= limit_ms ? max_duration_ns : ms <= -limit_ms ? -max_duration_ns : ms * 1'000'000;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
