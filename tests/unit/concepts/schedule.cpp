// SPDX-License-Identifier: Apache-2.0
// The Schedule concept (include/aiperf/concepts/schedule.hpp): which types model it, and the laws
// every schedule keeps, checked on each built-in schedule and on any_schedule wrapping one:
//   - the same seed gives the same sequence (and another seed another, for random schedules);
//   - a copy carries the position and state, and advancing one copy never moves another;
//   - offsets are non-negative and non-decreasing (open loop), or every credit is closed loop;
//   - the n shards of a schedule together are the whole: exactly for constant and gamma (the
//     shards' first K offsets are, as a multiset, the whole's first K*n), in distribution for
//     Poisson (independent Poisson(λ/n) streams whose superposition is Poisson(λ)).
#include "catch.hpp"

#include "archetypes.hpp"

#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/gamma.hpp>
#include <aiperf/schedules/poisson.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

using namespace aiperf;

// ---- which types are Schedules ---------------------------------------------------------------

namespace {
struct next_returns_double {
  double next() { return 1.0; }
  next_returns_double shard(std::uint32_t, std::uint32_t) const { return *this; }
};
struct next_returns_optional_int {
  std::optional<int> next() { return 1; }
  next_returns_optional_int shard(std::uint32_t, std::uint32_t) const { return *this; }
};
struct no_shard {
  std::optional<credit> next() { return credit{}; }
};
struct shard_not_const {
  std::optional<credit> next() { return credit{}; }
  shard_not_const shard(std::uint32_t, std::uint32_t) { return *this; }
};
struct shard_returns_other_type {
  std::optional<credit> next() { return credit{}; }
  int shard(std::uint32_t, std::uint32_t) const { return 0; }
};
struct not_copyable {
  not_copyable() = default;
  not_copyable(not_copyable const&) = delete;
  not_copyable(not_copyable&&) = default;
  std::optional<credit> next() { return credit{}; }
  not_copyable shard(std::uint32_t, std::uint32_t) const { return {}; }
};
}  // namespace

static_assert(Schedule<schedules::poisson>);
static_assert(Schedule<schedules::constant>);
static_assert(Schedule<schedules::gamma>);
static_assert(Schedule<schedules::concurrency>);
static_assert(Schedule<any_schedule>);
static_assert(Schedule<aiperf_test::archetypes::schedule>);
static_assert(!Schedule<int>);
static_assert(!Schedule<credit>);
static_assert(!Schedule<next_returns_double>);
static_assert(!Schedule<next_returns_optional_int>);
static_assert(!Schedule<no_shard>);
static_assert(!Schedule<shard_not_const>);
static_assert(!Schedule<shard_returns_other_type>);
static_assert(!Schedule<not_copyable>);

// ---- the laws ----------------------------------------------------------------------------------

namespace {

/// How a schedule's shards make up the whole.
enum class sharding { exact_partition, poisson_superposition, closed_loop };

constexpr double rate = 100.0;  // requests/s for the open-loop schedules

struct poisson_case {
  using type = schedules::poisson;
  static type make(std::uint64_t seed) { return type(rate, seed); }
  static constexpr bool seeded = true;
  static constexpr sharding shards = sharding::poisson_superposition;
};
struct constant_case {
  using type = schedules::constant;
  static type make(std::uint64_t) { return type(rate); }
  static constexpr bool seeded = false;
  static constexpr sharding shards = sharding::exact_partition;
};
struct gamma_case {
  using type = schedules::gamma;
  static type make(std::uint64_t seed) { return type(rate, 0.5, seed); }  // bursty: shape 0.5
  static constexpr bool seeded = true;
  static constexpr sharding shards = sharding::exact_partition;
};
struct concurrency_case {
  using type = schedules::concurrency;
  static type make(std::uint64_t) { return {}; }
  static constexpr bool seeded = false;
  static constexpr sharding shards = sharding::closed_loop;
};
/// The driver's erased schedule must keep the laws of what it wraps.
template <class Case>
struct erased_case {
  using type = any_schedule;
  static type make(std::uint64_t seed) { return Case::make(seed); }
  static constexpr bool seeded = Case::seeded;
  static constexpr sharding shards = Case::shards;
};

template <class S>
std::vector<credit> take(S& s, std::size_t n) {
  std::vector<credit> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = s.next();
    REQUIRE(c.has_value());  // every built-in schedule is unbounded
    out.push_back(*c);
  }
  return out;
}

