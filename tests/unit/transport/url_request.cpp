// SPDX-License-Identifier: Apache-2.0
// Tests for URL parsing and request wire-byte building.
#include "catch.hpp"

#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/url.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace aiperf;

TEST_CASE("parse_url: schemes, defaults, paths", "[url]") {
  auto u = parse_url("http://example.com/v1");
  CHECK(u.scheme == "http");
  CHECK(u.host == "example.com");
  CHECK(u.port == 80);
  CHECK(u.path == "/v1");
  CHECK_FALSE(u.tls());
  CHECK(u.host_header() == "example.com");

  u = parse_url("HTTPS://Example.COM");
  CHECK(u.scheme == "https");
  CHECK(u.host == "example.com");
  CHECK(u.port == 443);
  CHECK(u.path.empty());
  CHECK(u.tls());

  u = parse_url("localhost:8000");  // AIPerf default form: no scheme → http://
  CHECK(u.scheme == "http");
  CHECK(u.host == "localhost");
  CHECK(u.port == 8000);
  CHECK(u.host_header() == "localhost:8000");
  CHECK(u.to_string() == "http://localhost:8000");

  u = parse_url("https://h:8443/a/b?api-version=1#frag");
  CHECK(u.port == 8443);
  CHECK(u.path == "/a/b?api-version=1");
  CHECK(u.authority() == "h:8443");

  u = parse_url("http://h?x=1");
  CHECK(u.path == "/?x=1");

  u = parse_url("http://h:80/");
  CHECK(u.host_header() == "h");
}

TEST_CASE("parse_url: IPv6 literals", "[url]") {
  auto u = parse_url("http://[::1]:8000/v1");
  CHECK(u.host == "::1");
  CHECK(u.ipv6_literal);
  CHECK(u.port == 8000);
  CHECK(u.host_header() == "[::1]:8000");
  CHECK(u.authority() == "[::1]:8000");
  u = parse_url("[fe80::1]");
  CHECK(u.host == "fe80::1");
  CHECK(u.port == 80);
  CHECK(u.host_header() == "[fe80::1]");
}

TEST_CASE("parse_url: errors name the URL and redact credentials", "[url]") {
  auto msg = [](std::string_view s) {
    try {
      (void)parse_url(s);
    } catch (url_error const& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(msg("") == "invalid URL '': empty URL");
  CHECK(msg("ftp://h/") == "invalid URL 'ftp://h/': unsupported scheme 'ftp' (expected http:// or https://)");
  CHECK(msg("http://h:0") == "invalid URL 'http://h:0': port out of range (1-65535)");
  CHECK(msg("http://h:65536") == "invalid URL 'http://h:65536': port out of range (1-65535)");
  CHECK(msg("http://h:8x") == "invalid URL 'http://h:8x': port '8x' is not a number");
  CHECK(msg("http://h:") == "invalid URL 'http://h:': empty port after ':'");
  CHECK(msg("http:///v1") == "invalid URL 'http:///v1': missing host");
  CHECK(msg("http://[::1") == "invalid URL 'http://[::1': unterminated IPv6 literal (missing ']')");
  CHECK(msg("http://::1:80/") ==
        "invalid URL 'http://::1:80/': too many ':' in host (IPv6 literals need brackets, e.g. http://[::1]:8000)");
  CHECK(msg("http://a b/") == "invalid URL 'http://a b/': contains whitespace or control characters");
  const auto cred = msg("http://user:secret@h/v1");
  CHECK(cred.find("secret") == std::string::npos);
  CHECK(cred == "invalid URL 'http://***@h/v1': credentials (user:password@) in URLs are not supported; "
                "use --header or --api-key");
  CHECK(msg("http://h!x/") == "invalid URL 'http://h!x/': invalid character '!' in host");
  CHECK(parse_url("http://my_svc:1/").host == "my_svc");  // '_' appears in container names
}

TEST_CASE("parse_url: url_error is an invalid_argument", "[url]") {
  CHECK_THROWS_AS(parse_url("gopher://x"), std::invalid_argument);
}

TEST_CASE("build_http_request: full wire bytes", "[request]") {
  std::vector<std::pair<std::string, std::string>> hdrs{
      {"Authorization", "Bearer k"}, {"content-type", "text/plain"}, {"X-Request-ID", "42"}};
  const auto w = build_http_request("POST", "h:8000", "/v1/chat/completions", hdrs, "application/json",
                                    R"({"a":1})", {.streaming = true});
  CHECK(w ==
        "POST /v1/chat/completions HTTP/1.1\r\n"
        "Host: h:8000\r\n"
        "User-Agent: aiperf/" AIPERF_VERSION_STRING "\r\n"
        "Authorization: Bearer k\r\n"
        "X-Request-ID: 42\r\n"
        "Accept: text/event-stream\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 7\r\n"
        "Connection: keep-alive\r\n"
        "\r\n"
        R"({"a":1})");
}

TEST_CASE("build_http_request: GET, user agent override, close", "[request]") {
  std::vector<std::pair<std::string, std::string>> hdrs{{"user-agent", "me/1"}};
  const auto w = build_http_request("GET", "h", "", hdrs, "", "", {.streaming = false, .keep_alive = false});
  CHECK(w ==
        "GET / HTTP/1.1\r\n"
        "Host: h\r\n"
        "user-agent: me/1\r\n"
        "Accept: application/json\r\n"
        "Connection: close\r\n"
        "\r\n");
}

TEST_CASE("build_http_request: Accept from the caller unless streaming is set", "[request]") {
  std::vector<std::pair<std::string, std::string>> hdrs{{"accept", "text/event-stream"}};
  auto w = build_http_request("POST", "h", "/", hdrs, "application/json", "{}");
  CHECK(w.find("\r\nAccept: text/event-stream\r\n") != std::string::npos);
  CHECK(w.find("\r\naccept:") == std::string::npos);  // one Accept header only
  w = build_http_request("POST", "h", "/", hdrs, "application/json", "{}", {.streaming = false});
  CHECK(w.find("\r\nAccept: application/json\r\n") != std::string::npos);
  w = build_http_request("POST", "h", "/", {}, "application/json", "{}");
  CHECK(w.find("\r\nAccept: application/json\r\n") != std::string::npos);
}

TEST_CASE("build_http_request: header injection is rejected with the header's name", "[request]") {
  std::vector<std::pair<std::string, std::string>> bad{{"X-Evil", "a\r\nHost: other"}};
  try {
    (void)build_http_request("POST", "h", "/", bad, "application/json", "{}");
    FAIL("no exception");
  } catch (std::invalid_argument const& e) {
    CHECK(std::string(e.what()) == "HTTP request: header 'X-Evil' value contains CR/LF");
  }
  std::vector<std::pair<std::string, std::string>> badname{{"X Evil", "v"}};
  CHECK_THROWS_AS(build_http_request("POST", "h", "/", badname, "", ""), std::invalid_argument);
  CHECK_THROWS_AS(build_http_request("PO ST", "h", "/", {}, "", ""), std::invalid_argument);
  CHECK_THROWS_AS(build_http_request("POST", "h", "/a b", {}, "", ""), std::invalid_argument);
}
