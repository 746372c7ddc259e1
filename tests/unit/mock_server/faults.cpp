// SPDX-License-Identifier: Apache-2.0
// aiperf-mock-server fault injection as a raw client sees it: statuses, error rate, FIN and
// RST mid-stream, stalls, in-stream errors, malformed chunks, [DONE] faults, missing usage.
#include "catch.hpp"
#include "raw_client.hpp"

#include <simdjson.h>

using namespace mock_test;

namespace {

int content_events(const response& r) {
  int n = 0;
  for (const auto& d : r.data())
    if (d.find("\"content\":") != std::string::npos) ++n;
  return n;
}

std::string fault_header(std::string_view spec) { return "X-Mock-Fault: " + std::string(spec) + "\r\n"; }

}  // namespace

TEST_CASE("fault status=CODE answers that status with an OpenAI error body", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  for (int code : {429, 500, 503}) {
    auto r = c.post("/v1/chat/completions", chat_body(4, true), fault_header("status=" + std::to_string(code)));
    REQUIRE(r.complete);
    CHECK(r.status == code);
    simdjson::dom::parser p;
    auto doc = p.parse(r.body);
    REQUIRE(doc.error() == simdjson::SUCCESS);
    CHECK(int64_t(doc["error"]["code"]) == code);
  }
  // Keep-alive survives error answers; faults apply only to that request.
  auto ok = c.post("/v1/chat/completions", chat_body(4, true));
  CHECK(ok.status == 200);
  CHECK(content_events(ok) == 4);
  // Health is never faulted.
  CHECK(c.get("/health").status == 200);
}

TEST_CASE("error rate and error status flags", "[mock][fault]") {
  mock::server_config all;
  all.error_rate = 1.0;
  all.error_status = 503;
  embedded_server s(all);
  raw_client c(s.port());
  for (int i = 0; i < 5; ++i) CHECK(c.post("/v1/completions", R"({"prompt":"x"})").status == 503);
  CHECK(c.get("/health").status == 200);

  mock::server_config half;
  half.error_rate = 0.5;
  half.seed = 11;
  embedded_server h(half);
  raw_client d(h.port());
  int errors = 0;
  for (int i = 0; i < 200; ++i) errors += d.post("/v1/completions", R"({"prompt":"x","max_tokens":1})").status == 500;
  CHECK(errors > 50);
  CHECK(errors < 150);
  CHECK(h.srv->metrics().errors.load() == static_cast<std::uint64_t>(errors));
}

TEST_CASE("close=N: FIN after N token events, no terminal chunk", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(10, true, true), fault_header("close=3"));
  CHECK(r.status == 200);
  CHECK_FALSE(r.complete);
  CHECK(r.eof);
  CHECK_FALSE(r.reset);
  CHECK(content_events(r) == 3);
  for (const auto& d : r.data()) CHECK(d != "[DONE]");
  // close=0: headers only.
  raw_client c2(s.port());
  auto z = c2.post("/v1/chat/completions", chat_body(10, true), fault_header("close=0"));
  CHECK(z.status == 200);
  CHECK(z.eof);
  CHECK(z.data().empty());
  // Non-streaming: the body is cut short of its Content-Length.
  raw_client c3(s.port());
  auto n = c3.post("/v1/chat/completions", chat_body(10, false), fault_header("close=1"));
  CHECK(n.status == 200);
  CHECK_FALSE(n.complete);
  CHECK(n.eof);
  CHECK(n.body.size() < std::stoul(n.headers["content-length"]));
}

TEST_CASE("reset=N: RST after N token events", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(10, true), fault_header("reset=2"));
  CHECK(r.status == 200);
  CHECK_FALSE(r.complete);
  CHECK(r.reset);
  CHECK(content_events(r) == 2);
  // The server keeps serving.
  raw_client d(s.port());
  CHECK(content_events(d.post("/v1/chat/completions", chat_body(3, true))) == 3);
}

TEST_CASE("fault flag applies to every inference request, fault rate to a fraction", "[mock][fault]") {
  mock::server_config cfg;
  cfg.fault = mock::parse_fault_spec("close=1");
  embedded_server s(cfg);
  for (int i = 0; i < 3; ++i) {
    raw_client c(s.port());
    auto r = c.post("/v1/chat/completions", chat_body(5, true));
    CHECK(r.eof);
    CHECK(content_events(r) == 1);
  }
  // A header can switch the command-line faults off for one request.
  raw_client c(s.port());
  auto ok = c.post("/v1/chat/completions", chat_body(5, true), fault_header("none"));
  CHECK(ok.complete);
  CHECK(content_events(ok) == 5);

  mock::server_config none;
  none.fault = mock::parse_fault_spec("no-done");
  none.fault_rate = 0.0;
  embedded_server n(none);
  raw_client cn(n.port());
  auto r = cn.post("/v1/chat/completions", chat_body(2, true));
  CHECK(last_data(r) == "[DONE]");
}

TEST_CASE("stall=N:S pauses after N events, then the stream completes", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(5, true, true), fault_header("stall=2:0.2"));
  REQUIRE(r.complete);
  CHECK(content_events(r) == 5);
  CHECK(last_data(r) == "[DONE]");
  REQUIRE(r.event_ns.size() >= 5);
  for (std::size_t i = 1; i < r.event_ns.size(); ++i) CHECK(r.event_ns[i] >= r.event_ns[i - 1]);
  // With no latency configured, the only way event 2 arrives in a different read than event 1
  // is the stall: the first two events went out in one write before it.
  CHECK(r.event_ns[0] == r.event_ns[1]);
  CHECK(r.event_ns[2] != r.event_ns[1]);
}

