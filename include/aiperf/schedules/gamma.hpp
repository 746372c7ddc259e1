// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/gamma.hpp — open loop, Gamma(shape s, scale 1/(rate·s)) inter-arrival
// times (AIPerf `--arrival-pattern gamma --arrival-smoothness s`; s = 1 is Poisson, s < 1
// burstier, s > 1 smoother; vLLM calls s "burstiness").
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

class gamma {
 public:
  static constexpr std::string_view name = "gamma";
  static constexpr std::string_view description =
      "open loop: gamma inter-arrival times of shape --arrival-smoothness (1 = Poisson)";
  static gamma from_options(schedule_options const& o) {
    return gamma(o.request_rate, o.smoothness.value_or(1.0), o.seed);
  }

  gamma(double rate_per_s, double smoothness, std::uint64_t seed = 0)
      : rate_(rate_per_s), shape_(smoothness), seed_(seed),
        rng_(detail::derive_seed(seed, "timing.request.gamma_interval")) {
    if (!(rate_per_s > 0) || !std::isfinite(rate_per_s))
      throw std::invalid_argument("gamma: request rate must be set and greater than 0");
    if (!(smoothness > 0) || !std::isfinite(smoothness))
      throw std::invalid_argument("gamma: arrival smoothness must be greater than 0");
  }

  std::optional<credit> next() {
    // A superposition of gamma renewal processes is not a gamma process, so shards do not
    // get rate/n streams: every shard draws the one global stream and keeps every n-th
    // arrival.  Exact, and the draws cost nanoseconds.
    for (;;) {
      t_s_ += std::gamma_distribution<double>(shape_, 1.0 / (rate_ * shape_))(rng_);
      if (index_++ % step_ == offset_) return credit{detail::seconds_to_ns(t_s_), -1};
    }
  }

  [[nodiscard]] gamma shard(std::uint32_t i, std::uint32_t n) const {
    gamma g(rate_, shape_, seed_);
    g.offset_ = i;
    g.step_ = n;
    return g;
  }

 private:
  double rate_, shape_;
  std::uint64_t seed_;
  detail::rng rng_;
  double t_s_ = 0;
  std::uint64_t index_ = 0, offset_ = 0, step_ = 1;
};

static_assert(Schedule<gamma>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
