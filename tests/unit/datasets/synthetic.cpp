// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/synthetic.hpp: exact token counts, same seed -> same
// conversations byte for byte, AIPerf's positive-normal sampling.
#include "catch.hpp"
#include "dataset_files.hpp"

#include <aiperf/datasets/synthetic.hpp>

#include <set>

using namespace aiperf;

namespace {
using aiperf_test::o200k;
}  // namespace

TEST_CASE("synthetic prompts have exactly the sampled token counts", "[datasets][synthetic]") {
  datasets::synthetic ds{.isl_mean = 200, .isl_stddev = 40, .osl_mean = 64, .osl_stddev = 8, .num_entries = 50};
  const auto convs = ds.build(dataset_context{&o200k(), 7});
  REQUIRE(convs.size() == 50);
  std::set<std::int64_t> lengths;
  for (auto const& c : convs) {
    REQUIRE(c.turns.size() == 1);
    auto const& t = c.turns[0];
    CHECK(static_cast<std::int64_t>(o200k().count(t.text)) == t.input_tokens);
    CHECK(t.max_tokens >= 1);
    lengths.insert(t.input_tokens);
  }
  CHECK(lengths.size() > 10);  // the stddev is honoured
}

TEST_CASE("same seed gives the same conversations byte for byte; another seed does not", "[datasets][synthetic]") {
  datasets::synthetic ds{.isl_mean = 128, .osl_mean = 32, .num_entries = 20, .turn_mean = 2};
  const auto a = ds.build(dataset_context{&o200k(), 11});
  const auto b = ds.build(dataset_context{&o200k(), 11});
  const auto c = ds.build(dataset_context{&o200k(), 12});
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    REQUIRE(a[i].turns.size() == b[i].turns.size());
    for (std::size_t t = 0; t < a[i].turns.size(); ++t) CHECK(a[i].turns[t].text == b[i].turns[t].text);
  }
  CHECK(a[0].turns[0].text != c[0].turns[0].text);
  CHECK(a[0].id != c[0].id);
  CHECK(a[0].turns.size() == 2);  // --conversation-turn-mean 2 with no spread
}

TEST_CASE("no --osl: no max_tokens; model round-robin; disabled ISL is an error", "[datasets][synthetic]") {
  datasets::synthetic ds{.isl_mean = 16, .num_entries = 4, .models = {"a", "b"}};
  const auto convs = ds.build(dataset_context{&o200k(), 1});
  CHECK(convs[0].turns[0].max_tokens == -1);
  CHECK(convs[0].turns[0].model == "a");
  CHECK(convs[1].turns[0].model == "b");
  CHECK(convs[2].turns[0].model == "a");
  datasets::synthetic off{.isl_mean = 0};
  CHECK_THROWS_WITH(off.build(dataset_context{&o200k(), 1}), Catch::Contains("All synthetic data are disabled"));
  CHECK_THROWS(datasets::synthetic{}.build(dataset_context{nullptr, 1}));
}

TEST_CASE("sample_positive_normal_integer follows AIPerf", "[datasets][synthetic]") {
  detail::rng g(3);
  CHECK(datasets::sample_positive_normal_integer(2.5, 0, g) == 2);  // half to even
  CHECK(datasets::sample_positive_normal_integer(3.5, 0, g) == 4);
  CHECK(datasets::sample_positive_normal_integer(0.2, 0, g) == 1);  // at least 1
  for (int i = 0; i < 1000; ++i) CHECK(datasets::sample_positive_normal_integer(2, 5, g) >= 1);
}
