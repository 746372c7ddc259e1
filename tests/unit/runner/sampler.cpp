// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/sampler.hpp: which conversation each session uses
// (--dataset-sampling-strategy) is a pure function of (seed, k).
#include "catch.hpp"

#include <aiperf/runner/sampler.hpp>

#include <set>
#include <vector>

using namespace aiperf;

TEST_CASE("sequential sampler wraps in order", "[runner][sampler]") {
  conversation_sampler s(sampling_strategy::sequential, 3, 1);
  CHECK(s.at(0) == 0);
  CHECK(s.at(2) == 2);
  CHECK(s.at(4) == 1);
}

TEST_CASE("shuffle sampler: each pass is a permutation, passes differ, seed-determined", "[runner][sampler]") {
  conversation_sampler s(sampling_strategy::shuffle, 50, 9);
  std::vector<std::size_t> pass0, pass1;
  for (std::uint64_t k = 0; k < 50; ++k) pass0.push_back(s.at(k));
  for (std::uint64_t k = 50; k < 100; ++k) pass1.push_back(s.at(k));
  CHECK(std::set<std::size_t>(pass0.begin(), pass0.end()).size() == 50);
  CHECK(std::set<std::size_t>(pass1.begin(), pass1.end()).size() == 50);
  CHECK(pass0 != pass1);
  conversation_sampler again(sampling_strategy::shuffle, 50, 9);
  CHECK(again.at(17) == pass0[17]);
  CHECK(again.at(63) == pass1[13]);
  conversation_sampler other(sampling_strategy::shuffle, 50, 10);
  const bool differs = other.at(0) != pass0[0] || other.at(1) != pass0[1];
  CHECK(differs);
}

TEST_CASE("random sampler stays in range and is seed-determined", "[runner][sampler]") {
  conversation_sampler a(sampling_strategy::random, 7, 3), b(sampling_strategy::random, 7, 3);
  for (std::uint64_t k = 0; k < 100; ++k) {
    CHECK(a.at(k) < 7);
    CHECK(a.at(k) == b.at(k));
  }
  CHECK_THROWS_WITH(parse_sampling_strategy("rand"), Catch::Contains("--dataset-sampling-strategy"));
}
