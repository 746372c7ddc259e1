// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/schedules/user_centric.hpp: spec §5.5's steady-state start (the
// source's worked example), replacements on an absolute timetable, and shards that together
// issue every user once.
#include "catch.hpp"

#include <aiperf/schedules/user_centric.hpp>

#include <algorithm>
#include <set>
#include <vector>

using namespace aiperf;

namespace {
std::vector<conversation> with_turns(std::size_t n, std::size_t turns) {
  std::vector<conversation> convs(n);
  for (auto& c : convs) c.turns.resize(turns);
  return convs;
}
}  // namespace

TEST_CASE("user_centric: U=15, T=20, Q=1 starts 15 users over one turn gap with 2..18 turns left", "[schedules]") {
  auto s = schedules::user_centric({.qps = 1.0, .users = 15}).bind(with_turns(4, 20));
  CHECK(s.turns() == 20);
  CHECK(s.gap_ns() == 15'000'000'000);
  CHECK(s.stagger_ns() == 1'000'000'000);
  std::vector<credit> first;
  for (int i = 0; i < 15; ++i) first.push_back(*s.next());
  // The fresh user (id 16: user 1 finished before the start) fires at 0 with its whole
  // conversation; the others at 1 s .. 14 s, each with the turns left of its 19 gaps.
  std::set<std::int64_t> times, ids;
  std::multiset<std::int64_t> budgets;
  for (auto const& c : first) {
    times.insert(c.offset_ns);
    ids.insert(c.user_id);
    if (c.offset_ns > 0) budgets.insert(c.max_turns);
    CHECK(c.turn_gap_ns == 15'000'000'000);
    CHECK(c.conversation == -1);
  }
  CHECK(first.front().offset_ns == 0);
  CHECK(first.front().user_id == 16);
  CHECK(first.front().max_turns == 0);
  CHECK(times.size() == 15);
  CHECK(*times.rbegin() == 14'000'000'000);
  CHECK(ids == std::set<std::int64_t>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  CHECK(*budgets.begin() == 2);
  CHECK(*budgets.rbegin() == 18);
  for (std::size_t i = 1; i < first.size(); ++i) CHECK(first[i].offset_ns >= first[i - 1].offset_ns);
  // The first replacement: user 17, when the user with the fewest turns left (2, fired at t) is
  // done: t + 2 gaps.
  auto const shortest = *std::find_if(first.begin(), first.end(), [](auto const& c) { return c.max_turns == 2; });
  const credit next = *s.next();
  CHECK(next.user_id == 17);
  CHECK(next.max_turns == 0);
  CHECK(next.offset_ns == shortest.offset_ns + 2 * 15'000'000'000);
}

TEST_CASE("user_centric: shards issue every user of the one timetable exactly once", "[schedules]") {
  const auto whole = schedules::user_centric({.qps = 4.0, .users = 6}).bind(with_turns(3, 3));
  std::vector<std::int64_t> all;
  auto w = whole;
  for (int i = 0; i < 60; ++i) all.push_back(w.next()->user_id);
  std::vector<std::int64_t> split;
  for (std::uint32_t i = 0; i < 3; ++i) {
    auto part = whole.shard(i, 3);
    for (int k = 0; k < 20; ++k) split.push_back(part.next()->user_id);
  }
  std::sort(all.begin(), all.end());
  std::sort(split.begin(), split.end());
  CHECK(all == split);
  CHECK(std::set<std::int64_t>(all.begin(), all.end()).size() == all.size());  // no user twice
}

TEST_CASE("user_centric: bad rates name the spec's errors; unbound sends nothing", "[schedules]") {
  CHECK_THROWS_WITH(schedules::user_centric({.qps = 0, .users = 2}),
                    "request_rate must be set and positive for user-centric rate mode");
  CHECK_THROWS_WITH(schedules::user_centric({.qps = 1, .users = 0}),
                    "num_users must be set and non-zero for user-centric rate mode");
  schedules::user_centric unbound({.qps = 1, .users = 2});
  CHECK_FALSE(unbound.next().has_value());
}
