// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/schedules/fixed_schedule.hpp on traces as they come from production:
// out of order, with equal timestamps, starting late (reliability E2 #23).
#include "catch.hpp"

#include <aiperf/schedules/fixed_schedule.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace aiperf;
using schedules::fixed_schedule;

namespace {
/// One single-turn conversation per timestamp, in file order; ids name the file row.
std::vector<conversation> trace(std::vector<std::int64_t> const& timestamps_ms) {
  std::vector<conversation> convs;
  for (std::size_t i = 0; i < timestamps_ms.size(); ++i) {
    conversation c;
    c.id = "row" + std::to_string(i);
    c.turns.push_back(turn{.text = "x", .timestamp_ms = timestamps_ms[i]});
    convs.push_back(std::move(c));
  }
  return convs;
}

/// (offset ms, conversation) in the order the schedule sends them.
std::vector<std::pair<std::int64_t, std::int64_t>> sends(fixed_schedule s) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  while (auto c = s.next()) out.emplace_back(c->offset_ns / 1'000'000, c->conversation);
  return out;
}
using sent = std::vector<std::pair<std::int64_t, std::int64_t>>;
}  // namespace

TEST_CASE("fixed_schedule: an unsorted trace is sent in timestamp order, equal times in file order", "[schedules][fixed]") {
  const auto convs = trace({3000, 1000, 2000, 1000, 3000, 1500});
  const auto bound = fixed_schedule({.auto_offset = true}).bind(convs);
  CHECK(bound.zero_ms() == 1000);  // auto-offset takes the earliest time, not the first row's
  CHECK(bound.size() == 6);
  CHECK(sends(bound) == sent{{0, 1}, {0, 3}, {500, 5}, {1000, 2}, {2000, 0}, {2000, 4}});
}

TEST_CASE("fixed_schedule: without auto-offset time zero is 0 or --fixed-schedule-start-offset", "[schedules][fixed]") {
  const auto convs = trace({3000, 1000, 2000});
  CHECK(sends(fixed_schedule().bind(convs)) == sent{{1000, 1}, {2000, 2}, {3000, 0}});
  // Rows before the start offset go at once (offset clamped to 0), still in timestamp order.
  CHECK(sends(fixed_schedule({.start_offset_ms = 2000}).bind(convs)) == sent{{0, 1}, {0, 2}, {1000, 0}});
}

TEST_CASE("fixed_schedule: shards of an unsorted trace together send every row once, in order", "[schedules][fixed]") {
  const auto convs = trace({50, 10, 40, 10, 30, 20, 10});
  const auto bound = fixed_schedule({.auto_offset = true}).bind(convs);
  sent all;
  for (std::uint32_t i = 0; i < 3; ++i) {
    const auto part = sends(bound.shard(i, 3));
    for (std::size_t k = 1; k < part.size(); ++k) CHECK(part[k - 1].first <= part[k].first);
    all.insert(all.end(), part.begin(), part.end());
  }
  std::sort(all.begin(), all.end());
  CHECK(all == sent{{0, 1}, {0, 3}, {0, 6}, {10, 5}, {20, 4}, {30, 2}, {40, 0}});
}

TEST_CASE("fixed_schedule: a first turn without a timestamp is refused with the spec's message", "[schedules][fixed]") {
  auto convs = trace({1000, 2000});
  convs[1].turns[0].timestamp_ms = -1;
  CHECK_THROWS_WITH(fixed_schedule().bind(convs), "First turn of row1 missing timestamp_ms");
  CHECK_THROWS_WITH(fixed_schedule().bind({}), "No conversations with valid first-turn timestamps found");
}
