// SPDX-License-Identifier: Apache-2.0
// aiperf-mock-server's Responses, Anthropic Messages and TGI routes, read back through aiperf's
// own endpoints (the same parsers the driver uses): content and reasoning words, usage, the
// paths' streaming and non-streaming shapes, and each vendor's error and fault shapes.
#include "catch.hpp"
#include "raw_client.hpp"

#include <aiperf/endpoints/anthropic_messages.hpp>
#include <aiperf/endpoints/openai_responses.hpp>
#include <aiperf/endpoints/tgi_generate.hpp>

using namespace mock_test;
using aiperf::request_record;
using aiperf::response_sink;
using aiperf::endpoints::endpoint_options;

namespace {
std::size_t words(std::string_view s) { return count_occurrences(s, " "); }

/// The response as the driver would record it: each SSE event's data through on_event, or
/// the body through on_body.
template <class E>
request_record decode(E ep, response const& r) {
  request_record rec;
  response_sink sink(rec);
  if (r.headers.count("content-type") && r.headers.at("content-type") == "text/event-stream") {
    std::int64_t t = 0;
    for (auto const& d : r.data()) {
      if (sink.is_done()) break;
      sink.begin_unit(++t);
      ep.on_event(d, sink);
    }
  } else {
    sink.begin_unit(1);
    ep.on_body(r.body, sink);
  }
  return rec;
}

mock::server_config thinking(unsigned reasoning) {
  mock::server_config cfg;
  cfg.reasoning_tokens = reasoning;
  return cfg;
}
}  // namespace

