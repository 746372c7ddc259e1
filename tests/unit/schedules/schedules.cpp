// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/schedules/*.hpp: the schedule laws (same seed -> same sequence,
// offsets non-decreasing, shards together make the whole) and each arrival law's moments.
#include "catch.hpp"

#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/gamma.hpp>
#include <aiperf/schedules/poisson.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace aiperf;

namespace {
template <class S>
std::vector<std::int64_t> offsets(S s, std::size_t n) {
  std::vector<std::int64_t> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(s.next()->offset_ns);
  return v;
}
}  // namespace

TEMPLATE_TEST_CASE("open-loop schedule laws", "[schedules]", schedules::poisson, schedules::gamma) {
  auto make = [](std::uint64_t seed) {
    if constexpr (std::is_same_v<TestType, schedules::poisson>) return TestType(100.0, seed);
    else return TestType(100.0, 0.5, seed);
  };
  auto a = offsets(make(7), 2000);
  CHECK(a == offsets(make(7), 2000));
  CHECK(a != offsets(make(8), 2000));
  CHECK(std::is_sorted(a.begin(), a.end()));
  CHECK(a.front() > 0);  // first arrival is one interval after the start
  // 2000 arrivals at 100/s: mean gap 10 ms within 10% (law of large numbers, fixed seed).
  CHECK(std::abs(static_cast<double>(a.back()) / 2000 - 1e7) < 1e6);
}

TEST_CASE("poisson shards are independent streams at rate/n", "[schedules]") {
  schedules::poisson p(1000.0, 3);
  auto s0 = p.shard(0, 4), s1 = p.shard(1, 4);
  CHECK(s0.rate() == 250.0);
  auto a = offsets(s0, 5000), b = offsets(s1, 5000);
  CHECK(a != b);
  CHECK(std::abs(static_cast<double>(a.back()) / 5000 - 4e6) < 4e5);  // mean gap 4 ms
}

TEST_CASE("constant arrivals are exact and shards interleave", "[schedules]") {
  schedules::constant c(4.0);
  CHECK(offsets(c, 3) == std::vector<std::int64_t>{250'000'000, 500'000'000, 750'000'000});
  std::vector<std::int64_t> merged;
  for (std::uint32_t i = 0; i < 3; ++i) {
    auto part = offsets(c.shard(i, 3), 4);
    merged.insert(merged.end(), part.begin(), part.end());
  }
  std::sort(merged.begin(), merged.end());
  CHECK(merged == offsets(schedules::constant(4.0), 12));
}

TEST_CASE("gamma shards partition one global stream", "[schedules]") {
  schedules::gamma g(50.0, 2.0, 11);
  std::vector<std::int64_t> merged;
  for (std::uint32_t i = 0; i < 2; ++i) {
    auto part = offsets(g.shard(i, 2), 50);
    merged.insert(merged.end(), part.begin(), part.end());
  }
  std::sort(merged.begin(), merged.end());
  CHECK(merged == offsets(schedules::gamma(50.0, 2.0, 11), 100));
}

TEST_CASE("concurrency schedule is closed loop", "[schedules]") {
  schedules::concurrency c;
  CHECK(c.next()->closed_loop());
  CHECK_THROWS(schedules::poisson(0.0));
  CHECK_THROWS(schedules::constant(-1.0));
  CHECK_THROWS(schedules::gamma(1.0, 0.0));
}

TEST_CASE("a tiny request rate saturates at the longest duration instead of wrapping (issue 12)", "[schedules]") {
  // --request-rate 1e-10: the first arrival is 1e10 s away, past int64 nanoseconds.  It must
  // stay in the future (the run then waits or ends on its other limit), never become t=0.
  for (auto const t : offsets(schedules::constant(1e-10), 3)) CHECK(t == aiperf::detail::max_duration_ns);
  std::int64_t last = 0;
  for (auto const t : offsets(schedules::poisson(1e-10, 7), 3)) {
    CHECK(t > 0);
    CHECK(t >= last);
    last = t;
  }
  for (auto const t : offsets(schedules::gamma(1e-10, 1.0, 7), 3)) CHECK(t > 0);
}
