// SPDX-License-Identifier: Apache-2.0
// aiperf-mock-server in-process over loopback: endpoints, streaming and non-streaming shapes,
// exact token counts, usage, reasoning, keep-alive and pipelining, /metrics.
#include "catch.hpp"
#include "raw_client.hpp"

#include <simdjson.h>

#include <chrono>
#include <set>

using namespace mock_test;

namespace {

struct parsed {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  explicit parsed(const std::string& s) {
    auto r = parser.parse(s);
    INFO(s);
    REQUIRE(r.error() == simdjson::SUCCESS);
    root = r.value();
  }
};

/// Stream summary: content text, reasoning text, events carrying content, usage (if any).
struct stream_view {
  std::string content, reasoning;
  int content_events = 0, reasoning_events = 0;
  bool first_has_role = false;
  std::string last_finish;
  bool has_usage = false;
  std::int64_t prompt_tokens = -1, completion_tokens = -1, total_tokens = -1, reasoning_tokens = -1;
  bool done_last = false;
  int done_count = 0;
};

stream_view view(const response& r, bool chat = true, std::string_view reasoning_field = "reasoning_content") {
  stream_view v;
  auto data = r.data();
  bool first = true;
  for (const auto& d : data) {
    if (d == "[DONE]") {
      ++v.done_count;
      continue;
    }
    parsed p(d);
    auto obj = p.root;
    CHECK(std::string_view(obj["object"]) == (chat ? "chat.completion.chunk" : "text_completion"));
    auto choices = obj["choices"].get_array().value();
    if (choices.size() > 0) {
      auto c = choices.at(0).value();
      if (chat) {
        auto delta = c["delta"];
        if (first) v.first_has_role = delta["role"].error() == simdjson::SUCCESS;
        std::string_view s;
        if (delta["content"].get(s) == simdjson::SUCCESS) {
          v.content += s;
          ++v.content_events;
        }
        if (delta[reasoning_field].get(s) == simdjson::SUCCESS) {
          v.reasoning += s;
          ++v.reasoning_events;
        }
      } else {
        std::string_view s = c["text"];
        v.content += s;
        ++v.content_events;
      }
      std::string_view fr;
      if (c["finish_reason"].get(fr) == simdjson::SUCCESS) v.last_finish = fr;
      first = false;
    }
    auto usage = obj["usage"];
    if (usage.error() == simdjson::SUCCESS) {
      v.has_usage = true;
      v.prompt_tokens = usage["prompt_tokens"].get_int64();
      v.completion_tokens = usage["completion_tokens"].get_int64();
      v.total_tokens = usage["total_tokens"].get_int64();
      v.reasoning_tokens = usage["completion_tokens_details"]["reasoning_tokens"].get_int64();
      CHECK(choices.size() == 0);  // the usage chunk has empty choices, like OpenAI
    }
  }
  v.done_last = !data.empty() && data.back() == "[DONE]";
  return v;
}

std::size_t words(std::string_view s) { return count_occurrences(s, " "); }

}  // namespace

TEST_CASE("chat streaming: exactly max tokens, role first, finish_reason, [DONE]", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  for (int n : {1, 5, 64}) {
    auto r = c.post("/v1/chat/completions", chat_body(n, true));
    REQUIRE(r.complete);
    CHECK(r.status == 200);
    CHECK(r.headers["content-type"] == "text/event-stream");
    CHECK(r.headers["transfer-encoding"] == "chunked");
    auto v = view(r);
    CHECK(v.content_events == n);
    CHECK(words(v.content) == static_cast<std::size_t>(n));
    CHECK(v.first_has_role);
    CHECK(v.last_finish == "length");
    CHECK_FALSE(v.has_usage);  // not asked for
    CHECK(v.done_last);
    CHECK(v.done_count == 1);
  }
}

TEST_CASE("chat streaming: include_usage adds one usage chunk before [DONE]", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(12, true, true));
  auto v = view(r);
  CHECK(v.content_events == 12);
  REQUIRE(v.has_usage);
  CHECK(v.completion_tokens == 12);
  CHECK(v.prompt_tokens == 5);  // "Hello there, mock!" -> Hello , there , mock ! minus... estimated
  CHECK(v.total_tokens == v.prompt_tokens + 12);
  CHECK(v.reasoning_tokens == 0);
  auto data = r.data();
  REQUIRE(data.size() == 14);
  CHECK(data[12].find("\"usage\"") != std::string::npos);
  CHECK(data[13] == "[DONE]");
  // usage requested without stream: ignored (no effect on a non-streaming body, which always has usage)
}