TEST_CASE("error-event / error-data: in-stream error after HTTP 200, then the stream ends", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(6, true, true), fault_header("error-event=2,error-code=429"));
  REQUIRE(r.complete);  // the chunked body ends properly; the connection stays usable
  CHECK(r.status == 200);
  CHECK(content_events(r) == 2);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[2].rfind("event: error\ndata: {\"error\":", 0) == 0);
  CHECK(r.events[2].find("\"code\":429") != std::string::npos);
  for (const auto& d : r.data()) CHECK(d != "[DONE]");

  auto d = c.post("/v1/chat/completions", chat_body(6, true), fault_header("error-data=0"));
  REQUIRE(d.complete);
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].rfind("data: {\"error\":{", 0) == 0);
  CHECK(d.events[0].find("\"code\":500") != std::string::npos);
}

TEST_CASE("malformed=N inserts one truncated JSON event", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(4, true), fault_header("malformed=1"));
  REQUIRE(r.complete);
  auto data = r.data();
  REQUIRE(data.size() == 6);  // 4 tokens + 1 malformed + [DONE]
  simdjson::dom::parser p;
  CHECK(p.parse(data[0]).error() == simdjson::SUCCESS);
  CHECK(p.parse(data[1]).error() != simdjson::SUCCESS);
  CHECK(p.parse(data[2]).error() == simdjson::SUCCESS);
  CHECK(content_events(r) == 5);  // the malformed one also mentions "content": it is a broken chunk
  // Non-streaming: the JSON body is truncated (honest Content-Length).
  auto n = c.post("/v1/chat/completions", chat_body(4, false), fault_header("malformed=0"));
  REQUIRE(n.complete);
  CHECK(p.parse(n.body).error() != simdjson::SUCCESS);
}

TEST_CASE("no-done, after-done, no-usage", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto a = c.post("/v1/chat/completions", chat_body(3, true, true), fault_header("no-done"));
  REQUIRE(a.complete);
  CHECK(last_data(a).find("\"usage\"") != std::string::npos);
  for (const auto& d : a.data()) CHECK(d != "[DONE]");

  auto b = c.post("/v1/chat/completions", chat_body(3, true), fault_header("after-done"));
  auto bd = b.data();
  REQUIRE(bd.size() == 5);
  CHECK(bd[3] == "[DONE]");
  CHECK(bd[4].find("\"content\"") != std::string::npos);

  auto u = c.post("/v1/chat/completions", chat_body(3, true, true), fault_header("no-usage"));
  for (const auto& d : u.data()) CHECK(d.find("\"usage\"") == std::string::npos);
  CHECK(last_data(u) == "[DONE]");
  auto nu = c.post("/v1/chat/completions", chat_body(3, false), fault_header("no-usage"));
  CHECK(nu.body.find("\"usage\"") == std::string::npos);
  CHECK(nu.status == 200);
}

TEST_CASE("slow-headers delays the status line, the response is otherwise normal", "[mock][fault]") {
  embedded_server s;
  raw_client c(s.port());
  auto r = c.post("/v1/chat/completions", chat_body(3, true, true), fault_header("slow-headers=0.05"));
  REQUIRE(r.complete);
  CHECK(r.status == 200);
  CHECK(content_events(r) == 3);
  auto e = c.post("/v1/chat/completions", chat_body(3, true), fault_header("slow-headers=0.05,status=502"));
  CHECK(e.status == 502);
  CHECK(s.srv->metrics().faults.load() == 2);
}

TEST_CASE("a client leaving during a stall frees its stream at once", "[mock][fault]") {
  embedded_server s;
  {
    raw_client c(s.port());
    c.send_raw(raw_client::request("POST", "/v1/chat/completions", chat_body(5, true), fault_header("stall=1:600")));
    // Wait (bounded) until the server has the stream in flight, then hang up.
    for (int i = 0; i < 500 && s.srv->metrics().running.load() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(s.srv->metrics().running.load() == 1);
  }
  // Without the peer-closed check this would stay 1 for the 600 s stall.
  for (int i = 0; i < 500 && s.srv->metrics().connections_open.load() != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(s.srv->metrics().running.load() == 0);
  CHECK(s.srv->metrics().connections_open.load() == 0);
}

TEST_CASE("close-delimited bodies: the fault and HTTP/1.0 clients", "[mock][fault]") {
  embedded_server s;
  {
    raw_client c(s.port());
    auto r = c.post("/v1/chat/completions", chat_body(4, true, true), fault_header("close-delimited"));
    REQUIRE(r.complete);
    CHECK(r.eof);
    CHECK(r.status == 200);
    CHECK(r.headers.count("transfer-encoding") == 0);
    CHECK(r.headers.count("content-length") == 0);
    CHECK(r.headers["connection"] == "close");
    CHECK(content_events(r) == 4);
    REQUIRE_FALSE(r.data().empty());
    CHECK(last_data(r) == "[DONE]");
  }
  {
    raw_client c(s.port());
    auto r = c.post("/v1/completions", R"({"prompt":"x","max_tokens":3})", fault_header("close-delimited"));
    REQUIRE(r.complete);
    CHECK(r.headers.count("content-length") == 0);
    simdjson::dom::parser p;
    CHECK(p.parse(r.body).error() == simdjson::SUCCESS);
  }
  {
    raw_client c(s.port());
    const std::string body = chat_body(3, true);
    c.send_raw("POST /v1/chat/completions HTTP/1.0\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body);
    auto r = c.read_response();
    REQUIRE(r.complete);
    CHECK(r.headers.count("transfer-encoding") == 0);
    CHECK(content_events(r) == 3);
  }
}
