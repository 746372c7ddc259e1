// SPDX-License-Identifier: Apache-2.0
// Tests for the incremental HTTP/1.1 response parser: every body kind, every split, bad input.
#include "catch.hpp"

#include <aiperf/transport/http_response_parser.hpp>

#include <string>
#include <vector>

using namespace aiperf;

namespace {

struct outcome {
  bool done = false;
  bool failed = false;
  int status = 0;
  std::string content_type;
  std::string reason;
  std::string body;
  bool keep_alive = false;
  int headers_calls = 0;
  std::size_t consumed = 0;  // bytes consumed in total
  std::string error;
};

// Feeds `wire` in the pieces given by `cuts` (positions), then EOF if `eof`.
outcome run(std::string_view wire, std::vector<std::size_t> const& cuts, bool eof, bool head = false) {
  http_response_parser p;
  p.reset(head);
  outcome o;
  std::size_t prev = 0;
  auto feed = [&](std::string_view piece) {
    if (p.done() || p.failed()) return;
    o.consumed += p.feed(
        piece,
        [&] {
          ++o.headers_calls;
          o.status = p.status();
          o.content_type = std::string(p.content_type());
          o.reason = std::string(p.reason());
        },
        [&](std::string_view b) { o.body.append(b); });
  };
  for (auto c : cuts) {
    feed(wire.substr(prev, c - prev));
    prev = c;
  }
  feed(wire.substr(prev));
  if (eof && !p.done() && !p.failed()) p.eof();
  o.done = p.done();
  o.failed = p.failed();
  o.keep_alive = p.keep_alive();
  o.error = std::string(p.error());
  return o;
}

outcome whole(std::string_view wire, bool eof = false, bool head = false) { return run(wire, {}, eof, head); }

// Every single split point and the byte-at-a-time split give the same outcome as one feed.
void check_all_splits(std::string_view wire, bool eof) {
  const auto ref = whole(wire, eof);
  for (std::size_t i = 1; i < wire.size(); ++i) {
    const auto o = run(wire, {i}, eof);
    INFO("split at " << i);
    REQUIRE(o.done == ref.done);
    REQUIRE(o.failed == ref.failed);
    REQUIRE(o.body == ref.body);
    REQUIRE(o.status == ref.status);
    REQUIRE(o.content_type == ref.content_type);
    REQUIRE(o.headers_calls == ref.headers_calls);
  }
  std::vector<std::size_t> every;
  for (std::size_t i = 1; i < wire.size(); ++i) every.push_back(i);
  const auto o = run(wire, every, eof);
  REQUIRE(o.done == ref.done);
  REQUIRE(o.failed == ref.failed);
  REQUIRE(o.body == ref.body);
  REQUIRE(o.status == ref.status);
}

}  // namespace

TEST_CASE("parser: Content-Length body", "[parser]") {
  const std::string w = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\nhello world";
  const auto o = whole(w);
  CHECK(o.done);
  CHECK(o.status == 200);
  CHECK(o.reason == "OK");
  CHECK(o.content_type == "application/json");
  CHECK(o.body == "hello world");
  CHECK(o.keep_alive);
  CHECK(o.headers_calls == 1);
  CHECK(o.consumed == w.size());
  check_all_splits(w, false);
}

TEST_CASE("parser: extra bytes after a complete response are not consumed", "[parser]") {
  const std::string w = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA";
  const auto o = whole(w);
  CHECK(o.done);
  CHECK(o.body == "ok");
  CHECK(o.consumed == w.size() - 5);
}

TEST_CASE("parser: chunked with extensions, uppercase hex, leading zeros and trailers", "[parser]") {
  const std::string w =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\ncontent-type: text/event-stream\r\n\r\n"
      "5;name=value\r\nhello\r\n"
      "000A\r\n0123456789\r\n"
      "1 ; x=\"y\\\"z\" ;flag\r\n!\r\n"
      "0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n";
  const auto o = whole(w);
  CHECK(o.done);
  CHECK(o.body == "hello0123456789!");
  CHECK(o.content_type == "text/event-stream");
  CHECK(o.keep_alive);
  CHECK(o.consumed == w.size());
  check_all_splits(w, false);
}

TEST_CASE("parser: chunked without trailers -- missing final CRLF at EOF still completes", "[parser]") {
  const std::string w = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  CHECK(whole(w).done);
  const auto o = whole(w.substr(0, w.size() - 2), true);
  CHECK(o.done);
  CHECK(o.body == "abc");
  CHECK_FALSE(o.keep_alive);
  const auto nofin = whole(w.substr(0, w.size() - 2), false);
  CHECK_FALSE(nofin.done);  // still waiting for the final CRLF
  CHECK_FALSE(nofin.failed);
}

TEST_CASE("parser: close-delimited body ends at EOF", "[parser]") {
  const std::string w = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until close";
  const auto no_eof = whole(w);
  CHECK_FALSE(no_eof.done);
  CHECK(no_eof.body == "all of this until close");
  const auto o = whole(w, true);
  CHECK(o.done);
  CHECK_FALSE(o.keep_alive);
  CHECK(o.body == "all of this until close");
  check_all_splits(w, true);
}

TEST_CASE("parser: HTTP/1.0 defaults to close -- keep-alive honoured", "[parser]") {
  auto o = whole("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx");
  CHECK(o.done);
  CHECK_FALSE(o.keep_alive);
  o = whole("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx");
  CHECK(o.keep_alive);
  o = whole("HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 1\r\n\r\nx");
  CHECK(o.done);
  CHECK_FALSE(o.keep_alive);
}

