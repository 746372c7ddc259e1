// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/synthetic.hpp: exact token counts, same seed -> same
// conversations byte for byte, AIPerf's positive-normal sampling.
#include "catch.hpp"
#include "dataset_files.hpp"

#include <aiperf/datasets/synthetic.hpp>

#include <algorithm>
#include <cmath>
#include <map>
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

// ---- --seq-dist, prefix pool, shared system and user context (spec §7.2-§7.4) ----------------

namespace {
std::int64_t count(std::string_view s) { return static_cast<std::int64_t>(o200k().count(s)); }
}  // namespace

TEST_CASE("seq-dist in the synthetic dataset: each turn's ISL and OSL come from one drawn pair, in the mixture's proportions",
          "[datasets][synthetic][seq_dist]") {
  datasets::synthetic ds{.osl_mean = 999, .num_entries = 2000};  // --osl is ignored with a mixture
  ds.sequence_dist = datasets::sequence_distribution::parse("24,4:25;80,9:75");
  const auto convs = ds.build(dataset_context{&o200k(), 5});
  int short_ones = 0;
  for (auto const& c : convs) {
    auto const& t = c.turns.at(0);
    REQUIRE((t.input_tokens == 24 || t.input_tokens == 80));
    CHECK(count(t.text) == t.input_tokens);                // exact in the run's tokenizer
    CHECK(t.max_tokens == (t.input_tokens == 24 ? 4 : 9));  // the same draw
    short_ones += t.input_tokens == 24;
  }
  // Binomial(2000, 0.25): mean 500, sigma = sqrt(2000 * 0.25 * 0.75) = 19.4.
  CHECK(std::abs(short_ones - 500) < 5 * std::sqrt(2000 * 0.25 * 0.75));
  // Deterministic per seed.
  const auto again = ds.build(dataset_context{&o200k(), 5});
  for (std::size_t i = 0; i < convs.size(); ++i) CHECK(again[i].turns[0].text == convs[i].turns[0].text);
}

TEST_CASE("prefix pool: N distinct prefixes of exactly L tokens, one on each conversation's first turn",
          "[datasets][synthetic][prefix]") {
  datasets::synthetic ds{.isl_mean = 40, .osl_mean = 8, .num_entries = 200, .turn_mean = 2};
  ds.prefix_pool_size = 5;
  ds.prefix_length = 32;
  const auto pool = ds.prefix_pool(o200k(), 9);
  REQUIRE(pool.size() == 5);
  CHECK(std::set<std::string>(pool.begin(), pool.end()).size() == 5);
  for (auto const& p : pool) CHECK(count(p) == 32);

  const auto convs = ds.build(dataset_context{&o200k(), 9});
  std::map<std::string, int> used;
  for (auto const& c : convs) {
    REQUIRE(c.turns.size() == 2);
    auto const& first = c.turns[0];
    auto const it = std::find_if(pool.begin(), pool.end(), [&](auto const& p) { return first.text.starts_with(p); });
    REQUIRE(it != pool.end());
    ++used[*it];
    // Additive: the prefix's 32 tokens on top of the asked 40, exact in the tokenizer.
    CHECK(first.input_tokens == 72);
    CHECK(count(first.text) == 72);
    CHECK(count(first.text.substr(it->size())) == 40);
    // Later turns carry the prefix in their history only.
    auto const& second = c.turns[1];
    CHECK(second.input_tokens == 40);
    CHECK(count(second.text) == 40);
    CHECK(std::none_of(pool.begin(), pool.end(), [&](auto const& p) { return second.text.starts_with(p); }));
  }
  CHECK(used.size() == 5);  // 200 draws of 5: every prefix is used
  for (auto const& [p, n] : used) CHECK(std::abs(n - 40) < 5 * std::sqrt(200 * 0.2 * 0.8));

  // The prompts after the prefixes are the prompts of the same run without them.
  datasets::synthetic plain = ds;
  plain.prefix_pool_size = plain.prefix_length = 0;
  const auto base = plain.build(dataset_context{&o200k(), 9});
  for (std::size_t i = 0; i < convs.size(); ++i) {
    CHECK(convs[i].turns[0].text.ends_with(base[i].turns[0].text));
    CHECK(convs[i].turns[1].text == base[i].turns[1].text);
    CHECK(convs[i].id == base[i].id);
  }

  // A prefix length without a pool is AIPerf's error.
  datasets::synthetic empty{.isl_mean = 8, .num_entries = 1};
  empty.prefix_length = 4;
  CHECK_THROWS_WITH(empty.build(dataset_context{&o200k(), 1}),
                    "Attempted to sample a prefix prompt but the prefix prompts pool is empty. Please ensure that the "
                    "prefix prompts pool is initialized.");
}