TEST_CASE("mock /v1/responses: reasoning and text events, usage, bodies", "[mock][vendor]") {
  embedded_server s(thinking(3));
  raw_client c(s.port());
  aiperf::endpoints::openai_responses ep(endpoint_options{.model = "m", .streaming = true});
  auto r = c.post("/v1/responses", R"({"model":"m","input":[{"type":"message","role":"user","content":"a b c"}],)"
                                   R"("max_output_tokens":5,"stream":true})");
  REQUIRE(r.status == 200);
  CHECK(count_occurrences(r.body, "event: response.output_text.delta") == 5);
  request_record rec = decode(ep, r);
  CHECK_FALSE(rec.error);
  CHECK(words(rec.reasoning) == 3);
  CHECK(words(rec.content) == 5);  // the done event's repeat is not counted again
  CHECK(rec.usage.prompt_tokens == 3);
  CHECK(rec.usage.completion_tokens == 8);
  CHECK(rec.usage.reasoning_tokens == 3);
  REQUIRE(rec.chunks.size() > 4);
  CHECK(rec.chunks[1].reasoning_bytes > 0);  // response.created carries nothing; reasoning first

  // Non-streaming, with the request's own reasoning effort and instructions.
  auto b = c.post("/v1/responses", R"({"model":"m","input":"x y","instructions":"be brief","max_output_tokens":4,)"
                                   R"("reasoning":{"effort":"minimal"}})");
  REQUIRE(b.status == 200);
  request_record body = decode(aiperf::endpoints::openai_responses(endpoint_options{.model = "m"}), b);
  CHECK(words(body.content) == 4);
  CHECK(words(body.reasoning) == 8);
  CHECK(body.usage.prompt_tokens == 4);
  CHECK(body.usage.completion_tokens == 12);

  auto bad = c.post("/v1/responses", R"({"model":"m","input":"x","reasoning":{"effort":"huge"}})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("reasoning.effort") != std::string::npos);
}

TEST_CASE("mock /v1/messages: thinking then text blocks, usage, error shapes", "[mock][vendor]") {
  embedded_server s;
  raw_client c(s.port());
  aiperf::endpoints::anthropic_messages ep(endpoint_options{.model = "m", .streaming = true});
  auto r = c.post("/v1/messages", R"({"model":"m","messages":[{"role":"user","content":"a b"}],"system":"s",)"
                                  R"("max_tokens":6,"stream":true,"thinking":{"type":"enabled","budget_tokens":2}})");
  REQUIRE(r.status == 200);
  request_record rec = decode(ep, r);
  CHECK_FALSE(rec.error);
  CHECK(words(rec.reasoning) == 2);
  CHECK(words(rec.content) == 6);
  CHECK(rec.usage.prompt_tokens == 3);
  CHECK(rec.usage.completion_tokens == 8);
  CHECK(r.body.find("event: message_stop") != std::string::npos);

  auto b = c.post("/v1/messages", R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a b"}]}],)"
                                  R"("max_tokens":3})");
  request_record body = decode(aiperf::endpoints::anthropic_messages(endpoint_options{.model = "m"}), b);
  CHECK(words(body.content) == 3);
  CHECK(body.reasoning.empty());
  CHECK(body.usage.completion_tokens == 3);

  // Anthropic's error bodies: a missing max_tokens, an injected status.
  auto missing = c.post("/v1/messages", R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
  CHECK(missing.status == 400);
  CHECK(missing.body == R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})");
  auto overloaded = c.post("/v1/messages", R"({"model":"m","messages":[],"max_tokens":2})", "X-Mock-Fault: status=529\r\n");
  CHECK(overloaded.status == 529);
  CHECK(overloaded.body.find(R"("type":"overloaded_error")") != std::string::npos);

  // An in-stream error event after 2 token events: the record keeps the text and fails.
  auto e = c.post("/v1/messages", R"({"model":"m","messages":[],"max_tokens":5,"stream":true})",
                  "X-Mock-Fault: error-event=2,error-code=429\r\n");
  request_record er = decode(ep, e);
  REQUIRE(er.error);
  CHECK(er.error->message == "Error occurred in SSE response: mock injected in-stream error (429)");
  CHECK(words(er.content) == 2);
  // A malformed delta is a malformed-data error.
  auto m = c.post("/v1/messages", R"({"model":"m","messages":[],"max_tokens":5,"stream":true})",
                  "X-Mock-Fault: malformed=1\r\n");
  request_record mr = decode(ep, m);
  REQUIRE(mr.error);
  CHECK(mr.error->message.find("malformed SSE data") != std::string::npos);
}

TEST_CASE("mock /generate and /generate_stream: tokens, details, error shapes", "[mock][vendor]") {
  embedded_server s(thinking(4));  // TGI never reasons
  raw_client c(s.port());
  auto r = c.post("/generate_stream", R"({"inputs":"a b c d","parameters":{"max_new_tokens":7}})");
  REQUIRE(r.status == 200);
  CHECK(r.data().size() == 7);
  request_record rec = decode(aiperf::endpoints::tgi_generate(endpoint_options{.model = "m", .streaming = true}), r);
  CHECK_FALSE(rec.error);
  CHECK(words(rec.content) == 7);
  CHECK(rec.reasoning.empty());
  CHECK(rec.usage.completion_tokens == 7);
  CHECK(rec.usage.prompt_tokens == 4);

  aiperf::endpoints::tgi_generate plain(endpoint_options{.model = "m"});
  auto with = c.post("/generate", R"({"inputs":"a","parameters":{"max_new_tokens":3,"details":true}})");
  request_record wd = decode(plain, with);
  CHECK(words(wd.content) == 3);
  CHECK(wd.usage.completion_tokens == 3);
  auto without = c.post("/generate", R"({"inputs":"a","parameters":{"max_new_tokens":3}})");
  CHECK(without.body == R"({"generated_text":" the of and"})");

  auto limited = c.post("/generate", R"({"inputs":"a"})", "X-Mock-Fault: status=429\r\n");
  CHECK(limited.status == 429);
  CHECK(limited.body == R"({"error":"mock injected error","error_type":"overloaded"})");
  auto bad = c.post("/generate", R"({"inputs":"a","parameters":{"max_new_tokens":"x"}})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("parameters.max_new_tokens") != std::string::npos);
  auto e = c.post("/generate_stream", R"({"inputs":"a","parameters":{"max_new_tokens":5}})",
                  "X-Mock-Fault: error-data=1\r\n");
  request_record er = decode(aiperf::endpoints::tgi_generate(endpoint_options{.model = "m", .streaming = true}), e);
  REQUIRE(er.error);
  CHECK(er.error->message == "Error occurred in SSE response: mock injected in-stream error (500)");
}
