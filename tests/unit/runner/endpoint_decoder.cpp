// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/endpoint_decoder.hpp: the erased response side of an Endpoint
// forwards every event and body to the endpoint's own parse code, and each copy owns its own
// Endpoint object (parse scratch is per shard).
#include "catch.hpp"

#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>

#include <string>
#include <utility>

using namespace aiperf;

namespace {
/// Numbers the events it has seen: its state shows which object a call reached.
struct numbering_endpoint {
  static constexpr std::string_view name = "numbering";
  bool streaming() const { return true; }
  encoded_request encode(conversation const&, std::size_t) const { return {}; }
  void on_event(std::string_view, response_sink& sink) {
    sink.begin_unit(0);
    sink.content(std::to_string(++events));
  }
  void on_body(std::string_view body, response_sink& sink) {
    sink.begin_unit(0);
    sink.content(body);
    sink.done();
  }
  int events = 0;
};
static_assert(Endpoint<numbering_endpoint>);
}  // namespace

TEST_CASE("endpoint_decoder: forwards events and bodies to the endpoint's parser", "[runner][endpoint_decoder]") {
  endpoint_decoder d(endpoints::openai_chat(endpoints::endpoint_options{.model = "m", .streaming = true}));
  request_record r;
  response_sink sink(r);
  sink.begin_unit(10);
  d.on_event(R"({"choices":[{"delta":{"content":"Hel"}}]})", sink);
  sink.begin_unit(20);
  d.on_event(R"({"choices":[{"delta":{"content":"lo"}}]})", sink);
  sink.begin_unit(30);
  d.on_event("[DONE]", sink);
  CHECK(r.content == "Hello");
  CHECK(sink.is_done());
  REQUIRE(r.chunks.size() == 3);
  CHECK(r.chunks[0].content_bytes == 3);

  request_record whole;
  response_sink body_sink(whole);
  body_sink.begin_unit(5);
  d.on_body(R"({"choices":[{"message":{"content":"all at once"}}],"usage":{"prompt_tokens":3}})", body_sink);
  CHECK(whole.content == "all at once");
  CHECK(whole.usage.prompt_tokens == 3);
}

TEST_CASE("endpoint_decoder: every copy owns its endpoint", "[runner][endpoint_decoder]") {
  numbering_endpoint original;
  endpoint_decoder a(original);
  request_record r;
  response_sink sink(r);
  a.on_event("x", sink);
  a.on_event("x", sink);
  CHECK(r.content == "12");
  CHECK(original.events == 0);  // the decoder holds a copy

  endpoint_decoder b = a;  // copies the state at the time of the copy
  b.on_event("x", sink);
  a.on_event("x", sink);
  CHECK(r.content == "1233");

  endpoint_decoder moved = std::move(b);
  moved.on_event("x", sink);
  CHECK(r.content == "12334");
  b = a;  // a moved-from decoder can be assigned again
  b.on_event("x", sink);
  CHECK(r.content == "123344");

  request_record body;
  response_sink body_sink(body);
  moved.on_body("whole", body_sink);
  CHECK(body.content == "whole");
  CHECK(body_sink.is_done());
}
