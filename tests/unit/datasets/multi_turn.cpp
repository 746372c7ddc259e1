// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/multi_turn.hpp: turns in order with history, the leading
// system turn hoisted, delays and timestamps kept, sessions across lines, detection, and
// FILE:LINE: turns[i].field messages for bad turns.
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/multi_turn.hpp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

using namespace aiperf;

namespace {
using aiperf_test::o200k;
std::filesystem::path write(aiperf_test::temp_dir const& dir, std::string const& text) {
  return aiperf_test::write_file(dir / "m.jsonl", text);
}
std::vector<conversation> load(std::filesystem::path const& f) {
  return datasets::load_multi_turn(f, dataset_context{&o200k(), 1});
}
}  // namespace

TEST_CASE("multi_turn: turns in order, system message, delays, timestamps, sessions", "[datasets][multi_turn]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir,
                       "{\"session_id\": \"chat_1\", \"turns\": [{\"text\": \"What is ML?\"}, "
                       "{\"text\": \"Example?\", \"delay\": 2000, \"output_length\": 30}]}\n"
                       "{\"session_id\": \"chat_2\", \"turns\": [{\"role\": \"system\", \"text\": \"Be terse.\"}, "
                       "{\"texts\": [\"Explain\", \"NNs.\"], \"role\": \"user\"}]}\n"
                       "\n"
                       "{\"turns\": [{\"text\": \"at one second\", \"timestamp\": 1000.9}]}\n"
                       "{\"session_id\": \"chat_1\", \"turns\": [{\"text\": \"And another?\", \"delay\": 500.4}]}\n"
                       "{\"session_id\": 7, \"turns\": [{\"text\": \"numeric id\"}]}\n");
  const auto convs = load(f);
  REQUIRE(convs.size() == 4);

  CHECK(convs[0].id == "chat_1");
  CHECK(convs[0].turns_carry_history);
  CHECK(convs[0].system_message.empty());
  REQUIRE(convs[0].turns.size() == 3);  // line 5 adds its turn to chat_1
  CHECK(convs[0].turns[0].text == "What is ML?");
  CHECK(convs[0].turns[0].input_tokens == static_cast<std::int64_t>(o200k().count("What is ML?")));
  CHECK(convs[0].turns[0].delay_ms == 0);
  CHECK(convs[0].turns[0].max_tokens == -1);
  CHECK(convs[0].turns[1].text == "Example?");
  CHECK(convs[0].turns[1].delay_ms == 2000);
  CHECK(convs[0].turns[1].max_tokens == 30);
  CHECK(convs[0].turns[2].text == "And another?");
  CHECK(convs[0].turns[2].delay_ms == 500);

  CHECK(convs[1].id == "chat_2");
  CHECK(convs[1].system_message == "Be terse.");
  REQUIRE(convs[1].turns.size() == 1);  // the system turn is not a request
  CHECK(convs[1].turns[0].text == "Explain NNs.");

  CHECK(convs[2].id == "line-4");  // no session_id: its own conversation, named by its line
  REQUIRE(convs[2].turns.size() == 1);
  CHECK(convs[2].turns[0].timestamp_ms == 1000);

  CHECK(convs[3].id == "7");

  CHECK(datasets::looks_like_multi_turn(f));
  CHECK_FALSE(datasets::looks_like_single_turn(f));
  CHECK_FALSE(datasets::looks_like_multi_turn(write(dir, "{\"text\": \"single\"}\n")));
  CHECK_FALSE(datasets::looks_like_multi_turn(write(dir, "{\"turns\": \"not a list\"}\n")));
}

