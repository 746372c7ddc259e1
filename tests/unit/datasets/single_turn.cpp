// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/single_turn.hpp: literal prompts, texts joined, sessions in
// file order, timestamps and delays kept, and the spec's sentences for bad lines.
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <fstream>

using namespace aiperf;

namespace {
using aiperf_test::o200k;
std::filesystem::path write(aiperf_test::temp_dir const& dir, std::string const& text) {
  return aiperf_test::write_file(dir / "s.jsonl", text);
}
std::vector<conversation> load(std::filesystem::path const& f) {
  return datasets::load_single_turn(f, dataset_context{&o200k(), 1});
}
}  // namespace

TEST_CASE("single_turn: prompts, lengths, sessions, timestamps and delays", "[datasets][single_turn]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir,
                       "{\"text\": \"What is machine learning?\"}\n"
                       "{\"text\": \"Write a haiku.\", \"output_length\": 50, \"role\": \"user\"}\n"
                       "{\"texts\": [\"first\", \"second\"], \"session_id\": \"s1\"}\n"
                       "\n"
                       "{\"texts\": [{\"name\": \"query\", \"contents\": [\"how to\", \"bake bread\"]}], \"session_id\": \"s1\", "
                       "\"delay\": 500}\n"
                       "{\"text\": \"later\", \"timestamp\": 1000.7}\n");
  const auto convs = load(f);
  REQUIRE(convs.size() == 4);
  CHECK(convs[0].id == "line-1");
  CHECK(convs[0].turns[0].text == "What is machine learning?");
  CHECK(convs[0].turns[0].input_tokens == static_cast<std::int64_t>(o200k().count("What is machine learning?")));
  CHECK(convs[0].turns[0].max_tokens == -1);
  CHECK(convs[1].turns[0].max_tokens == 50);
  CHECK(convs[2].id == "s1");
  REQUIRE(convs[2].turns.size() == 2);
  CHECK(convs[2].turns[0].text == "first second");
  CHECK(convs[2].turns[1].text == "how to bake bread");
  CHECK(convs[2].turns[1].delay_ms == 500);
  CHECK(convs[3].id == "line-6");
  CHECK(convs[3].turns[0].timestamp_ms == 1000);
  CHECK(datasets::looks_like_single_turn(f));
  CHECK_FALSE(datasets::looks_like_single_turn(write(dir, "{\"input_length\": 5}\n")));
}

TEST_CASE("single_turn: bad lines name file:line, with the spec's sentences", "[datasets][single_turn]") {
  aiperf_test::temp_dir dir;
  auto error_of = [&](std::string const& line) {
    const auto f = write(dir, "{\"text\": \"ok\"}\n" + line + "\n");
    return aiperf_test::error_of<datasets::trace_error>([&] { load(f); });
  };
  const std::string at = (dir / "s.jsonl").string() + ":2: ";
  CHECK(error_of("{\"text\": \"a\", \"texts\": [\"b\"]}") == at + "text and texts cannot be set together");
  CHECK(error_of("{\"output_length\": 5}") == at + "At least one modality must be provided");
  CHECK(error_of("{\"text\": \"a\", \"timestamp\": 1, \"delay\": 2}") == at + "timestamp and delay cannot be set together");
  CHECK(error_of("{\"text\": \"a\", \"image\": \"/x.png\"}") == at + "image: no such file: '/x.png' (local paths are read and sent base64-encoded; URLs need http(s)://)");
  CHECK(error_of("{\"texts\": [1]}") == at + "texts[0]: expected a string or a {name, contents} object");
  CHECK(error_of("{\"text\": \"a\", \"role\": \"assistant\"}") ==
        at + "role: only 'user' turns are supported by this build, got 'assistant'");
  CHECK(error_of("{\"text\": 5}") == at + "text: expected a string, got a number");
}
