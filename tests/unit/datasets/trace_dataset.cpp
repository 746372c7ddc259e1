// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/trace_dataset.hpp: prompts from hash ids (exact lengths,
// equal ids -> byte-identical blocks whatever the row order), the spec's layout error, and the
// row pipeline (offsets, --synthesis-max-isl/-osl, speed-up, sessions).
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/trace_dataset.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <fstream>

using namespace aiperf;
using datasets::trace_format;

namespace {
using aiperf_test::o200k;
std::filesystem::path write(aiperf_test::temp_dir const& dir, std::string const& name, std::string const& text) {
  auto p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
std::vector<conversation> load(std::filesystem::path const& f, trace_format fmt, datasets::trace_load_options o = {},
                               std::uint64_t seed = 7, datasets::trace_load_report* report = nullptr) {
  return datasets::load_trace_conversations(f, fmt, o, dataset_context{&o200k(), seed}, report);
}
std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}
}  // namespace

TEST_CASE("trace_dataset: hash-id prompts have exact lengths and share exactly their common blocks",
          "[datasets][trace_dataset]") {
  aiperf_test::temp_dir dir;
  const std::string rows = "{\"timestamp\": 0, \"input_length\": 20, \"output_length\": 5, \"hash_ids\": [0, 1]}\n"
                           "{\"timestamp\": 10, \"input_length\": 37, \"output_length\": 6, \"hash_ids\": [0, 3, 4]}\n"
                           "{\"timestamp\": 20, \"input_length\": 40, \"output_length\": 7, \"hash_ids\": [0, 3, 9]}\n"
                           "{\"timestamp\": 30, \"input_length\": 9}\n";
  const auto f = write(dir, "t.jsonl", rows);
  datasets::trace_load_report report;
  const auto convs = load(f, trace_format::mooncake, {.block_size = 16}, 7, &report);
  REQUIRE(convs.size() == 4);
  for (auto const& c : convs) {
    REQUIRE(c.turns.size() == 1);
    CHECK(o200k().count(prompt_text(c.turns[0])) == static_cast<std::size_t>(c.turns[0].input_tokens));
  }
  CHECK(convs[0].turns[0].input_tokens == 20);
  CHECK(convs[1].turns[0].input_tokens == 37);
  CHECK(convs[3].turns[0].input_tokens == 9);
  CHECK(convs[1].turns[0].max_tokens == 6);
  CHECK(convs[2].turns[0].timestamp_ms == 20);

  datasets::hash_block_prompts blocks(o200k(), 7, 16);
  const std::string b0(blocks.block(0, 16)), b3(blocks.block(3, 16));
  CHECK(o200k().count(b0) == 16);
  // Rows 1 and 2 share block 0; rows 2 and 3 share blocks 0 and 3, byte for byte, and no more.
  CHECK(prompt_text(convs[0].turns[0]).starts_with(b0));
  CHECK(prompt_text(convs[1].turns[0]).starts_with(b0 + b3));
  CHECK(prompt_text(convs[2].turns[0]).starts_with(b0 + b3));
  CHECK(common_prefix(prompt_text(convs[1].turns[0]), prompt_text(convs[2].turns[0])) < b0.size() + b3.size() + 8);
  CHECK(common_prefix(prompt_text(convs[0].turns[0]), prompt_text(convs[1].turns[0])) < b0.size() + 8);
  // Unique blocks: (0,16) (1,4) (3,16) (4,5) (9,8); the row without hash ids is fresh text.
  CHECK(report.unique_blocks == 5);
  CHECK(report.prompt_tokens == 20 + 37 + 40 + 9);

  SECTION("a block does not depend on the order rows are read in") {
    std::string reversed;
    for (auto line : {3, 2, 1, 0}) {
      std::size_t at = 0;
      for (int i = 0; i < line; ++i) at = rows.find('\n', at) + 1;
      reversed += rows.substr(at, rows.find('\n', at) + 1 - at);
    }
    const auto back = load(write(dir, "r.jsonl", reversed), trace_format::mooncake, {.block_size = 16});
    REQUIRE(back.size() == 4);
    CHECK(prompt_text(back[3].turns[0]) == prompt_text(convs[0].turns[0]));
    CHECK(prompt_text(back[1].turns[0]) == prompt_text(convs[2].turns[0]));
  }
  SECTION("the seed fixes the text; another seed gives other blocks") {
    CHECK(prompt_text(load(f, trace_format::mooncake, {.block_size = 16}, 7)[1].turns[0]) == prompt_text(convs[1].turns[0]));
    CHECK(prompt_text(load(f, trace_format::mooncake, {.block_size = 16}, 8)[1].turns[0]) != prompt_text(convs[1].turns[0]));
  }
}