TEST_CASE("shared system prompt and per-entry user context: exact lengths, counted in every turn's ISL",
          "[datasets][synthetic][context]") {
  datasets::synthetic ds{.isl_mean = 50, .osl_mean = 8, .num_entries = 30, .turn_mean = 3};
  ds.shared_system_length = 64;
  ds.user_context_length = 24;
  const auto convs = ds.build(dataset_context{&o200k(), 21});
  std::set<std::string> contexts;
  for (auto const& c : convs) {
    CHECK(c.system_message == convs[0].system_message);  // one prompt shared by all
    CHECK(count(c.system_message) == 64);
    CHECK(count(c.user_context_message) == 24);
    contexts.insert(c.user_context_message);
    for (auto const& t : c.turns) {
      CHECK(count(t.text) == 50);
      CHECK(t.input_tokens == 50 + 64 + 24);  // both go with every turn
      // The request's text adds up exactly as counted.
      CHECK(count(c.system_message + c.user_context_message + t.text) == t.input_tokens);
    }
  }
  CHECK(contexts.size() == 30);  // one per dataset entry
  CHECK(!contexts.contains(convs[0].system_message));

  // Deterministic per seed; and the prompts are those of the same run without context prompts.
  const auto again = ds.build(dataset_context{&o200k(), 21});
  datasets::synthetic plain = ds;
  plain.shared_system_length = plain.user_context_length = 0;
  const auto base = plain.build(dataset_context{&o200k(), 21});
  for (std::size_t i = 0; i < convs.size(); ++i) {
    CHECK(again[i].system_message == convs[i].system_message);
    CHECK(again[i].user_context_message == convs[i].user_context_message);
    CHECK(base[i].system_message.empty());
    CHECK(base[i].user_context_message.empty());
    for (std::size_t t = 0; t < convs[i].turns.size(); ++t) CHECK(base[i].turns[t].text == convs[i].turns[t].text);
  }
  CHECK(ds.build(dataset_context{&o200k(), 22})[0].system_message != convs[0].system_message);
}

TEST_CASE("from_options carries the prompt options", "[datasets][synthetic]") {
  datasets::dataset_options o;
  o.sequence_distribution = "10,2:100";
  o.prefix_prompt_pool_size = 3;
  o.prefix_prompt_length = 7;
  o.shared_system_prompt_length = 5;
  o.user_context_prompt_length = 6;
  auto const s = datasets::synthetic::from_options(o);
  REQUIRE(s.sequence_dist);
  CHECK(s.sequence_dist->pairs().size() == 1);
  CHECK(s.prefix_pool_size == 3);
  CHECK(s.prefix_length == 7);
  CHECK(s.shared_system_length == 5);
  CHECK(s.user_context_length == 6);
  CHECK_FALSE(datasets::synthetic::from_options({}).sequence_dist);
}

TEST_CASE("batch size (--batch-size): N prompts per turn in turn::texts, each of exact length; text joins them",
          "[datasets][synthetic][batch]") {
  datasets::synthetic ds{.isl_mean = 20, .isl_stddev = 5, .num_entries = 10, .batch_size = 4};
  const auto convs = ds.build(dataset_context{&o200k(), 3});
  REQUIRE(convs.size() == 10);
  std::set<std::size_t> lengths;
  for (auto const& c : convs) {
    auto const& t = c.turns.at(0);
    REQUIRE(t.texts.size() == 1);
    CHECK(t.texts[0].name == "text");
    REQUIRE(t.texts[0].contents.size() == 4);
    std::string joined;
    for (auto const& p : t.texts[0].contents) {
      CHECK(!p.empty());
      lengths.insert(o200k().count(p));
      joined += (joined.empty() ? "" : " ") + p;
    }
    CHECK(t.text == joined);
    CHECK(t.input_tokens == static_cast<std::int64_t>(o200k().count(joined)));
  }
  CHECK(lengths.size() > 3);  // every prompt draws its own length
  // --batch-size 1 (the default) leaves turn::texts empty: the prompts are those of before.
  datasets::synthetic one{.isl_mean = 20, .isl_stddev = 5, .num_entries = 10};
  for (auto const& c : one.build(dataset_context{&o200k(), 3})) CHECK(c.turns.at(0).texts.empty());
}

TEST_CASE("rankings composer: one turn of a query and N passages per entry", "[datasets][synthetic][rankings]") {
  datasets::synthetic ds{.osl_mean = 5,
                         .num_entries = 12,
                         .turn_mean = 3,
                         .rankings = true,
                         .rankings_passages_mean = 3,
                         .rankings_passage_tokens_mean = 12,
                         .rankings_query_tokens_mean = 7};
  const auto a = ds.build(dataset_context{&o200k(), 9});
  REQUIRE(a.size() == 12);
  for (auto const& c : a) {
    REQUIRE(c.turns.size() == 1);  // the turn options do not apply
    auto const& t = c.turns[0];
    REQUIRE(t.texts.size() == 2);
    CHECK(t.texts[0].name == "query");
    REQUIRE(t.texts[0].contents.size() == 1);
    CHECK(o200k().count(t.texts[0].contents[0]) == 7);
    CHECK(t.texts[1].name == "passages");
    REQUIRE(t.texts[1].contents.size() == 3);
    for (auto const& p : t.texts[1].contents) CHECK(o200k().count(p) == 12);
    CHECK(t.max_tokens == 5);
    CHECK(t.text.rfind(t.texts[0].contents[0], 0) == 0);
  }
  // Deterministic per seed.
  const auto b = ds.build(dataset_context{&o200k(), 9});
  CHECK(a[3].turns[0].texts[1].contents == b[3].turns[0].texts[1].contents);
  // A spread in the passage count.
  datasets::synthetic spread{.num_entries = 40, .rankings = true, .rankings_passages_mean = 4,
                             .rankings_passages_stddev = 2, .rankings_passage_tokens_mean = 3,
                             .rankings_query_tokens_mean = 3};
  std::set<std::size_t> counts;
  for (auto const& c : spread.build(dataset_context{&o200k(), 1})) counts.insert(c.turns[0].texts[1].contents.size());
  CHECK(counts.size() > 2);
}
