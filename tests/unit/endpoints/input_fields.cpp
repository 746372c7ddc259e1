// SPDX-License-Identifier: Apache-2.0
// Golden request bodies for the dataset fields an endpoint renders (spec load-generation §8.3,
// §8.4, §7.6.4): `extra` merged after --extra-inputs, a `payload` sent verbatim, `messages` in
// history and delta mode, `tools`, and turns with several texts or media as content parts.
#include "catch.hpp"

#include <aiperf/endpoints/anthropic_messages.hpp>
#include <aiperf/endpoints/embeddings.hpp>
#include <aiperf/endpoints/hf_tei_rankings.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>
#include <aiperf/endpoints/openai_responses.hpp>
#include <aiperf/endpoints/tgi_generate.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <algorithm>
#include <memory>

using namespace aiperf;
using endpoints::endpoint_options;
using endpoints::openai_chat;
using endpoints::openai_completions;
using Catch::Matchers::Contains;

namespace {
media_item media(std::string data, std::string format = "", std::string uuid = "") {
  return media_item{std::make_shared<const std::string>(std::move(data)), std::move(format), std::move(uuid)};
}
conversation of(std::vector<turn> turns, bool history = true) {
  conversation c;
  c.id = "c0";
  c.turns = std::move(turns);
  c.turns_carry_history = history;
  return c;
}
std::string wire_of(prepared_turn const& t) {
  std::string out;
  for_each_wire_piece(t, [&](std::string_view p) { out += p; });
  return out;
}
}  // namespace

TEST_CASE("a turn's extra is merged after --extra-inputs and wins", "[endpoints][chat][completions][extra]") {
  turn t{.text = "x", .max_tokens = 5};
  t.extra_body = {{"temperature", "1.2"}, {"model", R"("turn-model")"}, {"stream", "true"}};
  const auto c = of({t});
  openai_chat chat(endpoint_options{.model = "m", .extra_inputs_json = R"({"temperature":0.5,"top_p":0.9})"});
  // The turn's `stream: true` is in the merged body, so stream_options follows it.
  CHECK(chat.encode(c, 0).body ==
        R"({"messages":[{"role":"user","content":"x"}],"model":"turn-model","stream":true,)"
        R"("max_completion_tokens":5,"temperature":1.2,"top_p":0.9,"stream_options":{"include_usage":true}})");
  openai_completions comp(endpoint_options{.model = "m", .extra_inputs_json = R"({"temperature":0.5})"});
  CHECK(comp.encode(c, 0).body ==
        R"({"prompt":"x","model":"turn-model","stream":true,"max_tokens":5,"temperature":1.2,)"
        R"("stream_options":{"include_usage":true}})");
}

TEST_CASE("a payload turn is sent verbatim, whatever the endpoint", "[endpoints][chat][completions][payload]") {
  turn t{.max_tokens = 50};
  t.raw_payload = R"({"prompt":"Hello","max_tokens":50})";
  t.extra_body = {{"ignored", "1"}};  // a payload is the whole body: nothing is merged into it
  const auto c = of({t}, false);
  openai_chat chat(endpoint_options{.model = "m", .streaming = true, .extra_inputs_json = R"({"a":1})", .api_key = "k"});
  const auto req = chat.encode(c, 0);
  CHECK(req.body == R"({"prompt":"Hello","max_tokens":50})");
  CHECK(req.path == "/v1/chat/completions");
  REQUIRE(req.headers.size() == 1);
  CHECK(req.headers[0].second == "Bearer k");
  CHECK(openai_completions(endpoint_options{.model = "m"}).encode(c, 0).body == R"({"prompt":"Hello","max_tokens":50})");
}

TEST_CASE("messages rows: history mode sends each list as it is, with the latest tools", "[endpoints][chat][messages]") {
  turn a{.max_tokens = 50};
  a.raw_messages = R"([{"role":"user","content":"Hello"}])";
  a.raw_tools = R"([{"type":"function","function":{"name":"f"}}])";
  turn b{};
  b.raw_messages = R"([{"role":"user","content":"Hello"},{"role":"assistant","content":"Hi"},{"role":"user","content":"More"}])";
  const auto c = of({a, b}, false);
  openai_chat chat(endpoint_options{.model = "m"});
  CHECK(chat.encode(c, 0).body ==
        R"({"messages":[{"role":"user","content":"Hello"}],"model":"m","stream":false,)"
        R"("tools":[{"type":"function","function":{"name":"f"}}],"max_completion_tokens":50})");
  // Without history a turn sees only its own list (and tools only its own).
  CHECK(chat.encode(c, 1).body ==
        R"({"messages":[{"role":"user","content":"Hello"},{"role":"assistant","content":"Hi"},)"
        R"({"role":"user","content":"More"}],"model":"m","stream":false})");
  turn empty{};
  empty.raw_messages = "[]";
  CHECK(chat.encode(of({empty}, false), 0).body == R"({"messages":[],"model":"m","stream":false})");
  CHECK_THROWS_WITH(openai_completions(endpoint_options{.model = "m"}).encode(c, 0),
                    "the completions endpoint cannot send a 'messages' list (conversation 'c0'); use --endpoint-type chat");
}

