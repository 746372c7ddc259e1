// SPDX-License-Identifier: Apache-2.0
// The Endpoint concept (include/aiperf/concepts/endpoint.hpp): which types model it, and the laws
// every endpoint keeps, checked on each built-in one:
//   - encode() is deterministic (same conversation and turn, same bytes; copies encode alike)
//     and yields a valid JSON body whatever the text holds;
//   - on_event with [DONE] marks the stream done; content events reach the record;
//   - copies parse independently (each shard owns one), even concurrently.
#include "catch.hpp"

#include "archetypes.hpp"

#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>

#include <simdjson.h>

#include <string>
#include <thread>
#include <vector>

using namespace aiperf;

// ---- which types are Endpoints -----------------------------------------------------------------

namespace {
struct missing_on_event {
  static constexpr std::string_view name = "bad";
  bool streaming() const { return true; }
  encoded_request encode(conversation const&, std::size_t) const { return {}; }
  void on_body(std::string_view, response_sink&) {}
};
struct missing_name {
  bool streaming() const { return true; }
  encoded_request encode(conversation const&, std::size_t) const { return {}; }
  void on_event(std::string_view, response_sink&) {}
  void on_body(std::string_view, response_sink&) {}
};
struct encode_returns_string {
  static constexpr std::string_view name = "bad";
  bool streaming() const { return true; }
  std::string encode(conversation const&, std::size_t) const { return {}; }
  void on_event(std::string_view, response_sink&) {}
  void on_body(std::string_view, response_sink&) {}
};
struct encode_not_const {
  static constexpr std::string_view name = "bad";
  bool streaming() const { return true; }
  encoded_request encode(conversation const&, std::size_t) { return {}; }
  void on_event(std::string_view, response_sink&) {}
  void on_body(std::string_view, response_sink&) {}
};
struct not_copyable {
  static constexpr std::string_view name = "bad";
  not_copyable() = default;
  not_copyable(not_copyable const&) = delete;
  bool streaming() const { return true; }
  encoded_request encode(conversation const&, std::size_t) const { return {}; }
  void on_event(std::string_view, response_sink&) {}
  void on_body(std::string_view, response_sink&) {}
};
}  // namespace

static_assert(Endpoint<endpoints::openai_chat>);
static_assert(Endpoint<endpoints::openai_completions>);
static_assert(Endpoint<aiperf_test::archetypes::endpoint>);
static_assert(!Endpoint<int>);
static_assert(!Endpoint<missing_on_event>);
static_assert(!Endpoint<missing_name>);
static_assert(!Endpoint<encode_returns_string>);
static_assert(!Endpoint<encode_not_const>);
static_assert(!Endpoint<not_copyable>);

// ---- the laws ----------------------------------------------------------------------------------

