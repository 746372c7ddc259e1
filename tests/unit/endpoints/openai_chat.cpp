// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/openai_chat.hpp and openai_parse.hpp.
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

using namespace aiperf;
using endpoints::openai_chat;
using endpoints::endpoint_options;
using aiperf::test::one_turn;

TEST_CASE("chat encodes messages, model, stream, max_completion_tokens", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m", .streaming = true});
  auto req = ep.encode(one_turn("hi \"there\"\n", 64), 0);
  CHECK(req.path == "/v1/chat/completions");
  CHECK(req.body ==
        R"({"messages":[{"role":"user","content":"hi \"there\"\n"}],"model":"m","stream":true,)"
        R"("max_completion_tokens":64,"stream_options":{"include_usage":true}})");
}

TEST_CASE("chat legacy max_tokens, no cap when the turn has none, non-streaming", "[endpoints][chat]") {
  openai_chat legacy(endpoint_options{.model = "m", .use_legacy_max_tokens = true});
  CHECK(legacy.encode(one_turn("x", 5), 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"m","stream":false,"max_tokens":5})");
  CHECK(legacy.encode(one_turn("x"), 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"m","stream":false})");
}

TEST_CASE("extra inputs merge shallowly and may override native fields", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m",
                                .streaming = false,
                                .extra_inputs_json = R"({"temperature":0.5,"model":"other","ignore_eos":true})"});
  CHECK(ep.encode(one_turn("x"), 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"other","stream":false,)"
        R"("temperature":0.5,"ignore_eos":true})");
  // stream:true via extra inputs forces include_usage, keeping user stream_options keys.
  openai_chat s(endpoint_options{.model = "m",
                               .extra_inputs_json = R"({"stream":true,"stream_options":{"x":1}})"});
  CHECK(s.encode(one_turn("x"), 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"m","stream":true,)"
        R"("stream_options":{"include_usage":true,"x":1}})");
  CHECK_THROWS_WITH(openai_chat(endpoint_options{.model = "m", .extra_inputs_json = "[1]"}),
                    Catch::Contains("--extra-inputs"));
}

TEST_CASE("api key wins over a user Authorization header", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m",
                                .headers = {{"authorization", "Basic x"}, {"X-A", "1"}},
                                .api_key = "sk-1"});
  auto req = ep.encode(one_turn("x"), 0);
  REQUIRE(req.headers.size() == 2);
  CHECK(req.headers[0] == std::pair<std::string, std::string>{"X-A", "1"});
  CHECK(req.headers[1] == std::pair<std::string, std::string>{"Authorization", "Bearer sk-1"});
}

TEST_CASE("multi-turn history and system message", "[endpoints][chat]") {
  conversation c = one_turn("a");
  c.system_message = "sys";
  c.turns.push_back(turn{.text = "b", .model = "m2"});
  openai_chat ep(endpoint_options{.model = "m"});
  CHECK(ep.encode(c, 1).body ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"a"},)"
        R"({"role":"user","content":"b"}],"model":"m2","stream":false})");
  // Turns that carry no history (single_turn sessions, Bailian rows): only the system message and this turn.
  c.turns_carry_history = false;
  CHECK(ep.encode(c, 1).body ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"b"}],"model":"m2","stream":false})");
}

TEST_CASE("user context: a user message after the system message, before the history (spec §8.4)",
          "[endpoints][chat]") {
  conversation c = one_turn("a");
  c.system_message = "sys";
  c.user_context_message = "ctx \"quoted\"";
  c.turns.push_back(turn{.text = "b"});
  c.turns[0].reply = "r0";
  openai_chat ep(endpoint_options{.model = "m"});
  CHECK(ep.encode(c, 0).body ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"ctx \"quoted\""},)"
        R"({"role":"user","content":"a"}],"model":"m","stream":false})");
  CHECK(ep.encode(c, 1).body ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"ctx \"quoted\""},)"
        R"({"role":"user","content":"a"},{"role":"assistant","content":"r0"},{"role":"user","content":"b"}],)"
        R"("model":"m","stream":false})");
  // Without a system message the user context leads.
  c.system_message.clear();
  c.turns_carry_history = false;
  CHECK(ep.encode(c, 1).body ==
        R"({"messages":[{"role":"user","content":"ctx \"quoted\""},{"role":"user","content":"b"}],)"
        R"("model":"m","stream":false})");
  static_assert(openai_chat::sends_conversation_context);
}

// prepare_dataset encodes a multi-turn conversation from a copy with markers
// (detail::with_markers): the user context must survive it on every turn.
TEST_CASE("prepared multi-turn requests keep the user context on every turn", "[endpoints][chat]") {
  conversation c = one_turn("a");
  c.user_context_message = "ctx";
  c.turns.push_back(turn{.text = "b"});
  const prepared_dataset p = prepare_dataset(openai_chat(endpoint_options{.model = "m"}), {c}, "h:1");
  for (std::size_t t = 0; t < 2; ++t) {
    std::string wire;
    for_each_wire_piece(p.turns[0][t], [&](std::string_view piece) { wire += piece; });
    INFO("turn " << t);
    CHECK(wire.find(R"({"role":"user","content":"ctx"})") != std::string::npos);
  }
}

