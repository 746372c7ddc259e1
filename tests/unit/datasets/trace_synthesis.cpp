// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/trace_synthesis.hpp (spec load-generation §10.3): the
// multipliers on hand-worked rows (block size 10 so the arithmetic reads at a glance; each
// derivation is in the comment), the samplers, determinism per seed, the profile-time tree
// choice, the prefix-tree statistics and the JSONL rendering.
#include "catch.hpp"

#include <aiperf/datasets/trace_synthesis.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace aiperf;
using datasets::apply_multipliers;
using datasets::multiplied_row;
using datasets::synthesis_params;
using datasets::trace_row;
using ids = std::vector<std::int64_t>;

namespace {

synthesis_params with(double prefix_len, double prompt_len = 1.0, std::int64_t roots = 1, std::size_t block = 10) {
  synthesis_params p;
  p.block_size = block;
  p.prefix_len_multiplier = prefix_len;
  p.prompt_len_multiplier = prompt_len;
  p.prefix_root_multiplier = roots;
  return p;
}

multiplied_row apply(ids const& h, std::int64_t length, synthesis_params const& p) {
  return apply_multipliers(h, length, p);
}

trace_row row(std::int64_t isl, std::int64_t osl, ids h = {}, std::optional<double> ts = {}) {
  trace_row r;
  r.input_length = isl;
  r.output_length = osl;
  r.hash_ids = std::move(h);
  r.timestamp_ms = ts;
  return r;
}

}  // namespace

TEST_CASE("trace_synthesis: prefix_len_multiplier > 1 appends fresh blocks after a completed last block",
          "[datasets][trace_synthesis]") {
  // [1, 2, 3] with 25 tokens: blocks 10, 10, 5 (inc = 5).
  // x2: k = int(3 x 1) = 3 new ids 4, 5, 6; 25 + (10 - 5) + 2 x 10 + 5 = 55 (blocks 10 x 5 + 5).
  CHECK(apply({1, 2, 3}, 25, with(2.0)) == multiplied_row{{1, 2, 3, 4, 5, 6}, 55});
  // x1.5: k = int(1.5) = 1: 25 + 5 + 0 + 5 = 35.
  CHECK(apply({1, 2, 3}, 25, with(1.5)) == multiplied_row{{1, 2, 3, 4}, 35});
  // x1.2: k = int(3 x 0.19999999999999996) = int(0.5999999999999999) = 0: unchanged.
  CHECK(apply({1, 2, 3}, 25, with(1.2)) == multiplied_row{{1, 2, 3}, 25});
  // A complete last block (inc = 10): [7, 9] of 20 x2 -> 2 new ids, 20 + 0 + 10 + 10 = 40.
  CHECK(apply({7, 9}, 20, with(2.0)) == multiplied_row{{7, 9, 10, 11}, 40});
  // A one-block row of 3 tokens x3: k = 2, 3 + 7 + 10 + 3 = 23 (blocks 10, 10, 3).
  CHECK(apply({5}, 3, with(3.0)) == multiplied_row{{5, 6, 7}, 23});
  // New ids count up from the row's LAST id, not its largest: [100, 7] -> 8, 9.
  CHECK(apply({100, 7}, 12, with(2.0)) == multiplied_row{{100, 7, 8, 9}, 32});
  // int() of the IEEE product, as Python computes it: 5 x (1.4 - 1) = 1.9999999999999996 -> 1.
  CHECK(apply({1, 2, 3, 4, 5}, 45, with(1.4)).hash_ids.size() == 6);
  // The default block size 512: [0, 1] of 655 (inc 143) x2 -> 655 + 369 + 512 + 143 = 1679.
  CHECK(apply({0, 1}, 655, with(2.0, 1.0, 1, 512)) == multiplied_row{{0, 1, 2, 3}, 1679});
}

