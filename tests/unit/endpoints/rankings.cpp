// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/nim_rankings.hpp, hf_tei_rankings.hpp, cohere_rankings.hpp
// and the rankings side of vector_parse.hpp (spec load-generation §8.9).
#include "catch.hpp"

#include <aiperf/endpoints/cohere_rankings.hpp>
#include <aiperf/endpoints/hf_tei_rankings.hpp>
#include <aiperf/endpoints/nim_rankings.hpp>

#include <stdexcept>

using namespace aiperf;

namespace {
conversation query_and_passages(std::string query_name = "query") {
  conversation c;
  turn t;
  t.text = "what is a cat a cat is an animal dogs bark";
  t.texts = {{query_name, {"what is a \"cat\""}}, {"passages", {"a cat is an animal", "dogs bark"}}};
  c.turns.push_back(std::move(t));
  return c;
}

template <class E>
request_record parse(E& ep, std::string_view body) {
  request_record rec;
  response_sink sink(rec);
  sink.begin_unit(1);
  ep.on_body(body, sink);
  return rec;
}

constexpr std::string_view missing_query =
    "Rankings request requires a text with name 'query' or 'queries'. Provide a Text object with name='query' or "
    "name='queries' containing the search query.";
}  // namespace

TEST_CASE("nim_rankings: query object and passage objects (spec §8.9)", "[endpoints][rankings]") {
  endpoints::nim_rankings ep(endpoints::endpoint_options{.model = "nv-rerank"});
  auto req = ep.encode(query_and_passages(), 0);
  CHECK(req.path == "/v1/ranking");
  CHECK(req.body ==
        R"({"model":"nv-rerank","query":{"text":"what is a \"cat\""},"passages":[{"text":"a cat is an animal"},{"text":"dogs bark"}]})");
  // "queries" is accepted too; extras merge last.
  endpoints::nim_rankings ex(endpoints::endpoint_options{.model = "m", .extra_inputs_json = R"({"truncate":"END"})"});
  CHECK(ex.encode(query_and_passages("queries"), 0).body ==
        R"({"model":"m","query":{"text":"what is a \"cat\""},"passages":[{"text":"a cat is an animal"},{"text":"dogs bark"}],"truncate":"END"})");
  STATIC_REQUIRE(!endpoints::nim_rankings::produces_tokens);
}

TEST_CASE("hf_tei_rankings: query and texts, no model (spec §8.9)", "[endpoints][rankings]") {
  endpoints::hf_tei_rankings ep(endpoints::endpoint_options{.model = "bge"});
  auto req = ep.encode(query_and_passages(), 0);
  CHECK(req.path == "/rerank");
  CHECK(req.body == R"({"query":"what is a \"cat\"","texts":["a cat is an animal","dogs bark"]})");
}

TEST_CASE("cohere_rankings: model, query and documents (spec §8.9)", "[endpoints][rankings]") {
  endpoints::cohere_rankings ep(endpoints::endpoint_options{.model = "rerank-v3.5"});
  auto req = ep.encode(query_and_passages(), 0);
  CHECK(req.path == "/v2/rerank");
  CHECK(req.body ==
        R"({"model":"rerank-v3.5","query":"what is a \"cat\"","documents":["a cat is an animal","dogs bark"]})");
}

TEST_CASE("rankings: a turn without a query is refused with the spec's message; no passages is allowed",
          "[endpoints][rankings]") {
  endpoints::cohere_rankings ep(endpoints::endpoint_options{.model = "m"});
  conversation plain;
  plain.turns.push_back(turn{});
  plain.turns[0].text = "just text";
  CHECK_THROWS_WITH(ep.encode(plain, 0), std::string(missing_query));
  conversation q;
  q.turns.push_back(turn{});
  q.turns[0].texts = {{"queries", {"first", "second"}}, {"other", {"ignored"}}};
  CHECK(ep.encode(q, 0).body == R"({"model":"m","query":"first","documents":[]})");
}

TEST_CASE("rankings responses per vendor", "[endpoints][rankings]") {
  endpoints::nim_rankings nim(endpoints::endpoint_options{.model = "m"});
  auto r = parse(nim, R"({"rankings":[{"index":1,"logit":2.5},{"index":0,"logit":-1.0}],"usage":{"prompt_tokens":9,"total_tokens":9}})");
  CHECK(r.ok());
  CHECK(r.chunks[0].is_content());
  CHECK(r.usage.prompt_tokens == 9);
  CHECK(r.content.empty());
  auto nim_bad = parse(nim, R"({"rankings":[1,2]})");
  REQUIRE(nim_bad.error);
  CHECK(nim_bad.error->message == R"(Received invalid rankings in response: {"rankings":[1,2]})");

  endpoints::hf_tei_rankings tei(endpoints::endpoint_options{.model = "m"});
  CHECK(parse(tei, R"([{"index":0,"score":0.9},{"index":1,"score":0.1}])").chunks[0].is_content());
  CHECK(parse(tei, R"({"results":[{"index":0,"score":0.9}]})").chunks[0].is_content());
  CHECK_FALSE(parse(tei, "[]").chunks[0].is_content());

  endpoints::cohere_rankings cohere(endpoints::endpoint_options{.model = "m"});
  auto c = parse(cohere, R"({"id":"x","results":[{"index":0,"relevance_score":0.7}],"meta":{"billed_units":{"search_units":1}}})");
  CHECK(c.ok());
  CHECK(c.chunks[0].is_content());
  // A top-level list is only TEI's shape.
  auto list = parse(cohere, R"([{"index":0}])");
  REQUIRE(list.error);
  CHECK(list.error->message.rfind("Received invalid list in response: ", 0) == 0);
  auto err = parse(cohere, R"({"error":{"message":"bad query","code":422}})");
  REQUIRE(err.error);
  CHECK(err.error->code == 422);
}
