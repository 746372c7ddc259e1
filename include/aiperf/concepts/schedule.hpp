// SPDX-License-Identifier: Apache-2.0
// aiperf/concepts/schedule.hpp — the Schedule concept: WHEN requests are issued.
//
// Customization points:
//   std::optional<credit> next();              -- required: the next credit, or nullopt when the
//                                                 schedule has nothing more to send
//   S shard(std::uint32_t i, std::uint32_t n) const;
//                                              -- required: the part of this schedule that shard
//                                                 i of n runs; the n parts together must be the
//                                                 whole (Poisson(λ) -> n × Poisson(λ/n), constant
//                                                 rate -> interleaved phases, trace -> partition)
//
// Optional:
//   S bind(std::span<const conversation>) const;
//                                              -- a schedule whose times come from the dataset
//                                                 (trace replay): the run calls it with the built
//                                                 conversations before the first next()
//   std::int64_t zero_ms() const;              -- with bind(): the dataset time that is the
//                                                 phase start (later turns' timestamps map to it)
//
// Credits carry absolute offsets from the phase start, never gaps, so pacing error does not
// accumulate.  `credit::asap` is the closed-loop credit: "send as soon as a concurrency slot
// is free" (the concurrency cap itself is a run option, not part of the schedule).
// Stop conditions (request count, duration + grace) and warmup are phases around a schedule.
#pragma once
#include <aiperf/config.hpp>

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>

namespace aiperf {
inline namespace v0 {

/// Permission to send one request.
struct credit {
  static constexpr std::int64_t asap = std::numeric_limits<std::int64_t>::min();

  std::int64_t offset_ns = asap;  // intended send time, ns after the phase start; or asap
  std::int64_t conversation = -1; // dataset conversation to use; -1 lets the dataset sampler pick
  /// A paced session (user-centric rate, spec §5.5): the session sends at most `max_turns` turns
  /// (0: all of its conversation), each `turn_gap_ns` after the previous one was due or as soon
  /// as it was answered if later, and is named `user_id` (its correlation id; -1: a new UUID).
  std::int64_t max_turns = 0;
  std::int64_t turn_gap_ns = 0;
  std::int64_t user_id = -1;
  /// An open-loop credit that finds every concurrency slot taken waits for one and is sent late
  /// against its intended time (trace replay and user-centric rate: the cap delays sends, spec
  /// §5.4-§5.5).  Otherwise it is dropped (request rate's sleep-then-gate, spec §5.2).
  bool wait_for_slot = false;

  [[nodiscard]] constexpr bool closed_loop() const noexcept { return offset_ns == asap; }
};

template <class S>
concept Schedule = std::copy_constructible<S> && requires(S& s, S const& cs, std::uint32_t i) {
  { s.next() } -> std::same_as<std::optional<credit>>;
  { cs.shard(i, i) } -> std::convertible_to<S>;
};

}  // namespace v0
}  // namespace aiperf