TEST_CASE("trace_synthesis: prefix_len_multiplier < 1 keeps the first blocks and the last block's size",
          "[datasets][trace_synthesis]") {
  // [1, 2, 3] of 25 (inc 5): x0.5 keeps max(1, int(1.5)) = 1 id, (1 - 1) x 10 + 5 = 5 tokens.
  CHECK(apply({1, 2, 3}, 25, with(0.5)) == multiplied_row{{1}, 5});
  // x0.7: int(2.1) = 2 ids, 10 + 5 = 15.
  CHECK(apply({1, 2, 3}, 25, with(0.7)) == multiplied_row{{1, 2}, 15});
  // x0 still keeps one id.
  CHECK(apply({1, 2, 3}, 25, with(0.0)) == multiplied_row{{1}, 5});
  // A complete last block keeps a complete last block: [7, 9] of 20 x0.5 -> [7], 10.
  CHECK(apply({7, 9}, 20, with(0.5)) == multiplied_row{{7}, 10});
  // int(100 x 0.29) = int(28.999999999999996) = 28 (Python's arithmetic, not 29).
  ids hundred(100);
  for (std::size_t i = 0; i < hundred.size(); ++i) hundred[i] = static_cast<std::int64_t>(i);
  CHECK(apply(hundred, 995, with(0.29)) == multiplied_row{ids(hundred.begin(), hundred.begin() + 28), 275});
}

TEST_CASE("trace_synthesis: prompt_len_multiplier adds int(x - 1) blocks after the prefix step",
          "[datasets][trace_synthesis]") {
  // [1, 2, 3] of 25, x3: int(2) = 2 new ids; 25 + 5 + 10 + 5 = 45.
  CHECK(apply({1, 2, 3}, 25, with(1.0, 3.0)) == multiplied_row{{1, 2, 3, 4, 5}, 45});
  // x2.9: int(1.9) = 1 -> 35.  x1.5 and x0.5: nothing.
  CHECK(apply({1, 2, 3}, 25, with(1.0, 2.9)) == multiplied_row{{1, 2, 3, 4}, 35});
  CHECK(apply({1, 2, 3}, 25, with(1.0, 1.5)) == multiplied_row{{1, 2, 3}, 25});
  CHECK(apply({1, 2, 3}, 25, with(1.0, 0.5)) == multiplied_row{{1, 2, 3}, 25});
  // After a shortened prefix, new ids still continue from the ORIGINAL last id (3):
  // x0.5 -> [1] of 5; then x3 -> ids 4, 5 and 5 + 5 + 10 + 5 = 25.
  CHECK(apply({1, 2, 3}, 25, with(0.5, 3.0)) == multiplied_row{{1, 4, 5}, 25});
  // After a longer prefix, they continue after the prefix's new ids: x2 -> [1..6] of 55, x2 -> 7, 65.
  CHECK(apply({1, 2, 3}, 25, with(2.0, 2.0)) == multiplied_row{{1, 2, 3, 4, 5, 6, 7}, 65});
}

TEST_CASE("trace_synthesis: prefix_root_multiplier appends r - 1 fresh copies of the path, length unchanged",
          "[datasets][trace_synthesis]") {
  CHECK(apply({1, 2, 3}, 25, with(1.0, 1.0, 3)) == multiplied_row{{1, 2, 3, 4, 5, 6, 7, 8, 9}, 25});
  CHECK(apply({1, 2, 3}, 25, with(1.0, 1.0, 1)) == multiplied_row{{1, 2, 3}, 25});
  // All three: x2 -> [1..6] of 55; x2 -> [1..7] of 65; r = 2 -> 7 more ids 8..14, still 65.
  CHECK(apply({1, 2, 3}, 25, with(2.0, 2.0, 2)) ==
        multiplied_row{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 65});
  // No hash ids: nothing to multiply.
  CHECK(apply({}, 25, with(2.0, 3.0, 4)) == multiplied_row{{}, 25});
}

TEST_CASE("trace_synthesis: bad multipliers and runaway rows are refused", "[datasets][trace_synthesis]") {
  CHECK_THROWS_AS(apply({1}, 5, with(-1.0)), std::invalid_argument);
  CHECK_THROWS_AS(apply({1}, 5, with(std::numeric_limits<double>::quiet_NaN())), std::invalid_argument);
  CHECK_THROWS_AS(apply({1}, 5, with(1.0, std::numeric_limits<double>::infinity())), std::invalid_argument);
  CHECK_THROWS_AS(apply({1}, 5, with(1.0, 1.0, 0)), std::invalid_argument);
  CHECK_THROWS_AS(apply({1}, 5, with(1.0, 1.0, 1, 0)), std::invalid_argument);
  CHECK_THROWS_WITH(apply({1}, 5, with(1e9)), "the multipliers would give the row more than 16777216 hash ids");
  const std::int64_t top = std::numeric_limits<std::int64_t>::max();
  CHECK_THROWS_WITH(apply({top}, 5, with(2.0)), "new hash ids would pass the largest 64-bit integer");
  CHECK(apply({top}, 5, with(1.0)) == multiplied_row{{top}, 5});  // no new id is needed
}