template <class S>
std::vector<std::int64_t> offsets(S& s, std::size_t n) {
  std::vector<std::int64_t> out;
  for (auto const& c : take(s, n)) out.push_back(c.offset_ns);
  return out;
}

/// Arrivals of `s` before `horizon_ns`.
template <class S>
std::vector<std::int64_t> arrivals_before(S s, std::int64_t horizon_ns) {
  std::vector<std::int64_t> out;
  for (;;) {
    const auto c = s.next();
    REQUIRE(c.has_value());
    if (c->offset_ns >= horizon_ns) return out;
    out.push_back(c->offset_ns);
  }
}

bool same(std::vector<credit> const& a, std::vector<credit> const& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](credit const& x, credit const& y) {
    return x.offset_ns == y.offset_ns && x.conversation == y.conversation;
  });
}

}  // namespace

TEMPLATE_TEST_CASE("schedule laws: the same seed gives the same sequence", "[concepts][schedule]", poisson_case,
                   constant_case, gamma_case, concurrency_case, erased_case<poisson_case>, erased_case<gamma_case>,
                   erased_case<constant_case>) {
  auto a = TestType::make(7), b = TestType::make(7);
  const auto first = take(a, 2000);
  CHECK(same(first, take(b, 2000)));
  if constexpr (TestType::seeded) {
    auto c = TestType::make(8);
    CHECK_FALSE(same(first, take(c, 2000)));
  }
}

TEMPLATE_TEST_CASE("schedule laws: copies carry the position and are independent", "[concepts][schedule]", poisson_case,
                   constant_case, gamma_case, concurrency_case, erased_case<poisson_case>, erased_case<gamma_case>,
                   erased_case<constant_case>) {
  auto original = TestType::make(3);
  take(original, 10);
  typename TestType::type copy = original;
  const auto from_copy = take(copy, 50);  // advances the copy only
  CHECK(same(take(original, 50), from_copy));
  typename TestType::type assigned = TestType::make(99);
  assigned = copy;
  CHECK(same(take(assigned, 20), take(copy, 20)));
}

TEMPLATE_TEST_CASE("schedule laws: offsets are non-negative and non-decreasing, or closed loop",
                   "[concepts][schedule]", poisson_case, constant_case, gamma_case, concurrency_case,
                   erased_case<poisson_case>, erased_case<gamma_case>, erased_case<concurrency_case>) {
  for (std::uint32_t n : {1u, 3u}) {
    for (std::uint32_t i = 0; i < n; ++i) {
      INFO("shard " << i << " of " << n);
      typename TestType::type s = TestType::make(11).shard(i, n);
      const auto credits = take(s, 5000);
      if constexpr (TestType::shards == sharding::closed_loop) {
        CHECK(std::all_of(credits.begin(), credits.end(), [](credit const& c) { return c.closed_loop(); }));
      } else {
        CHECK(std::none_of(credits.begin(), credits.end(), [](credit const& c) { return c.closed_loop(); }));
        CHECK(credits.front().offset_ns >= 0);
        CHECK(std::is_sorted(credits.begin(), credits.end(),
                             [](credit const& a, credit const& b) { return a.offset_ns < b.offset_ns; }));
      }
      // The built-in schedules leave the conversation to the dataset sampler.
      CHECK(std::all_of(credits.begin(), credits.end(), [](credit const& c) { return c.conversation == -1; }));
    }
  }
}