TEST_CASE("completions streaming and non-streaming", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/completions", R"({"model":"m","prompt":"a b c","max_tokens":7,"stream":true,)"
                                     R"("stream_options":{"include_usage":true}})");
  auto v = view(r, false);
  CHECK(v.content_events == 7);
  CHECK(words(v.content) == 7);
  CHECK(v.last_finish == "length");
  CHECK(v.prompt_tokens == 3);
  CHECK(v.completion_tokens == 7);
  CHECK(v.done_last);

  auto n = c.post("/v1/completions", R"({"model":"m","prompt":["a b","c d"],"max_tokens":9})");
  REQUIRE(n.complete);
  CHECK(n.status == 200);
  CHECK(n.headers["content-type"] == "application/json");
  parsed p(n.body);
  CHECK(std::string_view(p.root["object"]) == "text_completion");
  std::string_view text = p.root["choices"].at(0)["text"];
  CHECK(words(text) == 9);
  CHECK(int64_t(p.root["usage"]["completion_tokens"]) == 9);
  CHECK(int64_t(p.root["usage"]["prompt_tokens"]) == 4);
}

TEST_CASE("chat non-streaming: one JSON body with usage", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(33, false));
  REQUIRE(r.complete);
  CHECK(r.status == 200);
  CHECK(r.headers.count("content-length") == 1);
  parsed p(r.body);
  CHECK(std::string_view(p.root["object"]) == "chat.completion");
  auto msg = p.root["choices"].at(0)["message"];
  CHECK(std::string_view(msg["role"]) == "assistant");
  CHECK(words(std::string_view(msg["content"])) == 33);
  CHECK(std::string_view(p.root["choices"].at(0)["finish_reason"]) == "length");
  CHECK(int64_t(p.root["usage"]["completion_tokens"]) == 33);
  CHECK(int64_t(p.root["usage"]["total_tokens"]) == int64_t(p.root["usage"]["prompt_tokens"]) + 33);
  CHECK(int64_t(p.root["usage"]["completion_tokens_details"]["reasoning_tokens"]) == 0);
  CHECK(std::string_view(p.root["model"]) == "m");
}

TEST_CASE("token budget: max_tokens, default OSL, tokens per chunk, EOS", "[mock][server]") {
  mock::server_config cfg;
  cfg.default_osl = 11;
  cfg.tokens_per_chunk = 3;
  embedded_server s(cfg);
  raw_client c(s.port());
  auto a = view(c.post("/v1/chat/completions", chat_body(-1, true)));
  CHECK(words(a.content) == 11);
  CHECK(a.content_events == 4);  // 3+3+3+2
  CHECK(a.last_finish == "stop");  // no cap: a natural stop
  auto b = view(c.post("/v1/chat/completions", R"({"messages":[],"max_tokens":7,"stream":true})"));
  CHECK(words(b.content) == 7);
  CHECK(b.content_events == 3);

  mock::server_config eos;
  eos.eos_probability = 0.5;
  eos.seed = 7;
  embedded_server e(eos);
  raw_client ce(e.port());
  bool some_short = false;
  for (int i = 0; i < 20; ++i) {
    auto v = view(ce.post("/v1/chat/completions", chat_body(50, true, true)));
    CHECK(words(v.content) <= 50);
    CHECK(v.completion_tokens == static_cast<std::int64_t>(words(v.content)));
    if (words(v.content) < 50) {
      some_short = true;
      CHECK(v.last_finish == "stop");
    }
    auto forced = view(ce.post("/v1/chat/completions", chat_body(50, true, false, R"(,"ignore_eos":true)")));
    CHECK(words(forced.content) == 50);
  }
  CHECK(some_short);  // p=0.5 over 20x49 chances
}

