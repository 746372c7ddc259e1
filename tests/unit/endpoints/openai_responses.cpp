// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/openai_responses.hpp and the Responses shapes of
// impl/vendor_parse.ipp (spec load-generation §8.6).
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/openai_responses.hpp>

#include <initializer_list>
#include <string_view>

using namespace aiperf;
using endpoints::endpoint_options;
using endpoints::openai_responses;
using aiperf::test::feed;
using aiperf::test::one_turn;

namespace {
/// Feeds each payload as its own response unit (arrival times 1, 2, ...).
}  // namespace

TEST_CASE("responses encodes input items, model, stream, max_output_tokens", "[endpoints][responses]") {
  openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  auto req = ep.encode(one_turn("hi \"there\"", 64), 0);
  CHECK(req.path == "/v1/responses");
  // No stream_options without --use-server-token-count: the API reports usage anyway.
  CHECK(req.body ==
        R"({"input":[{"type":"message","role":"user","content":"hi \"there\""}],"model":"m","stream":true,)"
        R"("max_output_tokens":64})");
  openai_responses counted(endpoint_options{.model = "m", .streaming = true, .use_server_token_count = true});
  CHECK(counted.encode(one_turn("x"), 0).body ==
        R"({"input":[{"type":"message","role":"user","content":"x"}],"model":"m","stream":true,)"
        R"("stream_options":{"include_usage":true}})");
  openai_responses plain(endpoint_options{.model = "m", .use_server_token_count = true});
  CHECK(plain.encode(one_turn("x"), 0).body ==
        R"({"input":[{"type":"message","role":"user","content":"x"}],"model":"m","stream":false})");
}

TEST_CASE("responses: system -> instructions, user context and history as items, extras merge last",
          "[endpoints][responses]") {
  conversation c = one_turn("a");
  c.system_message = "sys";
  c.user_context_message = "ctx";
  c.turns.push_back(turn{"b", {}, -1, 8, 0, -1, "m2"});
  c.turns[0].reply = "r0";
  openai_responses ep(endpoint_options{.model = "m", .extra_inputs_json = R"({"store":false,"temperature":0})"});
  CHECK(ep.encode(c, 1).body ==
        R"({"input":[{"type":"message","role":"user","content":"ctx"},)"
        R"({"type":"message","role":"user","content":"a"},{"type":"message","role":"assistant","content":"r0"},)"
        R"({"type":"message","role":"user","content":"b"}],"model":"m2","stream":false,"instructions":"sys",)"
        R"("max_output_tokens":8,"store":false,"temperature":0})");
  auto req = openai_responses(endpoint_options{.model = "m", .api_key = "sk"}).encode(one_turn("x"), 0);
  REQUIRE(req.headers.size() == 1);
  CHECK(req.headers[0] == std::pair<std::string, std::string>{"Authorization", "Bearer sk"});
}

TEST_CASE("responses stream: reasoning then text deltas, done text ignored, usage from completed",
          "[endpoints][responses]") {
  openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec = feed(
      ep, {R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[],"usage":null}})",
           R"({"type":"response.reasoning_text.delta","sequence_number":1,"item_id":"rs_1","output_index":0,"content_index":0,"delta":"think"})",
           R"({"type":"response.reasoning_summary_text.delta","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":" more"})",
           R"({"sequence_number":3,"delta":" Hello","type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0})",
           R"({"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_1","output_index":2,"delta":"{\"a\":1}"})",
           R"({"type":"response.output_text.done","sequence_number":5,"item_id":"msg_1","output_index":1,"content_index":0,"text":" Hello"})",
           R"({"type":"response.completed","sequence_number":6,"response":{"id":"resp_1","object":"response","status":"completed","output":[],)"
           R"("usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":21}}})",
           R"({"type":"response.output_text.delta","delta":" after"})"});
  CHECK(rec.reasoning == "think more");
  CHECK(rec.content == R"( Hello{"a":1})");
  REQUIRE(rec.chunks.size() == 7);
  CHECK_FALSE(rec.chunks[0].is_content());
  CHECK(rec.chunks[1].reasoning_bytes == 5);  // TTFT: the first reasoning delta
  CHECK(rec.chunks[3].content_bytes == 6);    // TTFO: the first output text
  CHECK_FALSE(rec.chunks[5].is_content());    // the done event repeats the text: not counted
  CHECK(rec.chunks[6].has_usage);
  CHECK(rec.usage.prompt_tokens == 12);
  CHECK(rec.usage.completion_tokens == 9);
  CHECK(rec.usage.reasoning_tokens == 2);
  CHECK(rec.usage.total_tokens == 21);
  CHECK_FALSE(rec.error);
}