TEST_CASE("messages rows: delta mode accumulates the lists and the live replies", "[endpoints][chat][messages]") {
  turn a{};
  a.raw_messages = R"([{"role":"system","content":"S"},{"role":"user","content":"one"}])";
  a.raw_tools = R"([{"type":"function"}])";
  a.extra_body = {{"temperature", "0"}};
  turn b{};
  b.raw_messages = R"([{"role":"user","content":"two"}])";
  auto c = of({a, b}, true);
  c.turns[0].reply = "first answer";
  openai_chat chat(endpoint_options{.model = "m"});
  CHECK(chat.encode(c, 1).body ==
        R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"one"},)"
        R"({"role":"assistant","content":"first answer"},{"role":"user","content":"two"}],"model":"m","stream":false,)"
        R"("tools":[{"type":"function"}]})");  // a's tools still apply; a's extra does not

  // Prepared for the run: the reply is the server's live answer, spliced in as the session goes.
  const prepared_dataset p = prepare_dataset(chat, {of({a, b}, true)}, "h:1");
  REQUIRE(p.turns[0].size() == 2);
  CHECK(p.turns[0][1].live_replies);
  const std::string wire = wire_of(p.turns[0][1]);  // the live answer is empty here
  CHECK_THAT(wire, Contains(R"({"role":"user","content":"one"},{"role":"assistant","content":""},{"role":"user","content":"two"}])"));
}

TEST_CASE("chat renders texts and media as content parts (spec §8.4)", "[endpoints][chat][media]") {
  openai_chat chat(endpoint_options{.model = "m"});
  turn t{.text = "Describe this"};
  t.images = {media("data:image/png;base64,iVBO"), media("https://h/cat.jpg", "", "uuid-1")};
  t.audios = {media("UklGRg==", "wav")};
  t.videos = {media("https://h/v.mp4")};
  CHECK(chat.encode(of({t}), 0).body ==
        R"({"messages":[{"role":"user","content":[{"type":"text","text":"Describe this"},)"
        R"({"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO"}},)"
        R"({"type":"image_url","image_url":{"url":"https://h/cat.jpg"},"uuid":"uuid-1"},)"
        R"({"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},)"
        R"({"type":"video_url","video_url":{"url":"https://h/v.mp4"}}]}],"model":"m","stream":false})");

  // Several or named texts: one text part each, empty ones skipped; media without text.
  turn texts{.text = "q a b"};
  texts.texts = {named_texts{"query", {"q"}}, named_texts{"passages", {"a", "", "b"}}};
  CHECK(chat.encode(of({texts}), 0).body ==
        R"({"messages":[{"role":"user","content":[{"type":"text","text":"q"},{"type":"text","text":"a"},)"
        R"({"type":"text","text":"b"}]}],"model":"m","stream":false})");
  turn named_one{.text = "q"};
  named_one.texts = {named_texts{"query", {"q"}}};  // one text with one content: a bare string
  CHECK(chat.encode(of({named_one}), 0).body == R"({"messages":[{"role":"user","content":"q"}],"model":"m","stream":false})");
  turn image_only{};
  image_only.images = {media("https://h/i.png")};
  CHECK(chat.encode(of({image_only}), 0).body ==
        R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://h/i.png"}}]}],)"
        R"("model":"m","stream":false})");
  turn nothing{};
  nothing.texts = {named_texts{"text", {""}}};
  CHECK(chat.encode(of({nothing}), 0).body == R"({"messages":[{"role":"user","content":""}],"model":"m","stream":false})");

  // History renders earlier turns the same way.
  auto two = of({t, turn{.text = "and now?"}});
  two.turns[0].reply = "a cat";
  CHECK_THAT(chat.encode(two, 1).body,
             Contains(R"({"type":"video_url","video_url":{"url":"https://h/v.mp4"}}]},{"role":"assistant","content":"a cat"},)"
                      R"({"role":"user","content":"and now?"}])"));

  // Audio must be inline base64 with a format.
  turn url_audio{.text = "x"};
  url_audio.audios = {media("https://h/a.wav")};
  CHECK_THROWS_WITH(chat.encode(of({url_audio}), 0),
                    "audio content must be in the format 'format,b64_audio' (wav or mp3, or a local file), got "
                    "'https://h/a.wav': the chat endpoint sends audio inline");
}

TEST_CASE("completions refuses media rather than dropping it", "[endpoints][completions][media]") {
  turn t{.text = "x"};
  t.images = {media("https://h/i.png")};
  CHECK_THROWS_WITH(openai_completions(endpoint_options{.model = "m"}).encode(of({t}), 0),
                    "the completions endpoint sends a text prompt only: the dataset has images, audio or video "
                    "(conversation 'c0'); use --endpoint-type chat");
}

