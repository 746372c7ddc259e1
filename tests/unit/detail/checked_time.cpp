// SPDX-License-Identifier: Apache-2.0
// Tests for aiperf/detail/checked_time.hpp: seconds -> int64 ns never overflows (issue #12 item 3).
#include <aiperf/detail/checked_time.hpp>

#include "catch.hpp"

#include <cstdint>
#include <limits>

namespace d = aiperf::detail;

TEST_CASE("checked_time: ordinary values convert exactly", "[detail][time]") {
  CHECK(d::seconds_to_ns(0) == 0);
  CHECK(d::seconds_to_ns(1.5) == 1'500'000'000);
  CHECK(d::seconds_to_ns(21600) == 21'600'000'000'000);  // the default request timeout
  CHECK(d::seconds_to_ns(0.1 * 3) == 300'000'000);        // rounded, not truncated to ...299
  CHECK(d::seconds_to_ns(-2) == -2'000'000'000);
  CHECK(d::milliseconds_to_ns(1500) == 1'500'000'000);
  CHECK(d::saturating_ns(1e9 * 3 / 10) == 300'000'000);
}

TEST_CASE("checked_time: huge, infinite and NaN values saturate instead of wrapping", "[detail][time]") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  // 1e10 s is 1e19 ns, past INT64_MAX: a static_cast made it negative (a timeout that fired at once).
  CHECK(d::seconds_to_ns(1e10) == d::max_duration_ns);
  CHECK(d::seconds_to_ns(1e300) == d::max_duration_ns);
  CHECK(d::seconds_to_ns(inf) == d::max_duration_ns);
  CHECK(d::seconds_to_ns(-1e10) == -d::max_duration_ns);
  CHECK(d::seconds_to_ns(-inf) == -d::max_duration_ns);
  CHECK(d::seconds_to_ns(std::numeric_limits<double>::quiet_NaN()) == 0);
  CHECK(d::seconds_to_ns(d::max_duration_s) == d::max_duration_ns);
  CHECK(d::seconds_to_ns(d::max_duration_s - 1) == d::max_duration_ns - 1'000'000'000);
  CHECK(d::milliseconds_to_ns(std::numeric_limits<std::int64_t>::max()) == d::max_duration_ns);
  CHECK(d::milliseconds_to_ns(std::numeric_limits<std::int64_t>::min()) == -d::max_duration_ns);
  // A steady reading plus a saturated duration plus a saturated grace period still fits.
  CHECK(d::max_duration_ns <= (std::numeric_limits<std::int64_t>::max() - 1'000'000'000'000'000'000) / 2);
  static_assert(d::seconds_to_ns(2.0) == 2'000'000'000);
}