TEMPLATE_TEST_CASE("schedule laws: the n shards together are the whole", "[concepts][schedule]", poisson_case,
                   constant_case, gamma_case, concurrency_case, erased_case<poisson_case>, erased_case<gamma_case>,
                   erased_case<constant_case>, erased_case<concurrency_case>) {
  const auto whole_schedule = TestType::make(21);
  if constexpr (TestType::shards == sharding::exact_partition) {
    // Exact: the shards' first K offsets, merged, are the whole's first K*n offsets.
    constexpr std::size_t k = 400;
    for (std::uint32_t n : {1u, 2u, 3u, 7u}) {
      INFO(n << " shards");
      std::vector<std::int64_t> merged;
      for (std::uint32_t i = 0; i < n; ++i) {
        typename TestType::type part = whole_schedule.shard(i, n);
        const auto o = offsets(part, k);
        merged.insert(merged.end(), o.begin(), o.end());
      }
      std::sort(merged.begin(), merged.end());
      auto whole = TestType::make(21);
      CHECK(merged == offsets(whole, k * n));
    }
  } else if constexpr (TestType::shards == sharding::poisson_superposition) {
    // In distribution: n independent Poisson(λ/n) streams.  Over a horizon T the arrival count
    // N(T) of a Poisson(μ) process is Poisson(μT): mean μT, standard deviation √(μT).  Each
    // bound below is 5 standard deviations (a fresh seed fails with probability < 6e-7; the
    // seed is fixed, so the test is deterministic).
    constexpr std::uint32_t n = 4;
    constexpr double horizon_s = 200.0;
    constexpr auto horizon_ns = static_cast<std::int64_t>(horizon_s * 1e9);
    std::vector<std::int64_t> merged;
    std::vector<std::vector<std::int64_t>> parts;
    for (std::uint32_t i = 0; i < n; ++i) {
      parts.push_back(arrivals_before(typename TestType::type(whole_schedule.shard(i, n)), horizon_ns));
      const double expected = rate / n * horizon_s;  // 5000 per shard
      INFO("shard " << i << ": " << parts.back().size() << " arrivals, expected " << expected);
      CHECK(std::abs(static_cast<double>(parts.back().size()) - expected) < 5 * std::sqrt(expected));
      merged.insert(merged.end(), parts.back().begin(), parts.back().end());
    }
    // Independent streams, not copies or shifted copies of one another.
    for (std::uint32_t i = 1; i < n; ++i) CHECK(parts[i] != parts[0]);
    CHECK(parts[1][10] - parts[1][0] != parts[0][10] - parts[0][0]);
    // The merged mean rate is λ: |N(T) − λT| < 5√(λT) = 707 for λT = 20000 (3.5%).
    const double expected = rate * horizon_s;
    INFO(merged.size() << " merged arrivals, expected " << expected);
    CHECK(std::abs(static_cast<double>(merged.size()) - expected) < 5 * std::sqrt(expected));
    // And the merged gaps are exponential, not a jittered grid: their coefficient of variation
    // is 1.  The sample CV of m exponential gaps has a standard deviation of about 1/√m
    // (0.007 for 20000), so 0.05 is over 5 of them; a grid's CV is near 0.
    std::sort(merged.begin(), merged.end());
    std::vector<double> gaps;
    for (std::size_t i = 1; i < merged.size(); ++i) gaps.push_back(static_cast<double>(merged[i] - merged[i - 1]));
    double mean = 0, var = 0;
    for (double g : gaps) mean += g;
    mean /= static_cast<double>(gaps.size());
    for (double g : gaps) var += (g - mean) * (g - mean);
    var /= static_cast<double>(gaps.size());
    CHECK(std::abs(std::sqrt(var) / mean - 1.0) < 0.05);
    CHECK(std::abs(mean - 1e9 / rate) < 5 * (1e9 / rate) / std::sqrt(static_cast<double>(gaps.size())));
  } else {
    // Closed loop: every shard's every credit waits only for a slot (the run splits the slots).
    for (std::uint32_t i = 0; i < 3; ++i) {
      typename TestType::type part = whole_schedule.shard(i, 3);
      const auto credits = take(part, 100);
      CHECK(std::all_of(credits.begin(), credits.end(), [](credit const& c) { return c.closed_loop(); }));
    }
  }
}

TEST_CASE("schedule laws: a shard is a pure function of (i, n) and leaves the original alone", "[concepts][schedule]") {
  schedules::gamma g(rate, 2.0, 5);
  const auto before = schedules::gamma(g).shard(1, 3);
  take(g, 100);  // advancing the original does not change its shards
  auto a = g.shard(1, 3);
  auto b = schedules::gamma(before);
  CHECK(same(take(a, 100), take(b, 100)));
  schedules::poisson p(rate, 5);
  auto p1 = p.shard(1, 3), p1_again = p.shard(1, 3);
  CHECK(same(take(p1, 100), take(p1_again, 100)));
  CHECK(p.shard(1, 3).rate() == rate / 3);
}