TEST_CASE("trace_dataset: a layout that does not fit the block size is the spec's error at file:line",
          "[datasets][trace_dataset]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "t.jsonl", "{\"input_length\": 20, \"hash_ids\": [0, 1]}\n{\"input_length\": 40, \"hash_ids\": [0, 1]}\n");
  CHECK_THROWS_WITH(load(f, trace_format::mooncake, {.block_size = 16}),
                    f.string() + ":2: Input length: 40, Hash IDs: [0, 1], Block size: 16 are not compatible. The final "
                                 "hash block size: 24 must be greater than 0 and less than or equal to 16.");
  const auto g = write(dir, "g.jsonl", "{\"input_length\": 16, \"hash_ids\": [0, 1]}\n");
  CHECK_THROWS_WITH(load(g, trace_format::mooncake, {.block_size = 16}),
                    Catch::Matchers::Contains(g.string() + ":1: Input length: 16") &&
                        Catch::Matchers::Contains("The final hash block size: 0 must be greater than 0"));
}

TEST_CASE("trace_dataset: offsets, max ISL/OSL, speed-up and sessions", "[datasets][trace_dataset]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "t.jsonl",
                       "{\"timestamp\": 100, \"input_length\": 10, \"output_length\": 50}\n"
                       "{\"timestamp\": 2000, \"input_length\": 30, \"output_length\": 500}\n"
                       "{\"timestamp\": 3001, \"input_length\": 10, \"output_length\": 5}\n"
                       "{\"session_id\": \"s\", \"input_length\": 12, \"output_length\": 4}\n"
                       "{\"session_id\": \"s\", \"delay\": 2500, \"input_length\": 8, \"output_length\": 3}\n"
                       "{\"timestamp\": 5000, \"input_length\": 999, \"output_length\": 5}\n");
  datasets::trace_load_report r;
  const auto convs = load(f, trace_format::mooncake,
                          {.start_offset_ms = 1000, .end_offset_ms = 5000, .speedup_ratio = 3, .max_isl = 100, .max_osl = 64},
                          7, &r);
  CHECK(r.rows == 6);
  CHECK(r.skipped_by_offsets == 1);  // 100 < start; 5000 is kept by the offsets (inclusive) ...
  CHECK(r.skipped_by_max_isl == 1);  // ... and skipped for its input length
  CHECK(r.capped_by_max_osl == 1);
  REQUIRE(convs.size() == 3);
  CHECK(convs[0].turns[0].timestamp_ms == 666);   // floor(2000 / 3)
  CHECK(convs[0].turns[0].max_tokens == 64);
  CHECK(convs[1].turns[0].timestamp_ms == 1000);  // floor(3001 / 3)
  CHECK(convs[1].id == "line-3");
  CHECK(convs[2].id == "s");
  REQUIRE(convs[2].turns.size() == 2);
  CHECK(convs[2].turns[0].timestamp_ms == -1);
  CHECK(convs[2].turns[1].delay_ms == 2500);  // think time is not sped up
  CHECK(convs[2].turns[1].input_tokens == 8);
  CHECK_THAT(datasets::describe(r, f, trace_format::mooncake),
             Catch::Matchers::Contains("6 rows read, 1 outside the start/end offsets, 1 skipped over --synthesis-max-isl"));
}