TEST_CASE("URL path joining follows AIPerf", "[endpoints]") {
  using endpoints::join_url_path;
  CHECK(join_url_path("", std::nullopt, "v1/chat/completions") == "/v1/chat/completions");
  CHECK(join_url_path("/v1", std::nullopt, "v1/chat/completions") == "/v1/chat/completions");
  CHECK(join_url_path("/v1/chat/completions/", std::nullopt, "v1/chat/completions") ==
        "/v1/chat/completions");
  CHECK(join_url_path("/proxy", std::nullopt, "v1/chat/completions") == "/proxy/v1/chat/completions");
  CHECK(join_url_path("", std::string_view("/v2/chat"), "v1/chat/completions") == "/v2/chat");
  CHECK(join_url_path("/base", std::string_view(""), "v1/chat/completions") == "/base");
}

TEST_CASE("streamed chunks: role-only, content, reasoning, usage-only, DONE", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec;
  response_sink sink(rec);
  auto feed = [&](std::int64_t t, std::string_view data) {
    sink.begin_unit(t);
    ep.on_event(data, sink);
  };
  feed(10, R"({"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":null}}]})");
  feed(20, R"({"object":"chat.completion.chunk","choices":[{"delta":{"reasoning_content":"think"}}]})");
  feed(30, R"({"object":"chat.completion.chunk","choices":[{"delta":{"reasoning":"more","content":"Hel"}}]})");
  feed(40, R"({"object":"chat.completion.chunk","choices":[{"delta":{"content":"lo \u00e9"}}]})");
  feed(50, R"({"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":4,"total_tokens":11,"completion_tokens_details":{"reasoning_tokens":2}}})");
  feed(60, "[DONE]");
  CHECK(rec.content == "Hello \xc3\xa9");
  CHECK(rec.reasoning == "thinkmore");
  REQUIRE(rec.chunks.size() == 6);
  CHECK_FALSE(rec.chunks[0].is_content());
  CHECK(rec.chunks[1].reasoning_bytes == 5);
  CHECK(rec.chunks[2].content_bytes == 3);
  CHECK(rec.chunks[2].reasoning_bytes == 4);
  CHECK_FALSE(rec.chunks[4].is_content());
  CHECK(rec.chunks[4].has_usage);
  CHECK(rec.usage.prompt_tokens == 7);
  CHECK(rec.usage.completion_tokens == 4);
  CHECK(rec.usage.reasoning_tokens == 2);
  CHECK(rec.first_content() == 1);
  CHECK(rec.last_content() == 3);
  CHECK(sink.is_done());
  CHECK(rec.ok());
}

TEST_CASE("non-streaming body, tool calls, and usage synonyms", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m"});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(5);
  ep.on_body(R"({"object":"chat.completion","choices":[{"message":{"role":"assistant","content":"ok",)"
             R"("tool_calls":[{"function":{"name":"f","arguments":"{}"}}]}}],)"
             R"("usage":{"input_tokens":3,"output_tokens":2}})",
             sink);
  CHECK(rec.content == "okf{}");
  CHECK(rec.usage.prompt_tokens == 3);
  CHECK(rec.usage.completion_tokens == 2);
}

TEST_CASE("in-stream errors and malformed data become error records", "[endpoints][chat]") {
  openai_chat ep(endpoint_options{.model = "m", .streaming = true});
  {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_event(R"({"error":{"message":"overloaded","code":503}})", sink);
    REQUIRE(rec.error);
    CHECK(rec.error->code == 503);
    CHECK(rec.error->message == "Error occurred in SSE response: overloaded");
  }
  {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_event(R"({"error":{"message":"bad","code":"x"}})", sink);
    REQUIRE(rec.error);
    CHECK(rec.error->code == 502);
  }
  {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_event(R"({"choices":[{"delta":{"content":"a"}}]}garbage)", sink);
    sink.begin_unit(2);
    ep.on_event(R"({"choices":[{"delta":)", sink);
    REQUIRE(rec.error);
    CHECK(rec.error->code == 502);
  }
  {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_event(R"({"error":null,"choices":[{"delta":{"content":"a"}}]})", sink);
    CHECK(rec.ok());
    CHECK(rec.content == "a");
  }
}

TEST_CASE("a lone surrogate escape becomes U+FFFD and keeps the text around it", "[endpoints][chat][reliability]") {
  // Issue 12 item 9: simdjson refuses the whole string, which used to drop the content.
  openai_chat ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(1);
  ep.on_event(R"({"choices":[{"delta":{"content":"ab\ud800cd"}}]})", sink);
  sink.begin_unit(2);
  ep.on_event(R"({"choices":[{"delta":{"content":"\udc00x\ud83d\ude00\n\"q\""}}]})", sink);
  CHECK(rec.content == "ab\xEF\xBF\xBD"
                       "cd\xEF\xBF\xBDx\xF0\x9F\x98\x80\n\"q\"");
  CHECK(rec.ok());
}

TEST_CASE("a finish_reason is an end signal that does not stop the stream like [DONE]", "[endpoints][chat][reliability]") {
  openai_chat ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(1);
  ep.on_event(R"({"choices":[{"delta":{"content":"a"},"finish_reason":null}]})", sink);
  CHECK_FALSE(sink.saw_end_signal());
  sink.begin_unit(2);
  ep.on_event(R"({"choices":[{"delta":{},"finish_reason":"length"}]})", sink);
  CHECK(sink.saw_end_signal());
  CHECK_FALSE(sink.is_done());  // a usage chunk may still follow
}
