// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/trace_file.hpp: the three trace formats read into rows in
// milliseconds, format detection, and errors that name FILE:LINE: FIELD (or the spec's sentence).
#include "catch.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/trace_file.hpp>

#include <fstream>

using namespace aiperf;
using datasets::trace_error;
using datasets::trace_format;
using Catch::Matchers::Contains;

namespace {
std::filesystem::path write(aiperf_test::temp_dir const& dir, std::string const& name, std::string const& text) {
  auto p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
}  // namespace

TEST_CASE("trace_file: mooncake rows keep every field, in ms, sessions numbered in file order", "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "t.jsonl",
                       "{\"timestamp\": 0, \"input_length\": 655, \"output_length\": 52, \"hash_ids\": [0, 1]}\n"
                       "\n"
                       "{\"timestamp\": 105.5, \"input_length\": 1800, \"output_length\": 26, \"hash_ids\": [0, 3, 4, 5]}\r\n"
                       "{\"session_id\": \"abc\", \"input_length\": 300, \"output_length\": 40}\n"
                       "{\"session_id\": \"abc\", \"delay\": 2000, \"input_length\": 150, \"output_length\": 20}\n"
                       "{\"text_input\": \"Hello world\", \"output_length\": 4, \"session_id\": 7}\n");
  const auto rows = datasets::read_trace(f, trace_format::mooncake);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].line == 1);
  CHECK(rows[0].timestamp_ms == 0.0);
  CHECK(rows[0].input_length == 655);
  CHECK(rows[0].output_length == 52);
  CHECK(rows[0].hash_ids == std::vector<std::int64_t>{0, 1});
  CHECK(rows[0].session_id.empty());
  CHECK(rows[1].line == 3);
  CHECK(rows[1].timestamp_ms == 105.5);
  CHECK(rows[1].hash_ids == std::vector<std::int64_t>{0, 3, 4, 5});
  CHECK(rows[2].session_id == "abc");
  CHECK(rows[2].turn == 1);
  CHECK_FALSE(rows[2].timestamp_ms);
  CHECK(rows[3].turn == 2);
  CHECK(rows[3].delay_ms == 2000.0);
  CHECK(rows[4].input_length == -1);
  CHECK(rows[4].text_input == "Hello world");
  CHECK(rows[4].session_id == "7");
}

TEST_CASE("trace_file: mooncake errors name file:line and the field, or give the spec's sentence", "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  auto error_of = [&](std::string const& second_line) {
    const auto f = write(dir, "bad.jsonl", "{\"input_length\": 10}\n" + second_line + "\n");
    try {
      datasets::read_trace(f, trace_format::mooncake);
    } catch (trace_error const& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string at = (dir / "bad.jsonl").string() + ":2: ";
  CHECK(error_of("{\"output_length\": 3}") ==
        at + "Exactly one of 'input_length', 'text_input', 'messages', or 'payload' must be provided");
  CHECK(error_of("{\"input_length\": 3, \"text_input\": \"x\"}") ==
        at + "'input_length', 'text_input', 'messages', and 'payload' are mutually exclusive. Use only one of them.");
  CHECK_THAT(error_of("{\"text_input\": \"x\", \"hash_ids\": [1]}"),
             Contains(at + "'hash_ids' is only allowed when 'input_length' is provided"));
  CHECK(error_of("{\"input_length\": \"12\"}") == at + "input_length: expected an integer, got a string");
  CHECK(error_of("{\"input_length\": 12.5}") == at + "input_length: expected an integer, got 12.5");
  CHECK(error_of("{\"input_length\": -3}") == at + "input_length: must be >= 0, got -3");
  CHECK(error_of("{\"input_length\": 0}") == at + "input_length: must be >= 1");
  CHECK(error_of("{\"input_length\": 5, \"hash_ids\": [1, \"a\"]}") == at + "hash_ids[1]: expected an integer, got a string");
  CHECK(error_of("{\"input_length\": 5, \"timestamp\": -1}") == at + "timestamp: must be a finite number >= 0, got -1");
  CHECK(error_of("{\"input_length\": 5, \"timestamp\": true}") == at + "timestamp: expected a number, got a boolean");
  CHECK_THAT(error_of("{\"input_length\": 5,"), Contains(at + "invalid JSON in trace line"));
  CHECK(error_of("[1, 2]") == at + "trace line must be a JSON object");
  CHECK(error_of("{\"input_length\": 512.0}") == "no error");  // an integral number is an integer
}

TEST_CASE("trace_file: a missing file or a directory is one clear line", "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  CHECK_THROWS_WITH(datasets::read_trace(dir / "none.jsonl", trace_format::mooncake),
                    (dir / "none.jsonl").string() + ": no such file");
  CHECK_THROWS_WITH(datasets::read_trace(dir.path(), trace_format::mooncake),
                    Contains("is a directory"));
}

