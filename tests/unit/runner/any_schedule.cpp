// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/any_schedule.hpp: the driver's type-erased Schedule keeps the
// wrapped schedule's sequence, its position when copied, and its sharding.
#include "catch.hpp"

#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/poisson.hpp>

using namespace aiperf;

TEST_CASE("any_schedule erases a schedule and its sharding", "[runner][schedule]") {
  any_schedule s = schedules::constant(10.0);
  CHECK(s.next()->offset_ns == 100'000'000);
  any_schedule copy = s;  // copies carry their position
  CHECK(copy.next()->offset_ns == 200'000'000);
  CHECK(s.next()->offset_ns == 200'000'000);
  any_schedule part = schedules::constant(10.0);
  auto sh = part.shard(1, 2);
  CHECK(sh.next()->offset_ns == 200'000'000);
  CHECK(sh.next()->offset_ns == 400'000'000);
}

TEST_CASE("any_schedule gives the wrapped schedule's sequence and shards", "[runner][schedule]") {
  any_schedule erased = schedules::poisson(50.0, 9);
  schedules::poisson direct(50.0, 9);
  for (int i = 0; i < 100; ++i) CHECK(erased.next()->offset_ns == direct.next()->offset_ns);
  any_schedule shard = any_schedule(schedules::poisson(50.0, 9)).shard(2, 3);
  schedules::poisson direct_shard = schedules::poisson(50.0, 9).shard(2, 3);
  for (int i = 0; i < 100; ++i) CHECK(shard.next()->offset_ns == direct_shard.next()->offset_ns);
  any_schedule closed = schedules::concurrency{};
  CHECK(closed.next()->closed_loop());
  any_schedule assigned = schedules::constant(1.0);
  assigned = closed;
  CHECK(assigned.next()->closed_loop());
}
