// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/tgi_generate.hpp and the TGI shapes of
// impl/vendor_parse.ipp (spec load-generation §8.10).
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/tgi_generate.hpp>

#include <initializer_list>
#include <string_view>

using namespace aiperf;
using endpoints::endpoint_options;
using endpoints::tgi_generate;
using aiperf::test::feed;
using aiperf::test::one_turn;
using aiperf::test::unit_kind;

TEST_CASE("huggingface_generate: inputs and parameters, --extra-inputs go into parameters", "[endpoints][tgi]") {
  tgi_generate ep(endpoint_options{.model = "m", .extra_inputs_json = R"({"temperature":0.1,"max_new_tokens":9})"});
  auto req = ep.encode(one_turn("hi \"x\"", 32), 0);
  CHECK(req.path == "/generate");
  CHECK(req.body == R"({"inputs":"hi \"x\"","parameters":{"max_new_tokens":9,"temperature":0.1}})");
  CHECK(tgi_generate(endpoint_options{.model = "m"}).encode(one_turn("a"), 0).body == R"({"inputs":"a","parameters":{}})");
  // Streaming: /generate_stream, and no stream flag in the body.
  tgi_generate s(endpoint_options{.model = "m", .streaming = true, .use_server_token_count = true});
  CHECK(s.encode(one_turn("a", 4), 0).path == "/generate_stream");
  CHECK(s.encode(one_turn("a", 4), 0).body == R"({"inputs":"a","parameters":{"max_new_tokens":4}})");
  // --use-server-token-count without streaming asks for details (generated_tokens).
  tgi_generate d(endpoint_options{.model = "m", .use_server_token_count = true});
  CHECK(d.encode(one_turn("a", 4), 0).body == R"({"inputs":"a","parameters":{"max_new_tokens":4,"details":true}})");
  // A path given by the driver (--endpoint, the URL's path) wins.
  CHECK(tgi_generate(endpoint_options{.model = "m", .streaming = true, .path = "/tgi/generate_stream"}).options().path ==
        "/tgi/generate_stream");
  CHECK(tgi_generate::path_for(true) == "generate_stream");
  static_assert(!tgi_generate::sends_conversation_context);
}

TEST_CASE("huggingface_generate stream: token texts, special tokens skipped, details as usage", "[endpoints][tgi]") {
  tgi_generate ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec = feed(
      ep, {R"({"index":1,"token":{"id":5,"text":" the","logprob":-0.1,"special":false},"generated_text":null,"details":null})",
           R"({"index":2,"token":{"special":false,"id":6,"text":" of","logprob":-0.2},"generated_text":null,"details":null})",
           R"({"index":3,"token":{"id":2,"text":"</s>","logprob":0.0,"special":true},"generated_text":" the of",)"
           R"("details":{"finish_reason":"eos_token","generated_tokens":3,"seed":null,"input_length":7}})",
           R"({"index":4,"token":{"id":7,"text":" late","special":false}})"});
  CHECK(rec.content == " the of");
  REQUIRE(rec.chunks.size() == 3);
  CHECK(rec.chunks[0].content_bytes == 4);
  CHECK_FALSE(rec.chunks[2].is_content());
  CHECK(rec.chunks[2].has_usage);
  CHECK(rec.usage.completion_tokens == 3);
  CHECK(rec.usage.prompt_tokens == 7);
  CHECK_FALSE(rec.error);
}

TEST_CASE("huggingface_generate body: object or one-element array, details", "[endpoints][tgi]") {
  tgi_generate ep(endpoint_options{.model = "m"});
  request_record a = feed(ep, {R"({"generated_text":"Hello world","details":{"finish_reason":"length","generated_tokens":2,"seed":null,"prefill":[{"id":1,"text":"a"},{"id":2,"text":"b"}],"tokens":[]}})"}, unit_kind::body);
  CHECK(a.content == "Hello world");
  CHECK(a.usage.completion_tokens == 2);
  CHECK(a.usage.prompt_tokens == 2);
  request_record b = feed(ep, {R"([{"generated_text":"Hi"}])"}, unit_kind::body);
  CHECK(b.content == "Hi");
  CHECK_FALSE(b.usage.any());
  CHECK_FALSE(b.error);
}

TEST_CASE("huggingface_generate errors: in-stream error events, malformed data", "[endpoints][tgi]") {
  tgi_generate ep(endpoint_options{.model = "m", .streaming = true});
  request_record e1 = feed(ep, {R"({"error":"Request failed during generation: out of memory","error_type":"generation"})"});
  REQUIRE(e1.error);
  CHECK(e1.error->code == 502);
  CHECK(e1.error->message == "Error occurred in SSE response: Request failed during generation: out of memory");
  request_record e2 = feed(ep, {R"({"index":1,"token":{"id":5,"text":" bro)"});
  REQUIRE(e2.error);
  CHECK(e2.error->type == "SSEResponseError");
}
