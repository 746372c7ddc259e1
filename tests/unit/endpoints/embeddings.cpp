// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/embeddings.hpp, nim_embeddings.hpp, chat_embeddings.hpp and
// the embeddings side of vector_parse.hpp (spec load-generation §8.8, §8.12).
#include "catch.hpp"

#include <aiperf/endpoints/chat_embeddings.hpp>
#include <aiperf/endpoints/embeddings.hpp>
#include <aiperf/endpoints/nim_embeddings.hpp>

using namespace aiperf;

namespace {
conversation one_turn(std::string text, std::vector<named_texts> texts = {}) {
  conversation c;
  turn t;
  t.text = std::move(text);
  t.texts = std::move(texts);
  c.turns.push_back(std::move(t));
  return c;
}
}  // namespace

TEST_CASE("embeddings: input is always a list of the turn's texts", "[endpoints][embeddings]") {
  endpoints::embeddings ep(endpoints::endpoint_options{.model = "e5"});
  auto req = ep.encode(one_turn("hello world"), 0);
  CHECK(req.path == "/v1/embeddings");
  CHECK(req.content_type == "application/json");
  CHECK(req.body == R"({"model":"e5","input":["hello world"]})");
  // A --batch-size batch: every non-empty text, in order, as separate inputs.
  auto batch = one_turn("a b c", {{"text", {"a", "", "b"}}, {"more", {"c"}}});
  CHECK(ep.encode(batch, 0).body == R"({"model":"e5","input":["a","b","c"]})");
  // The turn's model wins; the output cap is never sent.
  batch.turns[0].model = "other";
  batch.turns[0].max_tokens = 12;
  CHECK(ep.encode(batch, 0).body == R"({"model":"other","input":["a","b","c"]})");
}

TEST_CASE("embeddings: --extra-inputs merge last, shallow; no stream, no system message", "[endpoints][embeddings]") {
  endpoints::embeddings ep(endpoints::endpoint_options{
      .model = "e5", .streaming = true, .extra_inputs_json = R"({"encoding_format":"float","model":"x"})",
      .api_key = "k"});
  auto c = one_turn("q");
  c.system_message = "sys";
  auto req = ep.encode(c, 0);
  CHECK(req.body == R"({"model":"x","input":["q"],"encoding_format":"float"})");
  CHECK_FALSE(ep.streaming());  // --streaming does not apply (spec §8.1)
  REQUIRE(req.headers.size() == 1);
  CHECK(req.headers[0] == std::pair<std::string, std::string>{"Authorization", "Bearer k"});
  STATIC_REQUIRE(!endpoints::embeddings::produces_tokens);
  STATIC_REQUIRE(!endpoints::embeddings::supports_streaming);
  STATIC_REQUIRE(!endpoints::embeddings::sends_conversation_context);
}

TEST_CASE("nim_embeddings: the same body on /v1/embeddings; --endpoint overrides the path", "[endpoints][embeddings]") {
  endpoints::nim_embeddings ep(
      endpoints::endpoint_options{.model = "nv-embed", .extra_inputs_json = R"({"input_type":"query"})"});
  CHECK(ep.encode(one_turn("x"), 0).body == R"({"model":"nv-embed","input":["x"],"input_type":"query"})");
  CHECK(ep.encode(one_turn("x"), 0).path == "/v1/embeddings");
  endpoints::nim_embeddings custom(endpoints::endpoint_options{.model = "m", .path = "/embed"});
  CHECK(custom.encode(one_turn("x"), 0).path == "/embed");
}

TEST_CASE("chat_embeddings: chat's request, never streamed, to /v1/embeddings", "[endpoints][embeddings]") {
  endpoints::chat_embeddings ep(endpoints::endpoint_options{.model = "vlm2vec", .streaming = true});
  auto c = one_turn("describe");
  c.system_message = "sys";
  auto req = ep.encode(c, 0);
  CHECK(req.path == "/v1/embeddings");
  CHECK(req.body ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"describe"}],"model":"vlm2vec","stream":false})");
  CHECK_FALSE(ep.streaming());
  STATIC_REQUIRE(!endpoints::chat_embeddings::produces_tokens);
}

TEST_CASE("embeddings responses: data[] of embeddings is one output, usage normalised", "[endpoints][embeddings]") {
  endpoints::embeddings ep(endpoints::endpoint_options{.model = "m"});
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(100);
  ep.on_body(R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2]},)"
             R"({"object":"embedding","index":1,"embedding":[0.3,0.4]}],"model":"m",)"
             R"("usage":{"prompt_tokens":7,"total_tokens":7}})",
             sink);
  REQUIRE(rec.ok());
  REQUIRE(rec.chunks.size() == 1);
  CHECK(rec.chunks[0].is_content());  // request latency ends here
  CHECK(rec.chunks[0].has_usage);
  CHECK(rec.content.empty());  // no output text, no output tokens
  CHECK(rec.usage.prompt_tokens == 7);
  CHECK(rec.usage.total_tokens == 7);
  CHECK(rec.usage.completion_tokens == -1);
  CHECK(rec.last_content() == 0);

  // input_tokens is read as the prompt count (a vendor synonym).
  request_record r2;
  response_sink s2(r2);
  s2.begin_unit(1);
  ep.on_body(R"({"data":[{"object":"embedding","embedding":"AAAA"}],"usage":{"input_tokens":3}})", s2);
  CHECK(r2.ok());
  CHECK(r2.usage.prompt_tokens == 3);
  CHECK(r2.chunks[0].is_content());
}

TEST_CASE("embeddings responses: invalid lists, error bodies, non-JSON", "[endpoints][embeddings]") {
  endpoints::embeddings ep(endpoints::endpoint_options{.model = "m"});
  auto parse = [&](std::string_view body) {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_body(body, sink);
    return rec;
  };
  auto bad = parse(R"({"data":[{"object":"chat.completion","embedding":[1]}]})");
  REQUIRE(bad.error);
  CHECK(bad.error->message ==
        R"(Received invalid list in response: {"data":[{"object":"chat.completion","embedding":[1]}]})");
  CHECK_FALSE(bad.chunks[0].is_content());
  auto err = parse(R"({"error":{"message":"model overloaded","code":503}})");
  REQUIRE(err.error);
  CHECK(err.error->code == 503);
  CHECK(err.error->message.find("model overloaded") != std::string::npos);
  auto garbage = parse("<html>502</html>");
  REQUIRE(garbage.error);
  CHECK(garbage.error->code == 502);
  CHECK(garbage.error->message == "Response is not JSON: <html>502</html>");
  // An empty list is a valid answer with nothing in it: no content response.
  auto empty = parse(R"({"data":[]})");
  CHECK(empty.ok());
  CHECK_FALSE(empty.chunks[0].is_content());
}

TEST_CASE("chat_embeddings responses: data[], embeddings or embedding keys", "[endpoints][embeddings]") {
  endpoints::chat_embeddings ep(endpoints::endpoint_options{.model = "m"});
  for (std::string_view body : {std::string_view(R"({"data":[{"object":"embedding","embedding":[1,2]}]})"),
                                std::string_view(R"({"embeddings":[[1,2],[3,4]]})"),
                                std::string_view(R"({"embedding":[1,2]})")}) {
    request_record rec;
    response_sink sink(rec);
    sink.begin_unit(1);
    ep.on_body(body, sink);
    CHECK(rec.ok());
    CHECK(rec.chunks[0].is_content());
    CHECK(rec.content.empty());
  }
}