TEST_CASE("trace_synthesis: the empirical sampler draws observed values at their frequencies",
          "[datasets][trace_synthesis]") {
  const datasets::empirical_sampler s({2, 1, 1, 1}, 64);
  detail::rng g(1);
  std::map<std::int64_t, int> seen;
  for (int i = 0; i < 40000; ++i) ++seen[s.sample(g)];
  REQUIRE(seen.size() == 2);
  CHECK(seen[1] / 40000.0 == Approx(0.75).margin(0.01));
  const datasets::empirical_sampler none({}, 64);
  CHECK(none.empty());
  CHECK(none.sample(g) == 64);
}

TEST_CASE("trace_synthesis: synthesize_trace multiplies rows with ids and resamples the lengths",
          "[datasets][trace_synthesis]") {
  std::vector<trace_row> in = {row(25, 7, {1, 2, 3}, 1001.0), row(40, 9, {}, 2575.5), row(-1, 11, {}, 3000.0),
                               row(15, -1, {1, 4})};
  in[2].text_input = "a literal prompt";
  in[3].session_id = "s\"1";
  in[3].delay_ms = 300;
  in[3].turn = 2;
  in[3].line = 9;
  synthesis_params p = with(2.0);
  p.speedup_ratio = 2.0;
  const auto out = datasets::synthesize_trace(in, p);
  REQUIRE(out.size() == 4);
  CHECK(out[0].hash_ids == ids{1, 2, 3, 4, 5, 6});
  CHECK(out[0].input_length == 55);
  CHECK(out[3].hash_ids == ids{1, 4, 5, 6});  // [1, 4] of 15 (inc 5) x2: 15 + 5 + 10 + 5 = 35
  CHECK(out[3].input_length == 35);
  // Rows without ids (the literal prompt too) draw their length from the rows' input lengths.
  for (int i : {1, 2}) {
    CHECK(out[i].hash_ids.empty());
    CHECK(std::set<std::int64_t>{25, 40, 15}.contains(out[i].input_length));
    CHECK(out[i].text_input.empty());
  }
  // Every output length is drawn from the observed ones (the row without one gets one too).
  for (auto const& r : out) CHECK(std::set<std::int64_t>{7, 9, 11}.contains(r.output_length));
  // Timestamps: trunc(ts / 2); no timestamp stays none.  Session, turn, delay and line are kept.
  CHECK(out[0].timestamp_ms == 500);
  CHECK(out[1].timestamp_ms == 1287);
  CHECK_FALSE(out[3].timestamp_ms);
  CHECK(out[3].session_id == "s\"1");
  CHECK(out[3].delay_ms == 300);
  CHECK(out[3].turn == 2);
  CHECK(out[3].line == 9);

  SECTION("without a speed-up ratio timestamps stay as they are; max_isl caps") {
    synthesis_params q = with(2.0);
    q.max_isl = 50;
    const auto kept = datasets::synthesize_trace(in, q);
    CHECK(kept[1].timestamp_ms == 2575.5);
    CHECK(kept[0].input_length == 50);  // 55 capped; the ids stay
    CHECK(kept[0].hash_ids.size() == 6);
  }
  SECTION("no observed lengths: 512 in, 64 out") {
    const std::vector<trace_row> bare = {row(-1, -1)};
    const auto one = datasets::synthesize_trace(bare, with(1.0));
    CHECK(one[0].input_length == 512);
    CHECK(one[0].output_length == 64);
  }
  SECTION("a row the multipliers refuse is named by source and line") {
    CHECK_THROWS_WITH(datasets::synthesize_trace(in, with(1e9), "t.jsonl"),
                      "t.jsonl:0: hash_ids: the multipliers would give the row more than 16777216 hash ids");
  }
}