TEST_CASE("reasoning tokens: flag, reasoning_effort, field name, usage", "[mock][server]") {
  mock::server_config cfg;
  cfg.reasoning_tokens = 6;
  embedded_server s(cfg);
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(4, true, true));
  auto v = view(r);
  CHECK(v.reasoning_events == 6);
  CHECK(v.content_events == 4);
  CHECK(v.first_has_role);
  CHECK(v.reasoning_tokens == 6);
  CHECK(v.completion_tokens == 10);
  // reasoning comes before any content
  auto data = r.data();
  CHECK(data[5].find("reasoning_content") != std::string::npos);
  CHECK(data[6].find("\"content\"") != std::string::npos);

  auto e = view(c.post("/v1/chat/completions", chat_body(2, true, true, R"(,"reasoning_effort":"low")")));
  CHECK(e.reasoning_events == 32);
  CHECK(e.reasoning_tokens == 32);

  auto n = c.post("/v1/chat/completions", chat_body(3, false));
  parsed p(n.body);
  CHECK(words(std::string_view(p.root["choices"].at(0)["message"]["reasoning_content"])) == 6);
  CHECK(int64_t(p.root["usage"]["completion_tokens_details"]["reasoning_tokens"]) == 6);

  mock::server_config alt;
  alt.reasoning_tokens = 2;
  alt.reasoning_field = "reasoning";
  embedded_server s2(alt);
  raw_client c2(s2.port());
  auto v2 = view(c2.post("/v1/chat/completions", chat_body(1, true)), true, "reasoning");
  CHECK(v2.reasoning_events == 2);
  CHECK(v2.content_events == 1);
}

TEST_CASE("health, models, metrics", "[mock][server]") {
  mock::server_config cfg;
  cfg.models = {"alpha", "beta"};
  embedded_server s(cfg);
  raw_client c(s.port());
  auto h = c.get("/health");
  CHECK(h.status == 200);
  CHECK(h.body == R"({"status":"ok"})");
  auto m = c.get("/v1/models");
  parsed p(m.body);
  auto data = p.root["data"].get_array().value();
  REQUIRE(data.size() == 2);
  CHECK(std::string_view(data.at(0)["id"]) == "alpha");
  CHECK(std::string_view(data.at(1)["id"]) == "beta");

  auto bad = c.post("/v1/chat/completions", R"({"model":"gamma","messages":[]})");
  CHECK(bad.status == 404);
  CHECK(bad.body.find("gamma") != std::string::npos);
  auto ok = c.post("/v1/chat/completions", R"({"model":"beta","messages":[],"max_tokens":3,"stream":true})");
  CHECK(ok.status == 200);

  auto x = c.get("/metrics");
  CHECK(x.status == 200);
  CHECK(x.headers["content-type"].rfind("text/plain", 0) == 0);
  for (auto name : {"vllm:num_requests_running{", "vllm:prompt_tokens_total{", "vllm:generation_tokens_total{",
                    "vllm:time_to_first_token_seconds_bucket{", "vllm:e2e_request_latency_seconds_count{",
                    "DCGM_FI_DEV_GPU_UTIL{", "# TYPE vllm:time_to_first_token_seconds histogram"})
    CHECK(x.body.find(name) != std::string::npos);
  CHECK(x.body.find("vllm:generation_tokens_total{model_name=\"alpha\"} 3\n") != std::string::npos);
  CHECK(x.body.find("vllm:e2e_request_latency_seconds_count{model_name=\"alpha\"} 1\n") != std::string::npos);
  CHECK(x.body.find("vllm:time_to_first_token_seconds_count{model_name=\"alpha\"} 1\n") != std::string::npos);
  CHECK(x.body.find("mock value") != std::string::npos);
}

TEST_CASE("embeddings: deterministic vectors", "[mock][server]") {
  mock::server_config cfg;
  cfg.embedding_dim = 8;
  embedded_server s(cfg);
  raw_client c(s.port());
  auto a = c.post("/v1/embeddings", R"({"model":"e","input":["hello world","bye"]})");
  REQUIRE(a.status == 200);
  parsed p(a.body);
  auto data = p.root["data"].get_array().value();
  REQUIRE(data.size() == 2);
  CHECK(data.at(0)["embedding"].get_array().value().size() == 8);
  CHECK(int64_t(p.root["usage"]["prompt_tokens"]) == 3);
  auto b = c.post("/v1/embeddings", R"({"model":"e","input":"hello world"})");
  parsed q(b.body);
  CHECK(simdjson::to_string(q.root["data"].at(0)["embedding"]) ==
        simdjson::to_string(p.root["data"].at(0)["embedding"]));
  CHECK(simdjson::to_string(p.root["data"].at(1)["embedding"]) !=
        simdjson::to_string(p.root["data"].at(0)["embedding"]));
}