TEST_CASE("parser: HEAD, 204 and 304 have no body", "[parser]") {
  auto o = whole("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", false, true);
  CHECK(o.done);
  CHECK(o.body.empty());
  o = whole("HTTP/1.1 204 No Content\r\n\r\n");
  CHECK(o.done);
  CHECK(o.status == 204);
  o = whole("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n");
  CHECK(o.done);
  CHECK(o.keep_alive);
  o = whole("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  CHECK(o.done);
}

TEST_CASE("parser: 1xx interim responses are skipped", "[parser]") {
  const std::string w =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
      "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
  const auto o = whole(w);
  CHECK(o.done);
  CHECK(o.status == 201);
  CHECK(o.reason == "Created");
  CHECK(o.headers_calls == 1);
  CHECK(o.body == "ok");
  check_all_splits(w, false);
}

TEST_CASE("parser: Transfer-Encoding wins over Content-Length and disables reuse", "[parser]") {
  const auto o = whole("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
  CHECK(o.done);
  CHECK(o.body == "ab");
  CHECK_FALSE(o.keep_alive);
}

TEST_CASE("parser: bare LF line ends and status without reason", "[parser]") {
  const auto o = whole("HTTP/1.1 200\nContent-Length: 2\n\nhi");
  CHECK(o.done);
  CHECK(o.status == 200);
  CHECK(o.reason.empty());
  CHECK(o.body == "hi");
}

TEST_CASE("parser: non-2xx responses are parsed normally", "[parser]") {
  const auto o = whole("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 4\r\n\r\nbusy");
  CHECK(o.done);
  CHECK(o.status == 503);
  CHECK(o.reason == "Service Unavailable");
  CHECK(o.body == "busy");
}

TEST_CASE("parser: truncated bodies are errors at EOF", "[parser]") {
  auto o = whole("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true);
  CHECK(o.failed);
  CHECK(o.error == "connection closed after 3 of 10 body bytes (Content-Length)");
  CHECK(o.body == "abc");  // partial data was delivered
  o = whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", true);
  CHECK(o.failed);
  CHECK(o.error == "connection closed inside the chunked body after 2 body bytes");
  o = whole("HTTP/1.1 200 OK\r\nContent-Le", true);
  CHECK(o.error == "connection closed inside the response header section");
  o = whole("", true);
  CHECK(o.error == "connection closed before the response started");
}

TEST_CASE("parser: malformed inputs give errors, never crashes", "[parser]") {
  struct bad {
    const char* wire;
    const char* error;
  };
  const bad cases[] = {
      {"HTTX/1.1 200 OK\r\n\r\n", "malformed status line"},
      {"HTTP/2.0 200 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 2x0 OK\r\n\r\n", "malformed status code"},
      {"HTTP/1.1 099 Low\r\n\r\n", "malformed status code"},
      {"HTTP/1.1 200OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "malformed header line"},
      {"HTTP/1.1 200 OK\r\n: v\r\n\r\n", "malformed header line"},
      {"HTTP/1.1 200 OK\r\nBad Name: v\r\n\r\n", "invalid character in header name"},
      {"HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n", "obsolete header line folding is not supported"},
      {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1a\r\n\r\n", "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", "duplicate Content-Length header"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid character in chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "invalid character in chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", "expected CRLF after chunk data"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\rx", "expected LF after chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n", "chunk size too large"},
      {"HTTP/1.1 101 Switching Protocols\r\n\r\n", "unexpected 101 Switching Protocols"},
      {"\r\nHTTP/1.1 200 OK\r\n\r\n", "empty line before status line"},
      {"HTTP/1.2 200 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", "bare CR in response header section"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\r\n", "invalid character in chunk size"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a\nx\r\n", "invalid character in chunk extension"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\n", "expected CRLF after chunk data"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1 \r\nx\r\n", "invalid character in chunk extension"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a b\r\nx\r\n", "invalid character in chunk extension"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;=b\r\nx\r\n", "invalid character in chunk extension"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\r\nx\r\n", "invalid character in chunk extension"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Name: v\r\n\r\n", "invalid character in trailer field name"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nNoColon\r\n\r\n", "malformed trailer line"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: v\n\r\n", "expected CRLF in trailer section"},
  };
  for (auto const& c : cases) {
    INFO(c.wire);
    const auto o = whole(c.wire);
    CHECK(o.failed);
    CHECK(o.error == c.error);
    CHECK_FALSE(o.keep_alive);
    CHECK(o.headers_calls <= 1);
  }
}

TEST_CASE("parser: header section is capped", "[parser]") {
  std::string w = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 2000; ++i) w += "X-Filler-" + std::to_string(i) + ": 0123456789012345678901234567890123456789\r\n";
  w += "\r\n";
  http_response_parser p;
  p.reset();
  // feed in small pieces so the cap is hit while accumulating
  for (std::size_t i = 0; i < w.size() && !p.failed(); i += 100)
    p.feed(std::string_view(w).substr(i, 100), [] {}, [](std::string_view) {});
  CHECK(p.failed());
  CHECK(p.error() == "response header section exceeds 65536 bytes");
}

TEST_CASE("parser: reset allows reuse for the next response on the same connection", "[parser]") {
  http_response_parser p;
  std::string body;
  for (int i = 0; i < 3; ++i) {
    p.reset();
    body.clear();
    const std::string w = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + std::to_string(i);
    p.feed(w, [] {}, [&](std::string_view b) { body.append(b); });
    CHECK(p.done());
    CHECK(body == std::to_string(i));
  }
}