TEST_CASE("trace_dataset: --synthesis-*-multiplier transform the rows after grouping; prompts stay exact",
          "[datasets][trace_dataset][trace_synthesis]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "t.jsonl",
                       "{\"timestamp\": 0, \"input_length\": 20, \"output_length\": 5, \"hash_ids\": [0, 1]}\n"
                       "{\"timestamp\": 10, \"input_length\": 37, \"output_length\": 6, \"hash_ids\": [0, 3, 4]}\n"
                       "{\"timestamp\": 30, \"input_length\": 9, \"output_length\": 7}\n");
  datasets::hash_block_prompts blocks(o200k(), 7, 16);
  const std::string b0(blocks.block(0, 16)), b1(blocks.block(1, 16));

  SECTION("prefix x2: [0, 1] of 20 -> [0, 1, 2, 3] of 52; [0, 3, 4] of 37 -> 6 ids of 85") {
    datasets::trace_load_report r;
    const auto convs = load(f, trace_format::mooncake, {.block_size = 16, .prefix_len_multiplier = 2.0}, 7, &r);
    REQUIRE(convs.size() == 3);
    CHECK(r.synthesized);
    CHECK_THAT(datasets::describe(r, f, trace_format::mooncake), Catch::Matchers::Contains("synthesis transform applied"));
    CHECK(convs[0].turns[0].input_tokens == 52);
    CHECK(convs[1].turns[0].input_tokens == 85);
    CHECK((convs[2].turns[0].input_tokens == 20 || convs[2].turns[0].input_tokens == 37 ||
           convs[2].turns[0].input_tokens == 9));  // no ids: drawn from the input lengths
    for (auto const& c : convs) {
      CHECK(o200k().count(prompt_text(c.turns[0])) == static_cast<std::size_t>(c.turns[0].input_tokens));
      CHECK((c.turns[0].max_tokens >= 5 && c.turns[0].max_tokens <= 7));  // resampled from 5, 6, 7
    }
    CHECK(prompt_text(convs[0].turns[0]).starts_with(b0 + b1));  // the old last block, completed
    CHECK(convs[1].turns[0].timestamp_ms == 10);
    // The same seed, the same prompts and output lengths.
    const auto again = load(f, trace_format::mooncake, {.block_size = 16, .prefix_len_multiplier = 2.0}, 7);
    for (std::size_t i = 0; i < convs.size(); ++i) {
      CHECK(prompt_text(again[i].turns[0]) == prompt_text(convs[i].turns[0]));
      CHECK(again[i].turns[0].max_tokens == convs[i].turns[0].max_tokens);
    }
  }
  SECTION("roots x2: each row is sent on one of its two trees, at its own length") {
    const auto convs = load(f, trace_format::mooncake, {.block_size = 16, .prefix_root_multiplier = 2}, 7);
    REQUIRE(convs.size() == 3);
    CHECK(convs[0].turns[0].input_tokens == 20);
    const std::string p0 = prompt_text(convs[0].turns[0]);
    CHECK((p0 == b0 + std::string(blocks.block(1, 4)) || p0 == std::string(blocks.block(2, 16)) + std::string(blocks.block(3, 4))));
    for (auto const& c : convs)
      CHECK(o200k().count(prompt_text(c.turns[0])) == static_cast<std::size_t>(c.turns[0].input_tokens));
  }
  SECTION("multipliers of 1 leave the rows (and their output lengths) alone") {
    datasets::trace_load_report r;
    const auto convs = load(f, trace_format::mooncake, {.block_size = 16}, 7, &r);
    CHECK_FALSE(r.synthesized);
    CHECK(convs[2].turns[0].max_tokens == 7);
  }
}

TEST_CASE("trace_dataset: bailian turns in order within their session, burst_gpt prompts at the row's length",
          "[datasets][trace_dataset]") {
  aiperf_test::temp_dir dir;
  const auto b = write(dir, "b.jsonl",
                       "{\"chat_id\": 2, \"parent_chat_id\": 1, \"timestamp\": 2.5, \"input_length\": 32, \"turn\": 2, \"hash_ids\": [7, 8]}\n"
                       "{\"chat_id\": 1, \"parent_chat_id\": -1, \"timestamp\": 1.0, \"input_length\": 20, \"turn\": 1, \"hash_ids\": [7, 9]}\n");
  const auto convs = load(b, trace_format::bailian);
  REQUIRE(convs.size() == 1);
  REQUIRE(convs[0].turns.size() == 2);
  CHECK(convs[0].id == "bailian-1");
  CHECK_FALSE(convs[0].turns_carry_history);  // each Bailian row holds its whole context
  CHECK(convs[0].turns[0].timestamp_ms == 1000);
  CHECK(convs[0].turns[1].timestamp_ms == 2500);
  CHECK(convs[0].turns[0].input_tokens == 20);
  // Default Bailian block size 16: both turns open with the same block 7.
  datasets::hash_block_prompts blocks(o200k(), 7, 16);
  const std::string b7(blocks.block(7, 16));
  CHECK(prompt_text(convs[0].turns[0]).starts_with(b7));
  CHECK(prompt_text(convs[0].turns[1]).starts_with(b7));

  const auto g = write(dir, "g.csv", "Timestamp,Model,Request tokens,Response tokens\n0.5,a,33,4\n1.25,a,7,2\n");
  const auto gc = load(g, trace_format::burst_gpt);
  REQUIRE(gc.size() == 2);
  CHECK(gc[1].turns[0].timestamp_ms == 1250);
  CHECK(o200k().count(prompt_text(gc[0].turns[0])) == 33);
  CHECK(gc[0].turns[0].max_tokens == 4);
}

TEST_CASE("trace_dataset: the registered policies build from dataset_options", "[datasets][trace_dataset]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "t.jsonl", "{\"timestamp\": 0, \"input_length\": 600, \"hash_ids\": [0, 1]}\n");
  datasets::dataset_options o;
  o.input_file = f.string();
  std::vector<std::string> log;
  auto ds = datasets::mooncake_trace::from_options(o);
  const auto convs = ds.build(dataset_context{&o200k(), 1, [&](std::string_view line) { log.emplace_back(line); }});
  REQUIRE(convs.size() == 1);
  CHECK(convs[0].turns[0].input_tokens == 600);  // block 512 + 88
  REQUIRE(log.size() == 1);
  CHECK_THAT(log[0], Catch::Matchers::Contains("(mooncake_trace): 1 rows read; 600 prompt tokens, 2 unique hash blocks"));
  STATIC_REQUIRE(datasets::bailian_trace::name == "bailian_trace");
  STATIC_REQUIRE(datasets::burst_gpt_trace::name == "burst_gpt_trace");
}