namespace {

/// Conversations whose text needs every kind of JSON escaping.
std::vector<conversation> awkward_conversations() {
  std::vector<conversation> out;
  out.push_back(conversation{.id = "plain", .turns = {turn{.text = "hello world"}}});
  out.push_back(conversation{.id = "quotes",
                             .system_message = "be \"terse\"\\ please",
                             .turns = {turn{.text = "say \"hi\"\n\tand \\ then"}, turn{.text = "again", .max_tokens = 7}}});
  out.push_back(conversation{.id = "control",
                             .turns = {turn{.text = std::string("nul\0 bell\x07 esc\x1b del\x7f", 20)},
                                       turn{.text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", .model = "other-model"}}});
  out.push_back(conversation{.id = "empty", .turns = {turn{.text = ""}}});
  return out;
}

struct chat_case {
  using type = endpoints::openai_chat;
  static type make(bool streaming) {
    return type(endpoints::endpoint_options{.model = "m", .streaming = streaming, .extra_inputs_json = R"({"temperature":0.5})"});
  }
  static std::string content_event(std::string_view text) {
    std::string out = R"({"choices":[{"delta":{"content":)";
    aiperf::detail::append_json_string(out, text);
    return out + "}}]}";
  }
};
struct completions_case {
  using type = endpoints::openai_completions;
  static type make(bool streaming) {
    return type(endpoints::endpoint_options{.model = "m", .streaming = streaming, .extra_inputs_json = R"({"temperature":0.5})"});
  }
  static std::string content_event(std::string_view text) {
    std::string out = R"({"choices":[{"text":)";
    aiperf::detail::append_json_string(out, text);
    return out + "}]}";
  }
};

bool same(encoded_request const& a, encoded_request const& b) {
  return a.path == b.path && a.headers == b.headers && a.body == b.body && a.content_type == b.content_type;
}

}  // namespace

TEMPLATE_TEST_CASE("endpoint laws: encode() is deterministic and copies encode alike", "[concepts][endpoint]",
                   chat_case, completions_case) {
  for (bool streaming : {false, true}) {
    const auto ep = TestType::make(streaming);
    const typename TestType::type copy = ep;
    for (auto const& c : awkward_conversations())
      for (std::size_t t = 0; t < c.turns.size(); ++t) {
        INFO(c.id << " turn " << t);
        const auto first = ep.encode(c, t);
        CHECK(same(first, ep.encode(c, t)));
        CHECK(same(first, copy.encode(c, t)));
        CHECK(same(first, TestType::make(streaming).encode(c, t)));
      }
  }
}

TEMPLATE_TEST_CASE("endpoint laws: every body is valid JSON carrying the turn", "[concepts][endpoint]", chat_case,
                   completions_case) {
  simdjson::dom::parser parser;
  for (bool streaming : {false, true}) {
    const auto ep = TestType::make(streaming);
    for (auto const& c : awkward_conversations())
      for (std::size_t t = 0; t < c.turns.size(); ++t) {
        INFO(c.id << " turn " << t << (streaming ? " streaming" : ""));
        const auto req = ep.encode(c, t);
        CHECK(req.content_type == "application/json");
        CHECK(req.path.rfind("/v1/", 0) == 0);
        simdjson::dom::element body;
        REQUIRE(parser.parse(req.body).get(body) == simdjson::SUCCESS);
        REQUIRE(body.is_object());
        CHECK(bool(body["stream"]) == streaming);
        CHECK(double(body["temperature"]) == 0.5);  // --extra-inputs merged
        const std::string_view model = body["model"];
        CHECK(model == (c.turns[t].model.empty() ? "m" : c.turns[t].model));
        // The turn's text arrives intact, escapes undone.
        bool found = false;
        if constexpr (std::is_same_v<TestType, chat_case>) {
          for (simdjson::dom::element m : body["messages"].get_array())
            found = found || std::string_view(m["content"]) == c.turns[t].text;
        } else {
          found = std::string_view(body["prompt"]) == c.turns[t].text;
        }
        CHECK(found);
      }
  }
}

TEMPLATE_TEST_CASE("endpoint laws: content events reach the record, [DONE] marks the stream done",
                   "[concepts][endpoint]", chat_case, completions_case) {
  auto ep = TestType::make(true);
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(10);
  ep.on_event(TestType::content_event("Hel"), sink);
  sink.begin_unit(20);
  ep.on_event(TestType::content_event("lo"), sink);
  CHECK_FALSE(sink.is_done());
  sink.begin_unit(30);
  ep.on_event("[DONE]", sink);
  CHECK(sink.is_done());
  CHECK(rec.content == "Hello");
  CHECK(rec.ok());
  REQUIRE(rec.chunks.size() == 3);
  CHECK(rec.chunks[0].content_bytes == 3);
  CHECK_FALSE(rec.chunks[2].is_content());  // [DONE] is not a content response
}

TEMPLATE_TEST_CASE("endpoint laws: copies parse independently, also concurrently", "[concepts][endpoint]", chat_case,
                   completions_case) {
  const auto original = TestType::make(true);
  // Interleaved on one thread: each copy's record gets only its own events.
  {
    typename TestType::type a = original, b = original;
    request_record ra, rb;
    response_sink sa(ra), sb(rb);
    for (int i = 0; i < 50; ++i) {
      sa.begin_unit(i);
      a.on_event(TestType::content_event("a"), sa);
      sb.begin_unit(i);
      b.on_event(TestType::content_event("bb"), sb);
    }
    b.on_event("[DONE]", sb);
    CHECK(ra.content == std::string(50, 'a'));
    CHECK(rb.content == std::string(100, 'b'));
    CHECK_FALSE(sa.is_done());
    CHECK(sb.is_done());
  }
  // One copy per thread, as shards hold them.
  constexpr int threads = 4, events = 2000;
  std::vector<request_record> records(threads);
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k)
    pool.emplace_back([&, k, ep = typename TestType::type(original)]() mutable {
      response_sink sink(records[static_cast<std::size_t>(k)]);
      const std::string event = TestType::content_event(std::string(static_cast<std::size_t>(k + 1), char('a' + k)));
      for (int i = 0; i < events; ++i) {
        sink.begin_unit(i);
        ep.on_event(event, sink);
      }
    });
  for (auto& t : pool) t.join();
  for (int k = 0; k < threads; ++k) {
    INFO("thread " << k);
    CHECK(records[static_cast<std::size_t>(k)].content ==
          std::string(static_cast<std::size_t>(events * (k + 1)), char('a' + k)));
  }
}