TEST_CASE("errors: routes, methods, bad bodies", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  auto r404 = c.post("/v1/nothing", "{}");
  CHECK(r404.status == 404);
  auto r405 = c.get("/v1/chat/completions");
  CHECK(r405.status == 405);
  auto bad = c.post("/v1/chat/completions", R"({"max_tokens":"x"})");
  CHECK(bad.status == 400);
  parsed p(bad.body);
  CHECK(std::string_view(p.root["error"]["message"]).rfind("max_tokens: expected an integer", 0) == 0);
  CHECK(int64_t(p.root["error"]["code"]) == 400);
  auto zero = c.post("/v1/chat/completions", chat_body(0, true));
  CHECK(zero.status == 400);
  auto huge = c.post("/v1/chat/completions", chat_body(2000000, false));
  CHECK(huge.status == 400);
  CHECK(huge.body.find("max_tokens: at most 1000000") != std::string::npos);
  auto bad_fault = c.post("/v1/chat/completions", chat_body(2, true), "X-Mock-Fault: boom\r\n");
  CHECK(bad_fault.status == 400);
  CHECK(bad_fault.body.find("X-Mock-Fault: unknown fault 'boom'") != std::string::npos);
  // The connection is still usable after all of these.
  CHECK(view(c.post("/v1/chat/completions", chat_body(2, true))).content_events == 2);
  // A malformed request line gets 400 and the connection closes.
  raw_client d(s.port());
  d.send_raw("NONSENSE\r\n\r\n");
  auto r = d.read_response();
  CHECK(r.status == 400);
  CHECK(r.headers["connection"] == "close");
}

