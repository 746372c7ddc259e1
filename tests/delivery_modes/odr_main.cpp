// SPDX-License-Identifier: Apache-2.0
// Delivery-mode test, TU 1 of 2: both TUs include the umbrella header and use the transport, so
// linking them together proves the headers define nothing twice (header-only: every definition
// inline; separate compilation: declarations only, definitions in aiperf::compiled).  This TU
// parses a chunked SSE response by hand; odr_client.cpp runs the real client over a socket.
#include <aiperf/aiperf.hpp>
#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/http_response_parser.hpp>
#include <aiperf/transport/sse.hpp>
#include <aiperf/transport/sse_error.hpp>
#include <aiperf/transport/url.hpp>

#include <cstdio>
#include <string>
#include <vector>

// odr_client.cpp: one streamed request through http_client; "" on success, else what failed.
std::string run_client_exchange();

namespace {

int failures = 0;

void expect(bool ok, char const* what) {
  if (!ok) {
    std::printf("FAILED: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  const aiperf::url u = aiperf::parse_url("localhost:8000/base");
  expect(u.to_string() == "http://localhost:8000/base", "parse_url/to_string");
  const std::string wire = aiperf::build_http_request("POST", u.host_header(), u.path + "/v1", {},
                                                      "application/json", "{}", {.streaming = true});
  expect(wire.find("Accept: text/event-stream\r\n") != std::string::npos, "build_http_request");

  auto chunk = [](std::string const& payload) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", payload.size());
    return size + payload + "\r\n";
  };
  const std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" +
      chunk("data: one\n\n") + chunk("event: error\n: overloaded\n\n") + "0\r\n\r\n";
  aiperf::http_response_parser parser;
  aiperf::sse_framer framer;
  std::vector<std::string> data;
  std::vector<std::string> errors;
  bool headers = false;
  parser.reset();
  parser.feed(
      response, [&] { headers = true; },
      [&](std::string_view body) {
        framer.feed(body, [&](aiperf::sse_event const& ev) {
          if (ev.has_data) data.emplace_back(ev.data);
          if (auto e = aiperf::check_sse_error(ev)) errors.push_back(e->message);
        });
      });
  framer.finish([](aiperf::sse_event const&) {});
  expect(headers && parser.done() && parser.status() == 200, "http_response_parser");
  expect(data == std::vector<std::string>{"one"}, "sse_framer");
  expect(errors == std::vector<std::string>{"Error occurred in SSE response: overloaded"}, "check_sse_error");

  if (const std::string err = run_client_exchange(); !err.empty()) expect(false, err.c_str());

#if defined(AIPERF_SEPARATE_COMPILATION)
  const char* mode = "separate compilation";
#else
  const char* mode = "header-only";
#endif
  if (failures == 0) std::printf("delivery ok (%s)\n", mode);
  return failures == 0 ? 0 : 1;
}
