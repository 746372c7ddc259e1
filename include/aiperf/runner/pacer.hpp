// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/pacer.hpp — open-loop pacing helpers (DESIGN §4): the shard's timer wakes a
// little before an absolute deadline, then the shard spins on the monotonic clock to it.
// Timer slack is set to 1 ns so the kernel does not batch our wake-ups (default: 50 µs).
#pragma once
#include <aiperf/clock.hpp>

#include <cstdint>

#if defined(__linux__)
#include <sys/prctl.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace aiperf {
inline namespace v0 {
namespace pacing {

/// How early the timer is asked to fire before a deadline; the rest is spun.
inline constexpr std::int64_t spin_window_ns = 200'000;
/// The last stretch before a deadline that is spun without returning to the event loop.
inline constexpr std::int64_t inline_spin_ns = 2'000;
/// Backlog the pacer may catch up after a stall before it re-anchors (AIPerf main: 10 ms).
inline constexpr std::int64_t max_catchup_ns = 10'000'000;

inline void set_thread_timer_slack() noexcept {
#if defined(__linux__) && defined(PR_SET_TIMERSLACK)
  ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif
}

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

/// Busy-waits until steady_ns() >= deadline; returns the time it observed.
inline std::int64_t spin_until(std::int64_t deadline) noexcept {
  std::int64_t now = steady_ns();
  while (now < deadline) {
    cpu_relax();
    now = steady_ns();
  }
  return now;
}

}  // namespace pacing
}  // namespace v0
}  // namespace aiperf
