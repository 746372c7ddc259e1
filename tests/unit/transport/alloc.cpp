// SPDX-License-Identifier: Apache-2.0
// Steady-state allocation tests (PERFORMANCE G2/G6): after warm-up, parsing a response,
// framing SSE events and sending requests on a pooled connection allocate nothing.
// Counts operator new calls made by this thread only (test servers run on other threads).
#include "catch.hpp"
#include "test_server.hpp"

#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/http_response_parser.hpp>
#include <aiperf/transport/sse.hpp>

#include <cstdlib>
#include <new>
#include <string>

// GCC 12 flags malloc/free inside replaced operators once they are inlined into std code.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
thread_local std::size_t g_allocs = 0;
}

// ASan replaces operator new itself; counting would fight it, so sanitizer builds skip these.
#if defined(__SANITIZE_ADDRESS__)
#define AIPERF_COUNT_ALLOCS 0
#else
#define AIPERF_COUNT_ALLOCS 1
void* operator new(std::size_t n) {
  ++g_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  ++g_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

using namespace aiperf;

TEST_CASE("alloc: parser + SSE framer allocate nothing per response after warm-up", "[alloc]") {
  if (!AIPERF_COUNT_ALLOCS) {
    WARN("allocation counting disabled under AddressSanitizer");
    return;
  }
  std::string wire = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 64; ++i) {
    const std::string ev = "data: {\"choices\":[{\"delta\":{\"content\":\"token" + std::to_string(i) + "\"}}]}\n\n";
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", ev.size());
    wire += std::string(hex) + "\r\n" + ev + "\r\n";
  }
  wire += "0\r\n\r\n";
  http_response_parser parser;
  sse_framer framer;
  std::size_t events = 0, bytes = 0;
  auto one_response = [&] {
    parser.reset();
    // 7-byte reads: every event and chunk header is split across feeds
    for (std::size_t pos = 0; pos < wire.size() && !parser.done(); pos += 7)
      parser.feed(std::string_view(wire).substr(pos, 7), [] {}, [&](std::string_view b) {
        framer.feed(b, [&](sse_event const& e) {
          ++events;
          bytes += e.data.size();
        });
      });
    framer.finish([&](sse_event const&) { ++events; });
  };
  one_response();  // warm-up: buffers grow to their working size
  const std::size_t before = g_allocs;
  for (int i = 0; i < 100; ++i) one_response();
  CHECK(g_allocs - before == 0);
  CHECK(events == 101 * 64);
  CHECK(parser.done());
}

TEST_CASE("alloc: requests on a pooled connection allocate nothing after warm-up", "[alloc][client]") {
  if (!AIPERF_COUNT_ALLOCS) {
    WARN("allocation counting disabled under AddressSanitizer");
    return;
  }
  using aiperf_test::server_conn;
  const std::string resp =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
      "9\r\ndata: x\n\n\r\n9\r\ndata: y\n\n\r\n0\r\n\r\n";
  aiperf_test::test_server srv([&](server_conn& c, int) {
    while (c.read_request())
      if (!c.write(resp)) return;
  });
  asio::io_context io;
  const auto u = parse_url("http://127.0.0.1:" + std::to_string(srv.port()));
  http_client client(io, u, {});
  const auto wire = build_http_request("POST", u.host_header(), "/v1", {}, "application/json", "{}");
  struct handler final : http_response_handler {
    std::size_t body = 0;
    int done = 0;
    void on_sent(std::int64_t) override {}
    void on_headers(int, std::string_view, std::int64_t) override {}
    void on_body(std::string_view b, std::int64_t) override { body += b.size(); }
    void on_complete(std::int64_t) override { ++done; }
    void on_error(error_info, std::int64_t) override {}
  } h;
  auto one = [&] {
    client.send(wire, h);
    io.restart();
    io.run_for(std::chrono::seconds(10));
  };
  for (int i = 0; i < 5; ++i) one();  // warm-up: connection, Asio handler memory recycling
  const std::size_t before = g_allocs;
  for (int i = 0; i < 50; ++i) one();
  const std::size_t allocations = g_allocs - before;
  CHECK(h.done == 55);
  CHECK(srv.accepted() == 1);
  CHECK(allocations == 0);
}