TEST_CASE("multi_turn: bad lines and turns name file:line and turns[i], with the spec's sentences",
          "[datasets][multi_turn]") {
  aiperf_test::temp_dir dir;
  auto error_of = [&](std::string const& line) {
    const auto f = write(dir, "{\"turns\": [{\"text\": \"ok\"}]}\n" + line + "\n");
    return aiperf_test::error_of<datasets::trace_error>([&] { load(f); });
  };
  const std::string at = (dir / "m.jsonl").string() + ":2: ";
  CHECK(error_of("{\"session_id\": \"s\", \"turns\": []}") == at + "At least one turn must be provided");
  CHECK(error_of("{\"session_id\": \"s\"}") == at + "turns: required: the conversation's turns, a list of single_turn records");
  CHECK(error_of("{\"turns\": {\"text\": \"a\"}}") == at + "turns: expected a list of single_turn records");
  CHECK(error_of("{\"turns\": [\"a\"]}") == at + "turns[0]: expected a single_turn object");
  // Each turn is a single_turn record: its sentences and fields are single_turn's, placed.
  CHECK(error_of("{\"turns\": [{\"text\": \"a\"}, {\"output_length\": 5}]}") ==
        at + "turns[1]: At least one modality must be provided");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\", \"texts\": [\"b\"]}]}") == at + "turns[0]: text and texts cannot be set together");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\", \"timestamp\": 1, \"delay\": 2}]}") ==
        at + "turns[0]: timestamp and delay cannot be set together");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\"}, {\"text\": 5}]}") == at + "turns[1].text: expected a string, got a number");
  CHECK(error_of("{\"turns\": [{\"texts\": [1]}]}") == at + "turns[0].texts[0]: expected a string or a {name, contents} object");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\", \"image\": \"/x.png\"}]}") == at + "turns[0].image: no such file: '/x.png' (local paths are read and sent base64-encoded; URLs need http(s)://)");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\", \"delay\": -1}]}") == at + "turns[0].delay: must be a finite number >= 0, got -1");
  // Roles: user turns, and one leading system turn that is not itself a request.
  CHECK(error_of("{\"turns\": [{\"text\": \"a\"}, {\"text\": \"b\", \"role\": \"assistant\"}]}") ==
        at + "turns[1].role: only 'user' turns (and a leading 'system' turn) are supported by this build, got 'assistant'");
  CHECK(error_of("{\"turns\": [{\"text\": \"a\"}, {\"text\": \"b\", \"role\": \"system\"}]}") ==
        at + "turns[1].role: a system turn must be the conversation's first turn (it becomes the system message)");
  CHECK(error_of("{\"turns\": [{\"text\": \"s\", \"role\": \"system\", \"delay\": 5}, {\"text\": \"b\"}]}") ==
        at + "turns[0].delay: a system turn is the conversation's system message, not a request: it takes no delay");
  CHECK(error_of("{\"turns\": [{\"text\": \"s\", \"role\": \"system\", \"output_length\": 5}, {\"text\": \"b\"}]}") ==
        at + "turns[0].output_length: a system turn is the conversation's system message, not a request: it takes no "
             "output_length");
  CHECK(error_of("{\"turns\": [{\"text\": \"s\", \"role\": \"system\"}]}") ==
        at + "At least one turn must be provided (the system turn is the system message, not a request)");
  CHECK(error_of("not json").starts_with(at + "invalid JSON in trace line: "));
  // A later line of a session that already has a system message cannot open with another.
  const auto f = write(dir,
                       "{\"session_id\": \"s\", \"turns\": [{\"role\": \"system\", \"text\": \"a\"}, {\"text\": \"b\"}]}\n"
                       "{\"session_id\": \"s\", \"turns\": [{\"role\": \"system\", \"text\": \"c\"}, {\"text\": \"d\"}]}\n");
  CHECK_THROWS_WITH(load(f), at + "turns[0].role: a system turn must be the conversation's first turn (it becomes the "
                                  "system message)");
  CHECK_THROWS_WITH(load(write(dir, "\n\n")), (dir / "m.jsonl").string() + ": no conversations in the file");
}

TEST_CASE("multi_turn: the policy reads --input-file and is a Dataset", "[datasets][multi_turn]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "{\"session_id\": \"a\", \"turns\": [{\"text\": \"one\"}, {\"text\": \"two\"}]}\n");
  datasets::dataset_options o;
  o.input_file = f.string();
  const auto d = datasets::multi_turn::from_options(o);
  CHECK(datasets::multi_turn::can_load(f));
  const auto convs = d.build(dataset_context{&o200k(), 3});
  REQUIRE(convs.size() == 1);
  CHECK(convs[0].turns.size() == 2);
  CHECK_THROWS_AS(d.build(dataset_context{}), std::invalid_argument);  // a tokenizer is required
}
