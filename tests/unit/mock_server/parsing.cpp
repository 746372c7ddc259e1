// SPDX-License-Identifier: Apache-2.0
// aiperf-mock-server pieces without sockets: HTTP parser, fault specs, request bodies,
// latency sampling and the absolute-deadline schedule.
#include "catch.hpp"
#include "raw_client.hpp"

#include <cmath>
#include <set>

using namespace aiperf::mock;

TEST_CASE("http parser: request line, headers, Content-Length body", "[mock][http]") {
  const std::string buf =
      "POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: a\r\ncontent-length: 5\r\nX-Mock-Fault:  close=2 \r\n\r\n"
      "hello";
  http_request req;
  auto r = parse_http_request(buf, req, 1024);
  REQUIRE(r.status == parse_status::complete);
  CHECK(req.method == "POST");
  CHECK(req.target == "/v1/chat/completions");
  CHECK(req.body == "hello");
  CHECK(req.fault_header == "close=2");
  CHECK(req.keep_alive);
  CHECK(req.total_size == buf.size());
}

TEST_CASE("http parser: incomplete head and body ask for more", "[mock][http]") {
  http_request req;
  CHECK(parse_http_request("GET /health HTTP/1.1\r\nHost: a\r\n", req, 1024).status == parse_status::incomplete);
  CHECK(parse_http_request("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", req, 1024).status ==
        parse_status::incomplete);
}

TEST_CASE("http parser: pipelined requests parse one at a time", "[mock][http]") {
  const std::string a = "GET /health HTTP/1.1\r\n\r\n";
  const std::string b = "POST /v1/completions HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
  const std::string buf = a + b;
  http_request req;
  REQUIRE(parse_http_request(buf, req, 1024).status == parse_status::complete);
  CHECK(req.target == "/health");
  REQUIRE(req.total_size == a.size());
  http_request req2;
  REQUIRE(parse_http_request(std::string_view(buf).substr(req.total_size), req2, 1024).status ==
          parse_status::complete);
  CHECK(req2.target == "/v1/completions");
  CHECK(req2.body == "{}");
}

TEST_CASE("http parser: chunked request bodies are decoded", "[mock][http]") {
  const std::string buf =
      "POST /v1/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\n{\"a\r\nA\r\n\":1234567}\r\n0\r\n\r\n"
      "GET /";
  http_request req;
  REQUIRE(parse_http_request(buf, req, 1024).status == parse_status::complete);
  CHECK(req.body == "{\"a\":1234567}");
  CHECK(buf.substr(req.total_size) == "GET /");
  http_request bad;
  CHECK(parse_http_request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", bad, 1024).status ==
        parse_status::bad_request);
}