TEST_CASE("responses stream without deltas: the done event's text counts", "[endpoints][responses]") {
  openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec =
      feed(ep, {R"({"type":"response.output_text.done","output_index":0,"content_index":0,"text":"whole"})"});
  CHECK(rec.content == "whole");
}

TEST_CASE("responses body: reasoning, message, function_call, usage, the output_text fallback",
          "[endpoints][responses]") {
  openai_responses ep(endpoint_options{.model = "m"});
  request_record rec = feed(
      ep, {R"({"id":"resp_1","object":"response","status":"completed","model":"m","output":[)"
           R"({"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"sum"}],"content":[{"type":"reasoning_text","text":" why"}]},)"
           R"({"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]},)"
           R"({"type":"function_call","name":"f","arguments":"{}","call_id":"c"}],)"
           R"("usage":{"input_tokens":3,"output_tokens":4,"output_tokens_details":{"reasoning_tokens":1},"total_tokens":7}})"});
  CHECK(rec.reasoning == "sum why");
  CHECK(rec.content == "Hi theref{}");
  CHECK(rec.usage.prompt_tokens == 3);
  CHECK(rec.usage.completion_tokens == 4);
  CHECK(rec.usage.reasoning_tokens == 1);

  request_record fb = feed(ep, {R"({"object":"response","output":[],"output_text":"plain"})"});
  CHECK(fb.content == "plain");
}

TEST_CASE("responses errors: error events, response.failed, malformed data", "[endpoints][responses]") {
  openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  request_record e1 = feed(ep, {R"({"type":"response.output_text.delta","delta":"a"})",
                                R"({"type":"error","code":"server_error","message":"boom","param":null})"});
  REQUIRE(e1.error);
  CHECK(e1.error->code == 502);
  CHECK(e1.error->message == "Error occurred in SSE response: boom");
  CHECK(e1.content == "a");

  request_record e2 = feed(ep, {R"({"type":"response.failed","response":{"status":"failed","error":{"code":"rate_limit_exceeded","message":"slow down"}}})"});
  REQUIRE(e2.error);
  CHECK(e2.error->message == "Error occurred in SSE response: slow down");

  request_record e3 = feed(ep, {R"({"type":"response.output_text.delta","delta":" bro)"});
  REQUIRE(e3.error);
  CHECK(e3.error->code == 502);
  CHECK(e3.error->type == "SSEResponseError");
}

TEST_CASE("responses: broken JSON inside a body or event field is a malformed-data error (issue 12 fuzz find)",
          "[endpoints][responses]") {
  // simdjson abandoned the document at the broken `usage`; the next field lookup walked a dead
  // document (a null dereference under UBSan).
  openai_responses body_ep(endpoint_options{.model = "m", .streaming = false});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(1);
  body_ep.on_body(R"({"object":"response","usage":{"input_tokens":[5",2],"output_tokens":1},"x":1})", sink);
  REQUIRE(rec.error);
  CHECK(rec.error->type == "SSEResponseError");

  openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  request_record e = feed(ep, {R"({"type":"response.output_text.delta","x":{"a":tru},"delta":"a"})"});
  REQUIRE(e.error);
  CHECK(e.error->type == "SSEResponseError");
}
