// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/constant.hpp — open loop, fixed interval 1/rate (AIPerf `--arrival-pattern
// constant`).  Arrival k (k = 1, 2, ...) is at k/rate after the phase start.
#pragma once
#include <aiperf/detail/checked_time.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/schedules/schedule_options.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace schedules {

class constant {
 public:
  static constexpr std::string_view name = "constant";
  static constexpr std::string_view description = "open loop: one request every 1/rate seconds";
  static constant from_options(schedule_options const& o) { return constant(o.request_rate); }

  explicit constant(double rate_per_s) : rate_(rate_per_s) {
    if (!(rate_per_s > 0) || !std::isfinite(rate_per_s))
      throw std::invalid_argument("constant: request rate must be set and greater than 0");
  }

  std::optional<credit> next() {
    // Absolute times from an integer index: no accumulated floating-point drift.
    const double k = static_cast<double>(first_ + step_ * count_++);
    return credit{detail::saturating_ns(k * 1e9 / rate_), -1};  // --request-rate 1e-10: 100 years, not UB
  }

  /// Interleaved phases: shard i of n sends arrivals i+1, i+1+n, i+1+2n, ... so the shards
  /// together send every arrival exactly once.
  [[nodiscard]] constant shard(std::uint32_t i, std::uint32_t n) const {
    constant c(rate_);
    c.first_ = i + 1;
    c.step_ = n;
    return c;
  }

 private:
  double rate_;
  std::uint64_t first_ = 1, step_ = 1, count_ = 0;
};

static_assert(Schedule<constant>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