TEST_CASE("trace_file: bailian timestamps are seconds, sessions are parent chains named by their root",
          "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "b.jsonl",
                       "{\"chat_id\": 159, \"parent_chat_id\": -1, \"timestamp\": 61.114, \"input_length\": 521, "
                       "\"output_length\": 132, \"type\": \"text\", \"turn\": 1, \"hash_ids\": [1089, 1090]}\n"
                       "{\"chat_id\": 160, \"parent_chat_id\": 159, \"timestamp\": 62.5, \"input_length\": 400, "
                       "\"output_length\": 80, \"type\": \"text\", \"turn\": 2, \"hash_ids\": [1089]}\n"
                       "{\"chat_id\": 170, \"parent_chat_id\": 160, \"timestamp\": 63, \"input_length\": 10, \"turn\": 3}\n"
                       "{\"chat_id\": 200, \"timestamp\": 64, \"input_length\": 10}\n"
                       "{\"chat_id\": 300, \"parent_chat_id\": 999, \"timestamp\": 65, \"input_length\": 10}\n"
                       "{\"chat_id\": 402, \"parent_chat_id\": 401, \"input_length\": 10}\n"
                       "{\"chat_id\": 401, \"parent_chat_id\": 402, \"input_length\": 10}\n");
  const auto rows = datasets::read_trace(f, trace_format::bailian);
  REQUIRE(rows.size() == 7);
  CHECK(rows[0].timestamp_ms == Approx(61114.0));
  CHECK(rows[0].session_id == "bailian-159");
  CHECK(rows[1].session_id == "bailian-159");
  CHECK(rows[2].session_id == "bailian-159");
  CHECK(rows[2].turn == 3);
  CHECK(rows[1].hash_ids == std::vector<std::int64_t>{1089});
  CHECK(rows[3].session_id == "bailian-200");   // no parent_chat_id: a root
  CHECK(rows[4].session_id == "bailian-300");   // missing parent: a root
  CHECK(rows[5].session_id == "bailian-401");   // a cycle: its smallest chat_id
  CHECK(rows[6].session_id == "bailian-401");
  CHECK(rows[3].output_length == -1);

  const auto dup = write(dir, "dup.jsonl", "{\"chat_id\": 1, \"input_length\": 3}\n{\"chat_id\": 1, \"input_length\": 3}\n");
  CHECK_THROWS_WITH(datasets::read_trace(dup, trace_format::bailian),
                    dup.string() + ":2: chat_id: duplicate chat_id 1 (first on line 1)");
  const auto nochat = write(dir, "nochat.jsonl", "{\"input_length\": 3}\n");
  CHECK_THROWS_WITH(datasets::read_trace(nochat, trace_format::bailian), nochat.string() + ":1: chat_id: required");
}

TEST_CASE("trace_file: burst_gpt CSV, seconds to ms, unparsable rows skipped, missing columns named",
          "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  const auto f = write(dir, "g.csv",
                       "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
                       "5,ChatGPT,472,18,490,Conversation log\n"
                       "45,\"GPT-4, large\",1087,230,1317,Conversation log\n"
                       "46,ChatGPT,abc,230,1317,Conversation log\n"
                       "47,ChatGPT,0,10,10,Conversation log\n"
                       "48.5,ChatGPT,20,0,20,API log\n");
  const auto rows = datasets::read_trace(f, trace_format::burst_gpt);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].timestamp_ms == 5000.0);
  CHECK(rows[0].input_length == 472);
  CHECK(rows[0].output_length == 18);
  CHECK(rows[1].line == 3);  // the quoted comma did not shift the columns
  CHECK(rows[1].input_length == 1087);
  CHECK(rows[2].timestamp_ms == 48500.0);
  CHECK(rows[2].output_length == 0);

  const auto bad = write(dir, "bad.csv", "Timestamp,Model,Response tokens\n1,a,2\n");
  CHECK_THROWS_WITH(datasets::read_trace(bad, trace_format::burst_gpt),
                    "Missing required columns {'Request tokens'} in '" + bad.string() + "'");
}

TEST_CASE("trace_file: the format is detected from the first record", "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  CHECK(datasets::detect_trace_format(write(dir, "m.jsonl", "\n{\"timestamp\": 1, \"input_length\": 3}\n")) ==
        trace_format::mooncake);
  CHECK(datasets::detect_trace_format(write(dir, "b.jsonl", "{\"chat_id\": 1, \"input_length\": 3}\n")) ==
        trace_format::bailian);
  CHECK(datasets::detect_trace_format(write(dir, "g.csv", "Timestamp,Request tokens,Response tokens\n1,2,3\n")) ==
        trace_format::burst_gpt);
  CHECK_FALSE(datasets::detect_trace_format(write(dir, "x.jsonl", "{\"text\": \"hi\"}\n")));
  CHECK(datasets::trace_format_from_name("bailian_trace") == trace_format::bailian);
  CHECK_FALSE(datasets::trace_format_from_name("single_turn"));
  CHECK(datasets::default_block_size(trace_format::mooncake) == 512);
  CHECK(datasets::default_block_size(trace_format::bailian) == 16);
}

TEST_CASE("trace_file: whether the first record has a timestamp (fixed-schedule auto-promotion)", "[datasets][trace_file]") {
  aiperf_test::temp_dir dir;
  CHECK(datasets::first_record_has_timestamp(write(dir, "a.jsonl", "\n{\"timestamp\": 0, \"input_length\": 3}\n{\"input_length\": 3}\n"),
                                             trace_format::mooncake));
  CHECK_FALSE(datasets::first_record_has_timestamp(write(dir, "b.jsonl", "{\"input_length\": 3}\n{\"timestamp\": 0, \"input_length\": 3}\n"),
                                                   trace_format::mooncake));
  CHECK_FALSE(datasets::first_record_has_timestamp(write(dir, "c.jsonl", "{\"timestamp\": null, \"input_length\": 3}\n"),
                                                   trace_format::mooncake));
  CHECK(datasets::first_record_has_timestamp(write(dir, "d.csv", "Timestamp,Request tokens,Response tokens\n"),
                                             trace_format::burst_gpt));
}
