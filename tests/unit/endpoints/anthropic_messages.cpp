// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/anthropic_messages.hpp and the Anthropic shapes of
// impl/vendor_parse.ipp (spec load-generation §8.7).
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/anthropic_messages.hpp>

#include <initializer_list>
#include <string_view>

using namespace aiperf;
using endpoints::anthropic_messages;
using endpoints::endpoint_options;

namespace {
using header = std::pair<std::string, std::string>;
using aiperf::test::feed;
using aiperf::test::one_turn;
}  // namespace

TEST_CASE("messages encodes messages, model, max_tokens (default 1024), stream, system", "[endpoints][messages]") {
  anthropic_messages ep(endpoint_options{.model = "claude", .streaming = true});
  auto req = ep.encode(one_turn("hi", 64), 0);
  CHECK(req.path == "/v1/messages");
  CHECK(req.body == R"({"messages":[{"role":"user","content":"hi"}],"model":"claude","max_tokens":64,"stream":true})");
  conversation c = one_turn("a");
  c.system_message = "sys \"q\"";
  c.user_context_message = "ctx";
  c.turns.push_back(turn{"b", {}, -1, -1, 0, -1, ""});
  c.turns[0].reply = "r0";
  anthropic_messages plain(endpoint_options{.model = "claude", .extra_inputs_json = R"({"thinking":{"type":"enabled","budget_tokens":2048},"max_tokens":4096})"});
  CHECK(plain.encode(c, 1).body ==
        R"({"messages":[{"role":"user","content":"ctx"},{"role":"user","content":"a"},)"
        R"({"role":"assistant","content":"r0"},{"role":"user","content":"b"}],"model":"claude","max_tokens":4096,)"
        R"("stream":false,"system":"sys \"q\"","thinking":{"type":"enabled","budget_tokens":2048}})");
  CHECK(anthropic_messages(endpoint_options{.model = "claude"}).encode(one_turn("x"), 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"claude","max_tokens":1024,"stream":false})");
}

TEST_CASE("messages headers: x-api-key from --api-key, a default anthropic-version", "[endpoints][messages]") {
  auto req = anthropic_messages(endpoint_options{.model = "m", .headers = {{"X-Api-Key", "old"}, {"X-A", "1"}}, .api_key = "sk-ant"})
                 .encode(one_turn("x"), 0);
  REQUIRE(req.headers.size() == 3);
  CHECK(req.headers[0] == header{"X-A", "1"});
  CHECK(req.headers[1] == header{"x-api-key", "sk-ant"});
  CHECK(req.headers[2] == header{"anthropic-version", "2023-06-01"});
  // A user anthropic-version wins; no key: no x-api-key, and never an Authorization header.
  auto own = anthropic_messages(endpoint_options{.model = "m", .headers = {{"anthropic-version", "2024-01-01"}}})
                 .encode(one_turn("x"), 0);
  REQUIRE(own.headers.size() == 1);
  CHECK(own.headers[0] == header{"anthropic-version", "2024-01-01"});
}

TEST_CASE("messages stream: thinking then text deltas, tool json, usage from start and delta", "[endpoints][messages]") {
  anthropic_messages ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec = feed(
      ep, {R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","usage":{"input_tokens":25,"output_tokens":1}}})",
           R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})",
           R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}})",
           R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}})",
           R"({"type":"content_block_stop","index":0})",
           R"({"type":"ping"})",
           R"({"index":1,"delta":{"text":"Hello","type":"text_delta"},"type":"content_block_delta"})",
           R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"x\":"}})",
           R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}})",
           R"({"type":"message_stop"})",
           R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"late"}})"});
  CHECK(rec.reasoning == "hmm");
  CHECK(rec.content == R"(Hello{"x":)");
  REQUIRE(rec.chunks.size() == 10);  // nothing after message_stop
  CHECK(rec.chunks[0].has_usage);
  CHECK_FALSE(rec.chunks[0].is_content());
  CHECK(rec.chunks[2].reasoning_bytes == 3);
  CHECK_FALSE(rec.chunks[3].is_content());
  CHECK(rec.chunks[6].content_bytes == 5);
  CHECK(rec.usage.prompt_tokens == 25);
  CHECK(rec.usage.completion_tokens == 15);
  CHECK(rec.usage.reasoning_tokens == -1);
  CHECK_FALSE(rec.error);
}

TEST_CASE("messages body: text, thinking, tool_use blocks and usage", "[endpoints][messages]") {
  anthropic_messages ep(endpoint_options{.model = "m"});
  request_record rec = feed(
      ep, {R"({"id":"msg_1","type":"message","role":"assistant","model":"m","content":[)"
           R"({"type":"thinking","thinking":"plan","signature":"s"},{"type":"text","text":"Answer"},)"
           R"({"type":"tool_use","id":"t1","name":"get","input":{"city":"Paris"}}],)"
           R"("stop_reason":"tool_use","usage":{"input_tokens":10,"cache_read_input_tokens":0,"output_tokens":20}})"});
  CHECK(rec.reasoning == "plan");
  CHECK(rec.content == R"(Answerget{"city":"Paris"})");
  CHECK(rec.usage.prompt_tokens == 10);
  CHECK(rec.usage.completion_tokens == 20);
}

TEST_CASE("messages errors: error events and malformed data", "[endpoints][messages]") {
  anthropic_messages ep(endpoint_options{.model = "m", .streaming = true});
  request_record e1 = feed(ep, {R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"});
  REQUIRE(e1.error);
  CHECK(e1.error->code == 502);
  CHECK(e1.error->message == "Error occurred in SSE response: Overloaded");
  request_record e2 = feed(ep, {R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" bro)"});
  REQUIRE(e2.error);
  CHECK(e2.error->type == "SSEResponseError");
}
