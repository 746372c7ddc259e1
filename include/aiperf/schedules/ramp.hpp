// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/ramp.hpp — the load ramps of spec load-generation §5.2/§5.3/§5.6, as pure
// value-at-time functions plus one schedule adaptor:
//
//   concurrency_ramp  `--concurrency-ramp-duration D` / `--prefill-concurrency-ramp-duration D`:
//                     a discrete linear ramp of a concurrency limit from 1 to `target`; value v
//                     applies from t = D·(v−1)/(target−1) on (so 1 at the start, target at D).
//                     shard_share() splits a value over the shards as the runner splits a
//                     fixed limit, and next_change() says when shard i's share next grows.
//   rate_ramp         `--request-rate-ramp-duration D`: a continuous linear ramp of the request
//                     rate, updated every 0.1 s (AIPERF_TIMING_RATE_RAMP_UPDATE_INTERVAL): at
//                     update k (t = 0.1·k) the rate is start + (target − start)·(0.1·k / D) with
//                     start = target·(0.1 / D), and exactly `target` from the first update at or
//                     after D.  Between updates the rate holds.
//   rate_ramped<S>    any open-loop Schedule S built at the target rate, played at the ramped
//                     rate: its time runs at rate(t)/target of real time, so arrival k is sent
//                     when the integral of the stepped rate reaches k (a nonhomogeneous process
//                     of the same shape: Poisson stays Poisson, constant stays evenly spaced at
//                     each step's rate).  Each 0.1 s step applies at once, to the wait in
//                     progress too.  Closed-loop credits pass unchanged.  Sharding commutes:
//                     rate_ramped(S).shard(i, n) == rate_ramped(S.shard(i, n)).
//
// The runner applies concurrency ramps itself (phase_limits::concurrency_ramp_ns and
// prefill_concurrency_ramp_ns); a custom main wraps its schedule in rate_ramped to ramp a rate.
#pragma once
#include <aiperf/concepts/schedule.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>

