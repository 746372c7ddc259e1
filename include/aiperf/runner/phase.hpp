// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/phase.hpp — what a phase (warmup, profiling) is told and what its shards share.
// The only state shards share while running is here, and it is atomics: credit numbering
// (so `--request-count` is exact across shards) and the stop flag.
#pragma once
#include <aiperf/record.hpp>

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>

namespace aiperf {
inline namespace v0 {

/// Stop conditions and limits of one phase (spec load-generation §6).
struct phase_limits {
  benchmark_phase phase = benchmark_phase::profiling;
  std::optional<std::int64_t> concurrency = {};   // sessions in flight, all shards together
  std::optional<std::uint64_t> request_count = {}; // wire requests to send
  std::optional<std::uint64_t> session_count = {}; // sessions to start (started ones finish)
  std::optional<std::int64_t> duration_ns = {};   // stop sending after this long
  std::optional<std::int64_t> grace_ns = {};      // after duration: wait this long, then cancel
  /// Trace replay (fixed_schedule::zero_ms): a later turn that has a timestamp goes at
  /// start + (timestamp - zero) rather than after its delay.  Unset: delays only.
  std::optional<std::int64_t> trace_zero_ms = {};
  /// Requests still waiting for their first token, all shards together (spec §1.3): a request
  /// takes a prefill slot when it is sent and gives it back at its first content or reasoning
  /// chunk (or when it ends).  A request that finds none free waits for one.
  std::optional<std::int64_t> prefill_concurrency = {};
  /// Request cancellation (spec §5.8; profiling only): this percentage of requests, each drawn
  /// independently, is cancelled `cancel_delay_ns` after it was fully written (0: at once).
  double cancel_percent = 0;
  std::int64_t cancel_delay_ns = 0;
  /// Concurrency ramps (spec §5.3, schedules/ramp.hpp): the `concurrency` limit starts at 1 at
  /// the phase start and grows by one at evenly spaced times to its full value at this many ns
  /// after it; the same for `prefill_concurrency`.  Unset (or no such limit): full from the start.
  std::optional<std::int64_t> concurrency_ramp_ns = {};
  std::optional<std::int64_t> prefill_concurrency_ramp_ns = {};
};

/// Shared by the shards of one running phase.
struct phase_shared {
  phase_limits limits;
  std::int64_t start_ns = 0;                         // steady ns; schedule offsets count from here
  std::int64_t send_end_ns = std::numeric_limits<std::int64_t>::max();
  std::int64_t cancel_at_ns = std::numeric_limits<std::int64_t>::max();
  std::uint64_t session_base = 0;                    // sampler continues across phases
  std::atomic<std::uint64_t> next_request{0};
  std::atomic<std::uint64_t> next_session{0};

  /// Claims the next request number, or nullopt once the request count is reached.
  std::optional<std::uint64_t> claim_request() noexcept {
    const std::uint64_t k = next_request.fetch_add(1, std::memory_order_relaxed);
    if (limits.request_count && k >= *limits.request_count) return std::nullopt;
    return k;
  }
  /// Claims the next session number, or nullopt once the session count is reached.
  std::optional<std::uint64_t> claim_session() noexcept {
    const std::uint64_t k = next_session.fetch_add(1, std::memory_order_relaxed);
    if (limits.session_count && k >= *limits.session_count) return std::nullopt;
    return k;
  }
  [[nodiscard]] bool count_reached() const noexcept {
    return limits.request_count &&
           next_request.load(std::memory_order_relaxed) >= *limits.request_count;
  }
};

}  // namespace v0
}  // namespace aiperf