TEST_CASE("trace_synthesis: the same seed gives the same trace, another seed other lengths",
          "[datasets][trace_synthesis]") {
  std::vector<trace_row> in;
  for (std::int64_t i = 0; i < 200; ++i) in.push_back(row(10 + i, 1 + i, i % 3 ? ids{} : ids{i}));
  synthesis_params p = with(1.0);
  const auto a = datasets::synthesize_trace(in, p), b = datasets::synthesize_trace(in, p);
  CHECK(datasets::render_trace_jsonl(a) == datasets::render_trace_jsonl(b));
  p.seed = 43;
  const auto c = datasets::synthesize_trace(in, p);
  CHECK(datasets::render_trace_jsonl(a) != datasets::render_trace_jsonl(c));
  // The default seed is the spec's 42; the output lengths are a stream of their own, so they
  // do not depend on how many rows lack hash ids.
  CHECK(synthesis_params{}.seed == 42);
  std::vector<trace_row> all_ids = in;
  for (std::size_t i = 0; i < all_ids.size(); ++i) all_ids[i].hash_ids = {static_cast<std::int64_t>(i)};
  const auto d = datasets::synthesize_trace(all_ids, with(1.0));
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].output_length == d[i].output_length);
}

TEST_CASE("trace_synthesis: at replay each row keeps one of its r trees", "[datasets][trace_synthesis]") {
  std::vector<trace_row> rows;
  for (int i = 0; i < 3000; ++i) rows.push_back(row(25, 1, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
  rows.push_back(row(40, 1));
  auto picked = rows;
  datasets::pick_prefix_trees(picked, 3, 7);
  std::map<ids, int> copies;
  for (std::size_t i = 0; i + 1 < picked.size(); ++i) ++copies[picked[i].hash_ids];
  REQUIRE(copies.size() == 3);
  for (auto const& [path, n] : copies) {
    CHECK((path == ids{1, 2, 3} || path == ids{4, 5, 6} || path == ids{7, 8, 9}));
    CHECK(n / 3000.0 == Approx(1.0 / 3).margin(0.04));
  }
  CHECK(picked.back().hash_ids.empty());
  auto again = rows;
  datasets::pick_prefix_trees(again, 3, 7);
  for (std::size_t i = 0; i < again.size(); ++i) CHECK(again[i].hash_ids == picked[i].hash_ids);
  auto untouched = rows;
  datasets::pick_prefix_trees(untouched, 1, 7);
  CHECK(untouched[0].hash_ids.size() == 9);
  CHECK_THROWS_AS(datasets::pick_prefix_trees(untouched, 2, 7), std::invalid_argument);  // 9 ids are not 2 copies
}

TEST_CASE("trace_synthesis: the hash-id tree counts the root and every distinct prefix",
          "[datasets][trace_synthesis]") {
  // Paths 5 | 5 6 | 5 6 7 | 8 6 | (none): nodes root, 5, 56, 567, 8, 86 = 6; depth 3.
  const std::vector<trace_row> rows = {row(1, 1, {5}), row(1, 1, {5, 6}), row(1, 1, {5, 6, 7}), row(1, 1, {8, 6}),
                                       row(1, 1)};
  CHECK(datasets::analyze_hash_tree(rows) == datasets::hash_tree_stats{6, 3});
  CHECK(datasets::analyze_hash_tree(std::vector<trace_row>{row(1, 1)}) == datasets::hash_tree_stats{1, 0});
}

TEST_CASE("trace_synthesis: JSONL as json.dumps writes it, fields in upstream's order",
          "[datasets][trace_synthesis]") {
  std::vector<trace_row> rows = {row(55, 7, {1, 2}, 500.0), row(40, 9), row(35, 11, {4}, 2575.5)};
  rows[1].session_id = "s\"1";
  rows[1].delay_ms = 300;
  rows[2].delay_ms = 12.25;
  CHECK(datasets::render_trace_jsonl(rows) ==
        "{\"input_length\": 55, \"output_length\": 7, \"hash_ids\": [1, 2], \"timestamp\": 500}\n"
        "{\"input_length\": 40, \"output_length\": 9, \"session_id\": \"s\\\"1\", \"delay\": 300}\n"
        "{\"input_length\": 35, \"output_length\": 11, \"hash_ids\": [4], \"timestamp\": 2575.5, \"delay\": 12.25}\n");
  CHECK(datasets::render_trace_jsonl(std::vector<trace_row>{}).empty());
}
