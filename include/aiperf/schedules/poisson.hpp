// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/poisson.hpp — open loop, exponential inter-arrival times (AIPerf
// `--arrival-pattern poisson`).  The first arrival is one interval after the phase start.
#pragma once
#include <aiperf/detail/checked_time.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/schedules/schedule_options.hpp>
#include <aiperf/detail/rng.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <random>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace schedules {

class poisson {
 public:
  static constexpr std::string_view name = "poisson";
  static constexpr std::string_view description = "open loop: exponential inter-arrival times at --request-rate";
  static poisson from_options(schedule_options const& o) { return poisson(o.request_rate, o.seed); }

  /// `rate_per_s` requests per second; `seed` selects the stream (same seed, same arrivals).
  explicit poisson(double rate_per_s, std::uint64_t seed = 0, std::uint64_t stream = 0)
      : rate_(rate_per_s),
        seed_(seed),
        rng_(detail::derive_seed(seed, "timing.request.poisson_interval", stream)) {
    if (!(rate_per_s > 0) || !std::isfinite(rate_per_s))
      throw std::invalid_argument("poisson: request rate must be set and greater than 0");
  }

  std::optional<credit> next() {
    // Exp(λ) in seconds -> ns; accumulate in double so rounding never drifts the mean.
    t_s_ += std::exponential_distribution<double>(rate_)(rng_);
    return credit{detail::seconds_to_ns(t_s_), -1};
  }

  /// Superposition of n independent Poisson(λ/n) processes is exactly Poisson(λ): each
  /// shard gets its own stream (never a jittered grid).
  [[nodiscard]] poisson shard(std::uint32_t i, std::uint32_t n) const {
    return poisson(rate_ / n, seed_, i + 1);
  }
  [[nodiscard]] double rate() const noexcept { return rate_; }

 private:
  double rate_;
  std::uint64_t seed_;
  detail::rng rng_;
  double t_s_ = 0;
};

static_assert(Schedule<poisson>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
