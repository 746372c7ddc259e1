// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/openai_completions.hpp.
#include "catch.hpp"

#include <aiperf/endpoints/openai_completions.hpp>

using namespace aiperf;

TEST_CASE("completions encodes a bare prompt string and max_tokens", "[endpoints][completions]") {
  endpoints::openai_completions ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  conversation c;
  c.turns.push_back(turn{"p", {}, -1, 16, 0, -1, ""});
  auto req = ep.encode(c, 0);
  CHECK(req.path == "/v1/completions");
  CHECK(req.body ==
        R"({"prompt":"p","model":"m","stream":true,"max_tokens":16,"stream_options":{"include_usage":true}})");
  c.turns[0].max_tokens = 0;  // AIPerf drops a zero max_tokens for completions
  CHECK(ep.encode(c, 0).body ==
        R"({"prompt":"p","model":"m","stream":true,"stream_options":{"include_usage":true}})");
}

TEST_CASE("completions sends only the prompt: no system message, no user context (spec §8.5)",
          "[endpoints][completions]") {
  endpoints::openai_completions ep(endpoints::endpoint_options{.model = "m"});
  conversation c;
  c.system_message = "sys";
  c.user_context_message = "ctx";
  c.turns.push_back(turn{"p", {}, -1, -1, 0, -1, ""});
  CHECK(ep.encode(c, 0).body == R"({"prompt":"p","model":"m","stream":false})");
  static_assert(!endpoints::openai_completions::sends_conversation_context);
}

TEST_CASE("completions parses choices[0].text", "[endpoints][completions]") {
  endpoints::openai_completions ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(1);
  ep.on_event(R"({"object":"text_completion","choices":[{"text":" a","index":0}]})", sink);
  sink.begin_unit(2);
  ep.on_event(R"({"object":"text_completion","choices":[{"text":" b"},{"text":"ignored"}]})", sink);
  CHECK(rec.content == " a b");
  CHECK(rec.chunks.size() == 2);
}