TEST_CASE("http parser: connection semantics and bad input", "[mock][http]") {
  http_request req;
  REQUIRE(parse_http_request("GET / HTTP/1.0\r\n\r\n", req, 10).status == parse_status::complete);
  CHECK_FALSE(req.keep_alive);
  REQUIRE(parse_http_request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", req, 10).status == parse_status::complete);
  CHECK_FALSE(req.keep_alive);
  CHECK(parse_http_request("GARBAGE\r\n\r\n", req, 10).status == parse_status::bad_request);
  CHECK(parse_http_request("GET / HTTP/2.0\r\n\r\n", req, 10).status == parse_status::bad_request);
  CHECK(parse_http_request("GET / HTTP/1.1\r\nNoColon\r\n\r\n", req, 10).status == parse_status::bad_request);
  CHECK(parse_http_request("POST / HTTP/1.1\r\nContent-Length: x1\r\n\r\n", req, 10).status ==
        parse_status::bad_request);
  CHECK(parse_http_request("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", req, 10).status ==
        parse_status::too_large);
  CHECK(parse_http_request("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", req, 10).status ==
        parse_status::not_implemented);
  CHECK(parse_http_request(std::string(70000, 'a'), req, 10).status == parse_status::too_large);
}

TEST_CASE("fault specs parse and merge", "[mock][fault]") {
  auto f = parse_fault_spec("close=3, stall=2:1.5,no-done,after-done,no-usage,slow-headers=0.25,error-code=429");
  CHECK(f.close_after == 3);
  CHECK(f.stall_after == 2);
  CHECK(f.stall_seconds == 1.5);
  CHECK(f.no_done);
  CHECK(f.after_done);
  CHECK(f.no_usage);
  CHECK(f.slow_headers_seconds == 0.25);
  CHECK(f.error_code == 429);
  auto g = parse_fault_spec("reset=1,status=503", f);
  CHECK(g.close_after == 3);  // merged on top of the base
  CHECK(g.reset_after == 1);
  CHECK(g.status == 503);
  CHECK_FALSE(parse_fault_spec("none", g).any());
  CHECK(parse_fault_spec("error-event=0").error_event_after == 0);
  CHECK(parse_fault_spec("error-data=4").error_data_after == 4);
  CHECK(parse_fault_spec("malformed=1").malformed_after == 1);
  CHECK(parse_fault_spec("close-delimited").close_delimited);
}

TEST_CASE("fault specs: bad items name themselves", "[mock][fault]") {
  auto msg = [](std::string_view s) {
    try {
      parse_fault_spec(s);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(msg("explode=1").find("unknown fault 'explode'") != std::string::npos);
  CHECK(msg("close").find("'close' needs a value") != std::string::npos);
  CHECK(msg("close=x").find("'x' is not a valid number") != std::string::npos);
  CHECK(msg("close=-1").find("count must be >= 0") != std::string::npos);
  CHECK(msg("stall=3").find("expected stall=N:SECONDS") != std::string::npos);
  CHECK(msg("status=99").find("status must be 100..599") != std::string::npos);
  CHECK(msg("no-done=1").find("takes no value") != std::string::npos);
}

TEST_CASE("schedule: deadlines are absolute (arrival + ttft + k*itl)", "[mock][timing]") {
  constexpr std::int64_t arrival = 1'000'000'000;
  STATIC_REQUIRE(event_deadline_ns(arrival, 40'000'000, 4'000'000, 0) == 1'040'000'000);
  STATIC_REQUIRE(event_deadline_ns(arrival, 40'000'000, 4'000'000, 10) == 1'080'000'000);
  // The server accumulates integer gaps from fixed samplers: same values, no drift after
  // many events.
  latency_sampler ttft({40.0, 0.0, dist_kind::fixed}), itl({4.0, 0.0, dist_kind::fixed});
  std::mt19937_64 rng(1);
  std::int64_t d = arrival + ttft.draw_ns(rng);
  for (int k = 0; k < 100000; ++k) {
    REQUIRE(d == event_deadline_ns(arrival, 40'000'000, 4'000'000, k));
    d += itl.draw_ns(rng);
  }
  // Fractional milliseconds are kept to the nanosecond.
  latency_sampler frac({0.0015, 0.0, dist_kind::fixed});
  CHECK(frac.draw_ns(rng) == 1500);
}

TEST_CASE("latency distributions: seeded, mean and spread as configured", "[mock][timing]") {
  for (auto kind : {dist_kind::normal, dist_kind::lognormal, dist_kind::uniform}) {
    latency_sampler s({20.0, 5.0, kind});
    std::mt19937_64 rng(42), rng2(42);
    double sum = 0, sq = 0;
    constexpr int n = 200000;
    std::int64_t lo = INT64_MAX, hi = 0;
    for (int i = 0; i < n; ++i) {
      const auto v = s.draw_ns(rng);
      REQUIRE(v == s.draw_ns(rng2));  // same seed, same draws
      REQUIRE(v >= 0);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += static_cast<double>(v) / 1e6;
      sq += (static_cast<double>(v) / 1e6) * (static_cast<double>(v) / 1e6);
    }
    const double mean = sum / n, sd = std::sqrt(sq / n - mean * mean);
    INFO("kind " << static_cast<int>(kind));
    CHECK(mean == Approx(20.0).epsilon(0.01));
    CHECK(sd == Approx(5.0).epsilon(0.03));
    if (kind == dist_kind::uniform) {
      CHECK(lo >= static_cast<std::int64_t>((20.0 - std::sqrt(3.0) * 5.0) * 1e6) - 1);
      CHECK(hi <= static_cast<std::int64_t>((20.0 + std::sqrt(3.0) * 5.0) * 1e6) + 1);
    }
  }
  latency_sampler clamp({1.0, 10.0, dist_kind::normal});
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000; ++i) REQUIRE(clamp.draw_ns(rng) >= 0);
}

TEST_CASE("token words: distinct, one leading space, ASCII letters only", "[mock][tokens]") {
  std::set<std::string_view> seen;
  for (auto w : token_words) {
    REQUIRE(w.size() >= 2);
    CHECK(w.front() == ' ');
    for (char c : w.substr(1)) CHECK(((c >= 'a' && c <= 'z')));
    seen.insert(w);
  }
  CHECK(seen.size() == token_words.size());
  CHECK(token_word(0) == " the");
  CHECK(token_word(token_words.size()) == " the");
}

TEST_CASE("prompt token estimate", "[mock][tokens]") {
  CHECK(estimate_tokens("") == 0);
  CHECK(estimate_tokens("Hello world") == 2);
  CHECK(estimate_tokens("Hello, world!") == 4);
  CHECK(estimate_tokens("year 2024 and 1234567") == 2 + 2 + 3);
  CHECK(estimate_tokens("  \n\t ") == 0);
}

namespace {
request_params parse_ok(std::string s) {
  simdjson::ondemand::parser p;
  request_params out;
  s.reserve(s.size() + simdjson::SIMDJSON_PADDING);
  auto err = parse_request(p, simdjson::padded_string_view(s.data(), s.size(), s.capacity()), out);
  INFO(err);
  REQUIRE(err.empty());
  return out;
}
std::string parse_err(std::string s) {
  simdjson::ondemand::parser p;
  request_params out;
  s.reserve(s.size() + simdjson::SIMDJSON_PADDING);
  return parse_request(p, simdjson::padded_string_view(s.data(), s.size(), s.capacity()), out);
}
}  // namespace

TEST_CASE("request bodies: fields the mock acts on", "[mock][json]") {
  auto p = parse_ok(R"({"model":"a\"b","stream":true,"max_tokens":7,"max_completion_tokens":9,
     "stream_options":{"include_usage":true},"ignore_eos":true,"reasoning_effort":"low",
     "messages":[{"role":"system","content":"one two"},{"role":"user","content":[{"type":"text","text":"three"},
     {"type":"image_url","image_url":{"url":"x"}}]}]})");
  CHECK(p.model == R"(a\"b)");  // kept escaped: echoed inside JSON strings
  CHECK(p.stream);
  CHECK(p.include_usage);
  CHECK(p.ignore_eos);
  CHECK(p.max_tokens == 9);  // max_completion_tokens wins
  CHECK(p.reasoning_effort_tokens == 32);
  CHECK(p.prompt_tokens == 3);
  auto q = parse_ok(R"({"max_completion_tokens":9,"max_tokens":7,"prompt":["a b","c"]})");
  CHECK(q.max_tokens == 9);
  CHECK(q.prompt_tokens == 3);
  CHECK_FALSE(q.stream);
  auto e = parse_ok(R"({"input":["x y",[1,2,3]]})");
  CHECK(e.inputs == 2);
  CHECK(e.prompt_tokens == 5);
  CHECK(parse_ok(R"({"max_tokens":null})").max_tokens == -1);
}

TEST_CASE("request bodies: errors name the field", "[mock][json]") {
  INFO(parse_err("{not json"));
  CHECK(parse_err("{not json").find("invalid JSON") != std::string::npos);
  CHECK(parse_err("[1]") == "request body must be a JSON object");
  CHECK(parse_err(R"({"max_tokens":"ten"})").rfind("max_tokens: expected an integer", 0) == 0);
  CHECK(parse_err(R"({"max_tokens":-1})") == "max_tokens: must be >= 0");
  CHECK(parse_err(R"({"stream":"yes"})").rfind("stream: expected true or false", 0) == 0);
  CHECK(parse_err(R"({"reasoning_effort":"extreme"})").find("reasoning_effort: expected") == 0);
  CHECK(parse_err(R"({"messages":5})").rfind("messages: expected an array", 0) == 0);
}