TEST_CASE("every text-only endpoint refuses media and message lists, and sends a payload verbatim",
          "[endpoints][media][payload]") {
  turn with_media{.text = "x"};
  with_media.images = {media("https://h/i.png")};
  turn with_messages{.text = "x"};
  with_messages.raw_messages = R"([{"role":"user","content":"hi"}])";
  turn payload{.text = "x"};
  payload.raw_payload = R"({"custom":true})";
  payload.extra_body = {{"ignored", "1"}};
  const endpoint_options o{.model = "m", .api_key = "k"};
  auto check = [&](auto const& ep, std::string_view name) {
    INFO(name);
    CHECK_THROWS_WITH(ep.encode(of({with_media}), 0),
                      "the " + std::string(name) + " endpoint sends a text prompt only: the dataset has images, "
                      "audio or video (conversation 'c0'); use --endpoint-type chat");
    CHECK_THROWS_WITH(ep.encode(of({with_messages}), 0),
                      "the " + std::string(name) + " endpoint cannot send a 'messages' list (conversation 'c0'); "
                      "use --endpoint-type chat");
    CHECK(ep.encode(of({payload}), 0).body == R"({"custom":true})");
  };
  check(endpoints::openai_responses(o), "responses");
  check(endpoints::anthropic_messages(o), "messages");
  check(endpoints::tgi_generate(o), "huggingface_generate");
  check(endpoints::embeddings(o), "embeddings");
  turn ranked{.text = "q p"};
  ranked.texts = {named_texts{"query", {"q"}}, named_texts{"passages", {"p"}}};
  ranked.images = with_media.images;
  CHECK_THROWS_WITH(endpoints::hf_tei_rankings(o).encode(of({ranked}), 0),
                    Catch::Matchers::StartsWith("the hf_tei_rankings endpoint sends a text prompt only"));
  // Anthropic's verbatim rows keep its own key header.
  const auto req = endpoints::anthropic_messages(o).encode(of({payload}), 0);
  CHECK(std::find(req.headers.begin(), req.headers.end(), std::pair<std::string, std::string>{"x-api-key", "k"}) !=
        req.headers.end());
}

TEST_CASE("a dataset's extra reaches the generation endpoints' bodies, top level", "[endpoints][extra]") {
  turn t{.text = "x", .max_tokens = 4};
  t.extra_body = {{"seed", "7"}};
  const endpoint_options o{.model = "m", .extra_inputs_json = R"({"seed":1,"top_k":5})"};
  CHECK_THAT(endpoints::openai_responses(o).encode(of({t}), 0).body, Contains(R"("seed":7)") && Contains(R"("top_k":5)"));
  CHECK_THAT(endpoints::anthropic_messages(o).encode(of({t}), 0).body, Contains(R"("seed":7)"));
  // TGI: --extra-inputs go into parameters, the dataset's extra stays top level (spec §8.3).
  CHECK(endpoints::tgi_generate(o).encode(of({t}), 0).body ==
        R"({"inputs":"x","parameters":{"max_new_tokens":4,"seed":1,"top_k":5},"seed":7})");
  // Embeddings take no dataset extra.
  CHECK(endpoints::embeddings(o).encode(of({t}), 0).body.find(R"("seed":1)") != std::string::npos);
  CHECK(endpoints::embeddings(o).encode(of({t}), 0).body.find(R"("seed":7)") == std::string::npos);
}

TEST_CASE("prepared requests share a media file's bytes instead of copying them", "[endpoints][chat][media][prepared]") {
  const auto big = std::make_shared<const std::string>("data:image/png;base64," + std::string(4000, 'A'));
  turn t{.text = "look"};
  t.images = {media_item{big}};
  t.audios = {media("short", "wav")};  // small: written inline
  turn u{.text = "again"};
  u.images = {media_item{big}};
  openai_chat chat(endpoint_options{.model = "m"});
  const std::string inline_body = chat.encode(of({t}), 0).body;
  const prepared_dataset p = prepare_dataset(chat, {of({t}), of({t, u})}, "h:1");
  std::size_t views = 0;
  for (auto const& conv : p.turns)
    for (auto const& pt : conv) {
      for (auto const& piece : pt.pieces)
        if (piece.live == live_value::none && piece.shared.data() == big->data()) ++views;
      CHECK(pt.wire.find(std::string(4000, 'A')) == std::string::npos);  // not copied into the request
    }
  CHECK(views == 4);  // c0 t0; c1 t0; c1 t1 (its own image and turn 0's in its history)
  // The bytes on the wire are the same as the inline encoding.
  const std::string wire = wire_of(p.turns[0][0]);
  CHECK(wire.substr(wire.find("\r\n\r\n") + 4) == inline_body);
  CHECK_THAT(wire, Contains("Content-Length: " + std::to_string(inline_body.size()) + "\r\n"));
  static_assert(detail::writes_media_verbatim<openai_chat>());
  static_assert(!detail::writes_media_verbatim<openai_completions>());
}