namespace aiperf {
inline namespace v0 {

/// Shard i's share of a limit of `total` over n shards: as even as possible, the first
/// `total % n` shards one more.  Together the n shares are `total`.
[[nodiscard]] constexpr std::int64_t shard_share(std::int64_t total, std::uint32_t i, std::uint32_t n) noexcept {
  if (n == 0) n = 1;
  return total / n + (static_cast<std::int64_t>(i) < total % n ? 1 : 0);
}

namespace schedules {

/// Rate ramps update every 100 ms (AIPERF_TIMING_RATE_RAMP_UPDATE_INTERVAL = 0.1 s).
inline constexpr std::int64_t rate_ramp_update_ns = 100'000'000;

/// A concurrency limit ramped 1 -> target over duration_ns in +1 steps at evenly spaced times.
struct concurrency_ramp {
  std::int64_t target = 1;
  std::int64_t duration_ns = 0;

  /// When value v (1 <= v <= target) applies, ns after the phase start: D·(v−1)/(target−1),
  /// rounded down.  0 for v <= 1; duration_ns for v >= target.
  [[nodiscard]] constexpr std::int64_t time_of(std::int64_t v) const noexcept {
    if (v <= 1 || target <= 1) return 0;
    if (v >= target) return duration_ns;
    // floor(D·(v−1)/(T−1)) without overflow: D = q·(T−1) + r.
    const std::int64_t steps = target - 1, q = duration_ns / steps, r = duration_ns % steps;
    return q * (v - 1) + r * (v - 1) / steps;
  }

  /// The limit at `elapsed_ns` after the phase start: the largest v with time_of(v) <= elapsed.
  [[nodiscard]] constexpr std::int64_t value_at(std::int64_t elapsed_ns) const noexcept {
    if (target <= 1 || elapsed_ns < 0) return 1;
    if (elapsed_ns >= duration_ns) return target;
    const double estimate = static_cast<double>(elapsed_ns) / static_cast<double>(duration_ns) * static_cast<double>(target - 1);
    std::int64_t v = std::clamp<std::int64_t>(1 + static_cast<std::int64_t>(estimate), 1, target);
    while (v < target && time_of(v + 1) <= elapsed_ns) ++v;
    while (v > 1 && time_of(v) > elapsed_ns) --v;
    return v;
  }

  /// The next total value after `v` at which shard i of n gets one more slot (its share of a
  /// value grows exactly when (value − 1) % n == i), or nullopt when its share is final.
  [[nodiscard]] constexpr std::optional<std::int64_t> next_change(std::int64_t v, std::uint32_t i,
                                                                  std::uint32_t n) const noexcept {
    if (n == 0) n = 1;
    const std::int64_t nn = n, ii = i;
    // Smallest w > v with (w − 1) mod n == i.
    std::int64_t w = v + 1;
    w += ((ii - (w - 1)) % nn + nn) % nn;
    if (w > target) return std::nullopt;
    return w;
  }
};

/// A request rate ramped from target·(update/D) to target over duration_ns, updated every
/// `update_ns` (spec §5.2: linear continuous ramp; target exactly once elapsed >= D).
struct rate_ramp {
  double target = 1.0;                       // requests/s at the end of the ramp
  std::int64_t duration_ns = 0;              // D
  std::int64_t update_ns = rate_ramp_update_ns;

  /// The starting rate, target·(update/D).
  [[nodiscard]] double start() const noexcept {
    return target * (static_cast<double>(update_ns) / static_cast<double>(duration_ns));
  }
  /// Index of the first update at which the target applies: the first k with k·update >= D.
  [[nodiscard]] std::int64_t final_step() const noexcept { return (duration_ns + update_ns - 1) / update_ns; }
  /// The rate set by update k (k = 0 at the phase start).
  [[nodiscard]] double value_at_step(std::int64_t k) const noexcept {
    if (k >= final_step()) return target;
    const double s = start();
    return s + (target - s) * (static_cast<double>(std::max<std::int64_t>(k, 0) * update_ns) / static_cast<double>(duration_ns));
  }
  /// The rate in force `elapsed_ns` after the phase start (the last update's value).
  [[nodiscard]] double value_at(std::int64_t elapsed_ns) const noexcept {
    return value_at_step(elapsed_ns <= 0 ? 0 : elapsed_ns / update_ns);
  }
};

/// Schedule S (built at the ramp's target rate) played at the ramped rate.  See the header.
template <Schedule S>
class rate_ramped {
 public:
  rate_ramped(S inner, rate_ramp ramp) : inner_(std::move(inner)), ramp_(ramp) {
    if (!(ramp.target > 0) || !std::isfinite(ramp.target))
      throw std::invalid_argument("rate ramp: the target rate must be greater than 0");
    if (ramp.duration_ns <= 0) throw std::invalid_argument("rate ramp: the duration must be greater than 0");
    if (ramp.update_ns <= 0) throw std::invalid_argument("rate ramp: the update interval must be greater than 0");
  }

  std::optional<credit> next() {
    std::optional<credit> c = inner_.next();
    if (c && !c->closed_loop()) c->offset_ns = real_time_of(c->offset_ns);
    return c;
  }

  [[nodiscard]] rate_ramped shard(std::uint32_t i, std::uint32_t n) const {
    return rate_ramped(S(inner_.shard(i, n)), ramp_);
  }

  [[nodiscard]] rate_ramp const& ramp() const noexcept { return ramp_; }

  /// The real time (ns after the phase start) at which the inner schedule's time `tau_ns` is
  /// reached: the t where ∫₀ᵗ rate(u)/target du = tau.  Calls must not go backwards in tau
  /// (a schedule's offsets do not); the walk over the 0.1 s steps is amortised O(1).
  [[nodiscard]] std::int64_t real_time_of(std::int64_t tau_ns) {
    const double tau = static_cast<double>(std::max<std::int64_t>(tau_ns, 0));
    const double h = static_cast<double>(ramp_.update_ns);
    const std::int64_t last = ramp_.final_step();
    while (step_ < last) {
      const double f = ramp_.value_at_step(step_) / ramp_.target;
      if (warped_ + f * h > tau) break;
      warped_ += f * h;
      ++step_;
    }
    const double f = ramp_.value_at_step(step_) / ramp_.target;
    return static_cast<std::int64_t>(std::llround(static_cast<double>(step_) * h + (tau - warped_) / f));
  }

 private:
  S inner_;
  rate_ramp ramp_;
  std::int64_t step_ = 0;   // the update step the last arrival fell in
  double warped_ = 0;       // inner time elapsed at the start of that step (ns)
};

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