TEST_CASE("keep-alive, pipelining, chunked request body, Connection: close", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  std::string two = raw_client::request("POST", "/v1/chat/completions", chat_body(3, true)) +
                    raw_client::request("POST", "/v1/completions", R"({"prompt":"x","max_tokens":2})") +
                    raw_client::request("GET", "/health");
  c.send_raw(two);
  auto a = c.read_response();
  auto b = c.read_response();
  auto h = c.read_response();
  CHECK(view(a).content_events == 3);
  parsed p(b.body);
  CHECK(words(std::string_view(p.root["choices"].at(0)["text"])) == 2);
  CHECK(h.body == R"({"status":"ok"})");

  c.send_raw("POST /v1/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\n{\"max\r\n10\r\n_tokens\":4,\"prom\r\n9\r\npt\":\"hi\"}\r\n0\r\n\r\n");
  auto ch = c.read_response();
  REQUIRE(ch.status == 200);
  parsed q(ch.body);
  CHECK(words(std::string_view(q.root["choices"].at(0)["text"])) == 4);

  c.send_raw("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
  auto last = c.read_response();
  CHECK(last.status == 200);
  CHECK(last.headers["connection"] == "close");
  auto after = c.read_response();  // server closed
  CHECK(after.eof);
  CHECK(after.status == 0);
}

TEST_CASE("timing: chunks arrive in order, TTFT before ITL gaps", "[mock][server][timing]") {
  mock::server_config cfg;
  cfg.ttft = {30.0, 0.0, mock::dist_kind::fixed};
  cfg.itl = {5.0, 0.0, mock::dist_kind::fixed};
  embedded_server s(cfg);
  raw_client c(s.port());
  const auto t0 = aiperf::steady_ns();
  auto r = c.post("/v1/chat/completions", chat_body(6, true, true));
  auto v = view(r);
  CHECK(v.content_events == 6);
  REQUIRE(r.event_ns.size() == 8);
  CHECK(r.head_ns >= t0);
  for (std::size_t i = 1; i < r.event_ns.size(); ++i) CHECK(r.event_ns[i] >= r.event_ns[i - 1]);
  CHECK(r.event_ns.front() >= r.head_ns);
  // Server-side view: one TTFT and five ITL observations were recorded.
  CHECK(s.srv->metrics().ttft.count.load() == 1);
  CHECK(s.srv->metrics().itl.count.load() == 5);
}

TEST_CASE("several workers share one port", "[mock][server]") {
  mock::server_config cfg;
  cfg.workers = 3;
  embedded_server s(cfg);
  std::vector<std::unique_ptr<raw_client>> clients;
  for (int i = 0; i < 12; ++i) clients.push_back(std::make_unique<raw_client>(s.port()));
  for (auto& c : clients) CHECK(view(c->post("/v1/chat/completions", chat_body(4, true))).content_events == 4);
  CHECK(s.srv->metrics().connections_total.load() == 12);
}

TEST_CASE("Expect: 100-continue gets an interim response before the body is sent", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  const std::string body = chat_body(2, false);
  c.send_raw("POST /v1/chat/completions HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n");
  auto interim = c.read_response();  // a 100 has no body
  CHECK(interim.status == 100);
  c.send_raw(body);
  auto r = c.read_response();
  CHECK(r.status == 200);
  CHECK(r.body.find("\"completion_tokens\":2") != std::string::npos);
}

TEST_CASE("rankings: NIM, HF TEI and Cohere shapes, deterministic order by score", "[mock][server]") {
  embedded_server s;
  raw_client c(s.port());
  auto nim = c.post("/v1/ranking", R"({"model":"r","query":{"text":"cat"},"passages":[{"text":"a"},{"text":"b"},{"text":"c"}]})");
  REQUIRE(nim.status == 200);
  parsed n(nim.body);
  auto rankings = n.root["rankings"].get_array().value();
  REQUIRE(rankings.size() == 3);
  double prev = 1e9;
  std::set<std::int64_t> seen;
  for (auto r : rankings) {
    const double logit = r["logit"].get_double().value();
    CHECK(logit <= prev);  // best first, as NIM answers
    prev = logit;
    seen.insert(r["index"].get_int64().value());
  }
  CHECK(seen == std::set<std::int64_t>{0, 1, 2});
  CHECK(int64_t(n.root["usage"]["prompt_tokens"]) == 4);

  auto tei = c.post("/rerank", R"({"query":"cat","texts":["a","b"]})");
  REQUIRE(tei.status == 200);
  parsed t(tei.body);
  REQUIRE(t.root.get_array().value().size() == 2);
  const double score = t.root.at(0)["score"].get_double().value();
  CHECK(score > 0.0);
  CHECK(score < 1.0);

  auto co = c.post("/v2/rerank", R"({"model":"r","query":"cat","documents":["a","b"]})");
  REQUIRE(co.status == 200);
  parsed k(co.body);
  CHECK(k.root["results"].get_array().value().size() == 2);
  CHECK(k.root["results"].at(0)["relevance_score"].is_double());
  // The same passages get the same order again.
  auto again = c.post("/v2/rerank", R"({"model":"r","query":"dog","documents":["a","b"]})");
  parsed k2(again.body);
  CHECK(int64_t(k2.root["results"].at(0)["index"]) == int64_t(k.root["results"].at(0)["index"]));

  auto no_query = c.post("/v1/ranking", R"({"model":"r","passages":[]})");
  CHECK(no_query.status == 400);
  CHECK(no_query.body.find("query: required") != std::string::npos);
  auto get = c.get("/rerank");
  CHECK(get.status == 405);
}

TEST_CASE("embeddings and rankings: chat-shaped bodies, TTFT and faults apply", "[mock][server]") {
  mock::server_config cfg;
  cfg.embedding_dim = 4;
  cfg.ttft.mean_ms = 30;
  embedded_server s(cfg);
  raw_client c(s.port());
  const auto t0 = std::chrono::steady_clock::now();
  auto chat = c.post("/v1/embeddings", R"({"model":"v","messages":[{"role":"user","content":"hi there"}]})");
  const auto waited = std::chrono::steady_clock::now() - t0;
  REQUIRE(chat.status == 200);
  parsed p(chat.body);
  CHECK(p.root["data"].get_array().value().size() == 1);
  CHECK(waited >= std::chrono::milliseconds(25));  // answered after the TTFT, not at once
  auto err = c.post("/v2/rerank", R"({"model":"r","query":"q","documents":["a"]})", "X-Mock-Fault: status=503\r\n");
  CHECK(err.status == 503);
  auto cut = c.post("/v1/ranking", R"({"model":"r","query":{"text":"q"},"passages":[{"text":"a"}]})",
                    "X-Mock-Fault: malformed=0\r\n");
  CHECK(cut.status == 200);
  simdjson::dom::parser parser;
  CHECK(parser.parse(cut.body).error() != simdjson::SUCCESS);  // truncated JSON
}
