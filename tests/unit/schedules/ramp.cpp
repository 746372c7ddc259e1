// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/schedules/ramp.hpp: the concurrency ramp's exact step times and
// values (spec load-generation §5.3), how shards share a ramped limit, the rate ramp's 0.1 s
// steps from target·(0.1/D) to exactly target (§5.2), and rate_ramped<S> playing a schedule at
// the ramped rate.
#include "catch.hpp"

#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/poisson.hpp>
#include <aiperf/schedules/ramp.hpp>

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

using namespace aiperf;
using schedules::concurrency_ramp;
using schedules::rate_ramp;
using schedules::rate_ramped;

TEST_CASE("concurrency ramp: value v applies at D·(v−1)/(target−1), from 1 to target", "[schedules][ramp]") {
  const concurrency_ramp r{5, 10'000'000'000};  // 1 -> 5 over 10 s: a step every 2.5 s
  CHECK(r.time_of(1) == 0);
  CHECK(r.time_of(2) == 2'500'000'000);
  CHECK(r.time_of(3) == 5'000'000'000);
  CHECK(r.time_of(4) == 7'500'000'000);
  CHECK(r.time_of(5) == 10'000'000'000);
  CHECK(r.value_at(-1) == 1);
  CHECK(r.value_at(0) == 1);
  CHECK(r.value_at(2'499'999'999) == 1);
  CHECK(r.value_at(2'500'000'000) == 2);
  CHECK(r.value_at(5'000'000'000) == 3);
  CHECK(r.value_at(9'999'999'999) == 4);
  CHECK(r.value_at(10'000'000'000) == 5);
  CHECK(r.value_at(60'000'000'000) == 5);

  const concurrency_ramp thirds{4, 1'000'000'000};  // steps at 1/3 s and 2/3 s (rounded down)
  CHECK(thirds.time_of(2) == 333'333'333);
  CHECK(thirds.time_of(3) == 666'666'666);
  CHECK(thirds.value_at(333'333'332) == 1);
  CHECK(thirds.value_at(333'333'333) == 2);
  CHECK(thirds.value_at(666'666'666) == 3);
  CHECK(thirds.value_at(999'999'999) == 3);
  CHECK(thirds.value_at(1'000'000'000) == 4);

  const concurrency_ramp one{1, 5'000'000'000};  // nothing to ramp
  CHECK(one.value_at(0) == 1);
  CHECK(one.value_at(9'000'000'000) == 1);
  CHECK_FALSE(one.next_change(1, 0, 1).has_value());
}

TEST_CASE("concurrency ramp: value_at is the count of steps due, for any target, duration and time", "[schedules][ramp]") {
  for (std::int64_t target : {2, 3, 7, 64, 1000})
    for (std::int64_t d : {1LL, 999LL, 1'000'000'000LL, 7'777'777'777LL, 3'600'000'000'000LL}) {
      const concurrency_ramp r{target, d};
      for (std::int64_t v = 2; v <= target; ++v) CHECK(r.time_of(v - 1) <= r.time_of(v));
      for (std::int64_t k = 0; k <= 50; ++k) {
        const std::int64_t t = d / 50 * k + (k % 3) - 1;
        std::int64_t due = 0;
        for (std::int64_t v = 1; v <= target; ++v) due += r.time_of(v) <= t ? 1 : 0;
        INFO("target " << target << " duration " << d << " t " << t);
        CHECK(r.value_at(t) == std::max<std::int64_t>(1, due));
      }
    }
}

TEST_CASE("concurrency ramp over shards: each shard follows its share, the shares sum to the value", "[schedules][ramp]") {
  const concurrency_ramp r{7, 6'000'000'000};  // a step every second
  const std::uint32_t n = 3;
  for (std::int64_t v = 1; v <= 7; ++v) {
    std::int64_t sum = 0;
    for (std::uint32_t i = 0; i < n; ++i) sum += shard_share(v, i, n);
    CHECK(sum == v);
  }
  // Value 1: shard 0 has the one slot; shard 1 gets one at value 2, shard 2 at 3, shard 0 at 4 ...
  CHECK(shard_share(1, 0, n) == 1);
  CHECK(shard_share(1, 1, n) == 0);
  CHECK(r.next_change(1, 0, n) == 4);
  CHECK(r.next_change(1, 1, n) == 2);
  CHECK(r.next_change(1, 2, n) == 3);
  CHECK(r.next_change(4, 0, n) == 7);
  CHECK(r.next_change(5, 1, n) == std::nullopt);  // 8 > target: shard 1's share (2) is final
  CHECK(r.next_change(7, 0, n) == std::nullopt);
  // A shard's share grows exactly at the values next_change names.
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::int64_t v = 1; v < 7; ++v) {
      auto w = r.next_change(v, i, n);
      for (std::int64_t u = v + 1; u <= 7; ++u) {
        const bool grows = shard_share(u, i, n) > shard_share(u - 1, i, n);
        if (grows) {
          CHECK(w == u);
          break;
        }
      }
    }
}

TEST_CASE("rate ramp: starts at target·(0.1/D), steps every 0.1 s, target exactly at D", "[schedules][ramp]") {
  const rate_ramp r{.target = 10.0, .duration_ns = 2'000'000'000};
  CHECK(r.start() == Approx(0.5));
  CHECK(r.value_at(0) == Approx(0.5));
  CHECK(r.value_at(99'999'999) == Approx(0.5));           // holds until the next update
  CHECK(r.value_at(100'000'000) == Approx(0.975));        // 0.5 + 9.5 · 0.05
  CHECK(r.value_at(1'000'000'000) == Approx(5.25));       // 0.5 + 9.5 · 0.5
  CHECK(r.value_at(1'999'999'999) == Approx(9.525));      // update 19: 0.5 + 9.5 · 0.95
  CHECK(r.value_at(2'000'000'000) == 10.0);               // exact, not interpolated
  CHECK(r.value_at(50'000'000'000) == 10.0);
  CHECK(r.final_step() == 20);

  // D not a multiple of 0.1 s: the target applies at the first update at or after D (0.3 s).
  const rate_ramp q{.target = 10.0, .duration_ns = 250'000'000};
  CHECK(q.start() == Approx(4.0));
  CHECK(q.final_step() == 3);
  CHECK(q.value_at(100'000'000) == Approx(6.4));
  CHECK(q.value_at(200'000'000) == Approx(8.8));
  CHECK(q.value_at(299'999'999) == Approx(8.8));
  CHECK(q.value_at(300'000'000) == 10.0);
  // Sub-1 rates ramp up too: 0.5 req/s over 10 s starts at 0.005.
  CHECK(rate_ramp{.target = 0.5, .duration_ns = 10'000'000'000}.start() == Approx(0.005));
}

TEST_CASE("rate_ramped: a constant schedule sent at the stepped rate, then at the target", "[schedules][ramp]") {
  // 10 req/s, 1 s ramp: the rate is 1, 1.9, 2.8, ... 9.1 req/s in the ten 0.1 s steps.
  rate_ramped<schedules::constant> s(schedules::constant(10.0), rate_ramp{.target = 10.0, .duration_ns = 1'000'000'000});
  std::vector<std::int64_t> t;
  for (int k = 0; k < 20; ++k) t.push_back(s.next()->offset_ns);
  CHECK(std::is_sorted(t.begin(), t.end()));
  // Arrival 1 (0.1 s of target time) comes when ∫rate/target reaches 0.1: 0.094 by 0.4 s,
  // then at 0.46 of real speed: 0.4 + 0.006/0.46 s.
  CHECK(t[0] == Approx(413'043'478.0).margin(2.0));
  // ∫ over the ramp is 0.505 s of target time: arrivals 1..5 inside it, the 6th 0.095 s after.
  CHECK(t[4] < 1'000'000'000);
  CHECK(t[5] == Approx(1'095'000'000.0).margin(2.0));
  // After the ramp: exactly the target spacing.
  for (std::size_t k = 6; k < t.size(); ++k) CHECK(t[k] - t[k - 1] == Approx(100'000'000.0).margin(2.0));
}

TEST_CASE("rate_ramped: shards together send the whole ramped sequence", "[schedules][ramp]") {
  const rate_ramp ramp{.target = 50.0, .duration_ns = 2'000'000'000};
  rate_ramped<schedules::constant> whole(schedules::constant(50.0), ramp);
  std::vector<std::int64_t> expected;
  for (int k = 0; k < 300; ++k) expected.push_back(whole.next()->offset_ns);
  std::vector<std::int64_t> merged;
  for (std::uint32_t i = 0; i < 3; ++i) {
    auto part = whole.shard(i, 3);
    for (int k = 0; k < 100; ++k) merged.push_back(part.next()->offset_ns);
  }
  std::sort(merged.begin(), merged.end());
  REQUIRE(merged.size() == expected.size());
  for (std::size_t k = 0; k < merged.size(); ++k) CHECK(merged[k] == Approx(static_cast<double>(expected[k])).margin(2.0));
}

TEST_CASE("rate_ramped: Poisson arrivals are sparse early and at full rate after the ramp", "[schedules][ramp]") {
  rate_ramped<schedules::poisson> s(schedules::poisson(1000.0, 3), rate_ramp{.target = 1000.0, .duration_ns = 2'000'000'000});
  std::int64_t first_half_s = 0, ramp_end = 0, after = 0;
  for (;;) {
    const std::int64_t t = s.next()->offset_ns;
    if (t >= 4'000'000'000) break;
    if (t < 500'000'000) ++first_half_s;
    else if (t < 2'000'000'000) ++ramp_end;
    else ++after;
  }
  // Expected: 72.5 in [0, 0.5 s) (∫ of the stepped rate 50, 97.5, 145, 192.5, 240 req/s),
  // 1000 per second after 2 s.
  CHECK(first_half_s > 40);
  CHECK(first_half_s < 110);
  CHECK(after > 1800);
  CHECK(after < 2200);
}

TEST_CASE("rate_ramped: closed-loop credits pass unchanged; bad ramps are refused", "[schedules][ramp]") {
  rate_ramped<schedules::concurrency> s(schedules::concurrency{}, rate_ramp{.target = 5.0, .duration_ns = 1'000'000'000});
  CHECK(s.next()->closed_loop());
  CHECK_THROWS_AS(rate_ramped<schedules::constant>(schedules::constant(1.0), rate_ramp{.target = 1.0, .duration_ns = 0}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rate_ramped<schedules::constant>(schedules::constant(1.0), rate_ramp{.target = 0.0, .duration_ns = 1}),
                  std::invalid_argument);
}

TEST_CASE("rate_ramped: deduces its schedule type (a custom main writes rate_ramped(poisson(...), ramp))", "[schedules][ramp]") {
  auto s = rate_ramped(schedules::constant(10.0), rate_ramp{.target = 10.0, .duration_ns = 1'000'000'000});
  static_assert(std::is_same_v<decltype(s), rate_ramped<schedules::constant>>);
  static_assert(Schedule<decltype(s)>);
  CHECK(s.next()->offset_ns == Approx(413'043'478.0).margin(2.0));
}
