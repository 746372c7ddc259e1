// SPDX-License-Identifier: Apache-2.0
// Socket tests of http_client against scripted servers on 127.0.0.1: pooling, streaming
// timestamps, body kinds, faults (truncation, reset, refused, timeout, non-2xx), cancel.
#include "catch.hpp"
#include "test_server.hpp"

#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/sse.hpp>

#include <asio/steady_timer.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <mutex>
#include <thread>
#include <vector>

using namespace aiperf;
using aiperf_test::server_conn;
using aiperf_test::test_server;

namespace {

struct recorder : http_response_handler {
  std::int64_t sent_ns = 0, headers_ns = 0, end_ns = 0;
  int status = 0;
  std::string content_type;
  std::string body;
  std::vector<std::int64_t> read_stamps;  // one per on_body call
  bool completed = false;
  std::optional<error_info> error;
  int ends = 0;
  int sent_calls = 0;

  void on_sent(std::int64_t t) override {
    sent_ns = t;
    ++sent_calls;
  }
  void on_headers(int s, std::string_view ct, std::int64_t t) override {
    status = s;
    content_type = std::string(ct);
    headers_ns = t;
  }
  void on_body(std::string_view b, std::int64_t t) override {
    body.append(b);
    read_stamps.push_back(t);
  }
  void on_complete(std::int64_t t) override {
    completed = true;
    end_ns = t;
    ++ends;
  }
  void on_error(error_info e, std::int64_t t) override {
    error = std::move(e);
    end_ns = t;
    ++ends;
  }
};

std::string get_request(url const& u, std::string_view path = "/v1/x") {
  return build_http_request("POST", u.host_header(), path, {}, "application/json", "{\"q\":1}",
                            {.streaming = true});
}

std::string ok_response(std::string_view body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + std::string(body);
}

void run(asio::io_context& io) {
  io.restart();
  io.run_for(std::chrono::seconds(10));  // bounded: every test finishes well before this
}

url local(unsigned short port, std::string_view scheme = "http") {
  return parse_url(std::string(scheme) + "://127.0.0.1:" + std::to_string(port));
}

// One get_request() to 127.0.0.1:port from a fresh client, run to the end. The io, client and
// recorder stay for the test to inspect (the client is declared last, so it goes first).
struct exchange {
  asio::io_context io;
  url u;
  std::string wire;  // send() keeps a view of it
  recorder r;
  http_client client;

  explicit exchange(unsigned short port, client_options const& opts = {})
      : u(local(port)), wire(get_request(u)), client(io, u, opts) {
    client.send(wire, r);
    run(io);
  }
};

}  // namespace

TEST_CASE("client: keep-alive reuses one connection for sequential requests", "[client]") {
  test_server srv([](server_conn& c, int) {
    while (auto req = c.read_request())
      if (!c.write(ok_response("{\"n\":1}"))) return;
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  for (int i = 0; i < 5; ++i) {
    recorder r;
    client.send(wire, r);
    CHECK(client.in_flight() == 1);
    run(io);
    REQUIRE(r.completed);
    CHECK(r.ends == 1);
    CHECK(r.sent_calls == 1);
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/json");
    CHECK(r.body == "{\"n\":1}");
    CHECK(r.sent_ns <= r.headers_ns);
    CHECK(r.headers_ns <= r.end_ns);
    CHECK(client.in_flight() == 0);
  }
  CHECK(srv.accepted() == 1);
  CHECK(client.connections_opened() == 1);
  CHECK(client.idle_connections() == 1);
}

TEST_CASE("client: a request in pieces arrives as their concatenation (one gathered write)", "[client]") {
  std::mutex m;
  std::vector<std::string> seen;
  test_server srv([&](server_conn& c, int) {
    while (auto req = c.read_request()) {
      {
        std::lock_guard lock(m);
        seen.push_back(*req);
      }
      if (!c.write(ok_response("{\"n\":1}"))) return;
    }
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  // A 200 KB body from three pieces, the middle one used twice: what a trace prompt looks like.
  const std::string block(100'000, 'x');
  const std::string body_start = "{\"p\":\"", body_end = "\"}";
  const std::string head = build_http_head("POST", u.host_header(), "/v1/x", {}, "application/json",
                                           body_start.size() + 2 * block.size() + body_end.size());
  const std::string first = head + body_start;
  const std::vector<std::string_view> pieces{first, block, block, body_end};
  for (int i = 0; i < 2; ++i) {
    recorder r;
    client.send(request_bytes{{}, pieces}, r);
    run(io);
    REQUIRE(r.completed);
    CHECK(r.status == 200);
  }
  std::lock_guard lock(m);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == first + block + block + body_end);
  CHECK(seen[1] == seen[0]);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("client: concurrent requests open connections on demand, then reuse them", "[client]") {
  test_server srv([](server_conn& c, int) {
    while (auto req = c.read_request()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // keep all three busy at once
      if (!c.write(ok_response("ok"))) return;
    }
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  for (int round = 0; round < 2; ++round) {
    recorder r[3];
    for (auto& x : r) client.send(wire, x);
    run(io);
    for (auto& x : r) CHECK(x.completed);
  }
  CHECK(srv.accepted() == 3);
  CHECK(client.connections_opened() == 3);
}

TEST_CASE("client: max_connections queues requests FIFO", "[client]") {
  test_server srv([](server_conn& c, int) {
    while (auto req = c.read_request())
      if (!c.write(ok_response("ok"))) return;
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {.max_connections = 1});
  const auto wire = get_request(u);
  recorder r[4];
  for (auto& x : r) client.send(wire, x);
  CHECK(client.in_flight() == 4);
  run(io);
  for (auto& x : r) CHECK(x.completed);
  for (int i = 1; i < 4; ++i) CHECK(r[i - 1].end_ns <= r[i].sent_ns);  // one at a time, in order
  CHECK(srv.accepted() == 1);
}

TEST_CASE("client: reuse_connections=false and Connection: close open a new connection each time", "[client]") {
  SECTION("client side") {
    test_server srv([](server_conn& c, int) {
      while (auto req = c.read_request())
        if (!c.write(ok_response("ok"))) return;
    });
    asio::io_context io;
    const auto u = local(srv.port());
    http_client client(io, u, {.reuse_connections = false});
    const auto wire = get_request(u);
    for (int i = 0; i < 3; ++i) {
      recorder r;
      client.send(wire, r);
      run(io);
      CHECK(r.completed);
    }
    CHECK(srv.accepted() == 3);
  }
  SECTION("server side") {
    test_server srv([](server_conn& c, int) {
      if (c.read_request()) c.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
    });
    asio::io_context io;
    const auto u = local(srv.port());
    http_client client(io, u, {});
    const auto wire = get_request(u);
    for (int i = 0; i < 3; ++i) {
      recorder r;
      client.send(wire, r);
      run(io);
      CHECK(r.completed);
    }
    CHECK(srv.accepted() == 3);
  }
}

TEST_CASE("client: chunked SSE stream split across TCP writes gets per-read stamps", "[client][sse]") {
  test_server srv([](server_conn& c, int) {
    if (!c.read_request()) return;
    c.write_pause("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n", 30);
    c.write_pause("8\r\ndata: a\n\r\n", 30);       // event a, not yet terminated
    c.write_pause("1\r\n\n\r\n", 30);              // blank line: a complete
    c.write_pause("9\r\ndata: b\n\n\r\n", 30);     // event b in one piece
    c.write_pause("7\r\ndata: c", 30);             // chunk split inside the chunk data
    c.write("\r\n2\r\n\n\n\r\n0\r\n\r\n");
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);

  struct sse_handler : recorder {
    sse_framer framer;
    std::vector<std::pair<std::string, std::int64_t>> events;
    void on_body(std::string_view b, std::int64_t t) override {
      recorder::on_body(b, t);
      framer.feed(b, [&](sse_event const& e) { events.emplace_back(std::string(e.data), t); });
    }
  } h;
  client.send(wire, h);
  run(io);
  REQUIRE(h.completed);
  CHECK(h.content_type == "text/event-stream");
  REQUIRE(h.events.size() == 3);
  CHECK(h.events[0].first == "a");
  CHECK(h.events[1].first == "b");
  CHECK(h.events[2].first == "c");
  REQUIRE(h.read_stamps.size() >= 4);
  for (std::size_t i = 1; i < h.read_stamps.size(); ++i) CHECK(h.read_stamps[i - 1] <= h.read_stamps[i]);
  // Written after pauses, so each later event's completing read is a later read.
  CHECK(h.headers_ns < h.events[0].second);
  CHECK(h.events[0].second < h.events[1].second);
  CHECK(h.events[1].second < h.events[2].second);
  CHECK(h.events[2].second <= h.end_ns);
}

TEST_CASE("client: close-delimited body completes at EOF and the connection is not reused", "[client]") {
  test_server srv([](server_conn& c, int) {
    if (!c.read_request()) return;
    c.write_pause("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ", 20);
    c.write("second");
  });
  exchange x(srv.port());
  auto const& r = x.r;
  REQUIRE(r.completed);
  CHECK(r.body == "first second");
  CHECK(x.client.idle_connections() == 0);
}

TEST_CASE("client: server closing mid-body is an error that keeps the partial data", "[client][fault]") {
  SECTION("chunked") {
    test_server srv([](server_conn& c, int) {
      if (!c.read_request()) return;
      c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\ndata: a\n\r\n");
    });
    exchange x(srv.port());
    auto const& r = x.r;
    REQUIRE(r.error);
    CHECK_FALSE(r.completed);
    CHECK(r.ends == 1);
    CHECK(r.error->type == "ClientPayloadError");
    CHECK(r.error->message == "Response payload is not completed: connection closed inside the chunked body after 8 body bytes");
    CHECK(r.body == "data: a\n");
    CHECK(x.client.in_flight() == 0);
  }
  SECTION("short Content-Length") {
    test_server srv([](server_conn& c, int) {
      if (!c.read_request()) return;
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    });
    exchange x(srv.port());
    auto const& r = x.r;
    REQUIRE(r.error);
    CHECK(r.error->message == "Response payload is not completed: connection closed after 9 of 100 body bytes (Content-Length)");
  }
  SECTION("before any response byte (fresh connection: no retry)") {
    test_server srv([](server_conn& c, int) { c.read_request(); });
    exchange x(srv.port());
    auto const& r = x.r;
    REQUIRE(r.error);
    CHECK(r.error->type == "ServerDisconnectedError");
    CHECK(r.error->message == "Server disconnected: connection closed before the response started");
    CHECK(srv.accepted() == 1);
  }
  SECTION("connection reset (RST)") {
    test_server srv([](server_conn& c, int) {
      if (!c.read_request()) return;
      c.write_pause("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 30);
      c.reset();
    });
    exchange x(srv.port());
    auto const& r = x.r;
    REQUIRE(r.error);
    CHECK(r.status == 200);
    CHECK(r.error->type == "ConnectionResetError");
    CHECK(r.error->message.find("Connection to 127.0.0.1:") == 0);
  }
  SECTION("garbage instead of HTTP") {
    test_server srv([](server_conn& c, int) {
      if (c.read_request()) c.write("SSH-2.0-OpenSSH\r\n\r\n");
    });
    exchange x(srv.port());
    auto const& r = x.r;
    REQUIRE(r.error);
    CHECK(r.error->type == "HTTPProtocolError");
    CHECK(r.error->message == "Invalid HTTP response from " + x.u.authority() + ": malformed status line");
  }
}

TEST_CASE("client: a pooled connection the server closed while idle is dropped before the request is written", "[client][fault]") {
  // Advertises keep-alive but closes after each response, like an idle timeout firing.
  test_server srv([](server_conn& c, int) {
    if (c.read_request()) c.write(ok_response("ok"));
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  recorder a;
  client.send(wire, a);
  run(io);
  REQUIRE(a.completed);
  CHECK(client.idle_connections() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the FIN arrive
  recorder b;
  client.send(wire, b);
  run(io);
  REQUIRE(b.completed);
  CHECK(b.sent_calls == 1);
  CHECK(b.body == "ok");
  CHECK(srv.accepted() == 2);
}

TEST_CASE("client: a request the server read on a reused connection is not sent again when it closes unanswered", "[client][fault]") {
  // The second request arrives on the pooled connection, the server reads all of it and closes
  // without answering (a crash mid-request).  The server has seen the request (a POST, in a
  // benchmark): a retry on a fresh connection would make it generate twice, so the failure is
  // the record.
  std::atomic<int> requests_read{0};
  test_server srv([&](server_conn& c, int) {
    if (!c.read_request()) return;
    ++requests_read;
    c.write(ok_response("ok"));
    if (c.read_request()) ++requests_read;  // then close without a response
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  recorder a;
  client.send(wire, a);
  run(io);
  REQUIRE(a.completed);
  REQUIRE(client.idle_connections() == 1);
  recorder b;
  client.send(wire, b);
  run(io);
  REQUIRE(b.error);
  CHECK(b.error->type == "ServerDisconnectedError");
  CHECK(b.sent_calls == 1);
  CHECK(b.ends == 1);
  CHECK(srv.accepted() == 1);
  CHECK(requests_read == 2);
  CHECK(client.in_flight() == 0);
}

TEST_CASE("client: connection refused names host:port and the OS error", "[client][fault]") {
  unsigned short port = 0;
  {
    asio::io_context tmp;
    asio::ip::tcp::acceptor a(tmp, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = a.local_endpoint().port();
  }  // closed: nothing listens there now
  exchange x(port);
  auto const& r = x.r;
  REQUIRE(r.error);
  CHECK(r.ends == 1);
  CHECK(r.sent_calls == 1);
  CHECK(r.error->code == 0);
  CHECK(r.error->type == "ConnectionError");
  CHECK(r.error->message == "Cannot connect to host 127.0.0.1:" + std::to_string(port) + ": Connection refused");
  CHECK(x.client.in_flight() == 0);
}

TEST_CASE("client: request timeout covers the whole response", "[client][fault]") {
  test_server srv([](server_conn& c, int) {
    if (!c.read_request()) return;
    c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npart\r\n");
    c.read_request();  // stall until the client gives up and closes
  });
  exchange x(srv.port(), {.request_timeout = std::chrono::milliseconds(200)});
  auto const& r = x.r;
  REQUIRE(r.error);
  CHECK(r.error->code == 0);
  CHECK(r.error->type == "RequestTimeoutError");
  CHECK(r.error->message == "Request timed out after 0.2 seconds");
  CHECK(r.body == "part");
  CHECK(r.ends == 1);
  CHECK(x.client.in_flight() == 0);
}

TEST_CASE("client: connect, first-byte and idle timeouts are failures of their own", "[client][fault]") {
  using std::chrono::milliseconds;
  SECTION("connect: a TLS handshake the server never answers") {
    test_server srv([](server_conn& c, int) { c.read_request(); });  // reads the ClientHello, says nothing
    asio::io_context io;
    const url u = local(srv.port(), "https");
    http_client client(io, u, {.connect_timeout = milliseconds(200), .verify_tls = false});
    const std::string wire = get_request(u);
    recorder r;
    client.send(wire, r);
    run(io);
    REQUIRE(r.error);
    CHECK(r.error->type == "ConnectionTimeoutError");
    CHECK(r.error->message == "Cannot connect to host " + u.authority() + " within 0.2 seconds (connect timeout)");
    CHECK(r.ends == 1);
  }
  SECTION("first byte: the server reads the request and never answers") {
    test_server srv([](server_conn& c, int) {
      if (c.read_request()) c.read_request();  // stall until the client gives up
    });
    exchange x(srv.port(), {.first_byte_timeout = milliseconds(200)});
    REQUIRE(x.r.error);
    CHECK(x.r.error->type == "ServerTimeoutError");
    CHECK(x.r.error->message ==
          "No response from " + x.u.authority() + " within 0.2 seconds of sending the request (first-byte timeout)");
    CHECK(x.r.status == 0);
  }
  SECTION("idle: the stream stalls after its first chunk; what arrived is kept") {
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npart\r\n";
    test_server srv([&](server_conn& c, int) {
      if (!c.read_request()) return;
      c.write(head);
      c.read_request();  // stall
    });
    exchange x(srv.port(), {.idle_timeout = milliseconds(200)});
    REQUIRE(x.r.error);
    CHECK(x.r.error->type == "ServerTimeoutError");
    CHECK(x.r.error->message == "Response from " + x.u.authority() + " stalled: no data for 0.2 seconds after " +
                                    std::to_string(head.size()) + " response bytes (idle timeout)");
    CHECK(x.r.status == 200);
    CHECK(x.r.body == "part");
  }
  SECTION("idle: a slow but steady stream, longer in all than the idle limit, completes") {
    test_server srv([](server_conn& c, int) {
      if (!c.read_request()) return;
      c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 12; ++i) c.write_pause("1\r\nx\r\n", 100);
      c.write("0\r\n\r\n");
    });
    exchange x(srv.port(), {.first_byte_timeout = milliseconds(1000), .idle_timeout = milliseconds(1000)});
    CHECK_FALSE(x.r.error);
    CHECK(x.r.completed);
    CHECK(x.r.body == std::string(12, 'x'));
  }
}

TEST_CASE("client: non-2xx becomes an error with status, reason and body", "[client][fault]") {
  test_server srv([](server_conn& c, int) {
    while (c.read_request()) {
      c.write("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
              "{\"error\":\"slow down\",\"x\":1}");
    }
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  for (int i = 0; i < 2; ++i) {
    recorder r;
    client.send(wire, r);
    run(io);
    REQUIRE(r.error);
    CHECK(r.status == 429);
    CHECK(*r.error == error_info{429, "Too Many Requests", "{\"error\":\"slow down\",\"x\":1}"});
    CHECK(r.body.empty());  // on_body is for 2xx only
  }
  CHECK(srv.accepted() == 1);  // an error status does not cost the connection
}

TEST_CASE("client: error body is truncated -- missing reason gets a default", "[client][fault]") {
  test_server srv([](server_conn& c, int) {
    if (c.read_request())
      c.write("HTTP/1.1 503\r\nContent-Length: 10000\r\n\r\n" + std::string(10000, 'x'));
  });
  exchange x(srv.port());
  auto const& r = x.r;
  REQUIRE(r.error);
  CHECK(r.error->code == 503);
  CHECK(r.error->type == "Service Unavailable");
  CHECK(r.error->message == std::string(4096, 'x'));
}

TEST_CASE("client: cancel_all errors every in-flight request with 499", "[client]") {
  test_server srv([](server_conn& c, int) {
    c.read_request();
    c.read_request();  // never answers
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {.max_connections = 1});
  const auto wire = get_request(u);
  recorder r[2];
  client.send(wire, r[0]);
  client.send(wire, r[1]);  // queued behind the first
  asio::steady_timer t(io, std::chrono::milliseconds(50));
  t.async_wait([&](asio::error_code const&) { client.cancel_all(); });
  run(io);
  for (auto& x : r) {
    REQUIRE(x.error);
    CHECK(x.ends == 1);
    CHECK(*x.error == error_info{499, "RequestCancellationError", "Request cancelled by external signal"});
  }
  CHECK(client.in_flight() == 0);
}

TEST_CASE("client: cancel(handler) ends one request, in flight or queued; on_written comes first", "[client]") {
  std::atomic<int> connections{0};
  test_server srv([&](server_conn& c, int) {
    ++connections;
    while (c.read_request()) {}  // never answers
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {.max_connections = 1});
  const auto wire = get_request(u);
  struct written_recorder : recorder {
    std::int64_t written_ns = 0;
    void on_written(std::int64_t t) override { written_ns = t; }
  };
  written_recorder r[3];
  client.send(wire, r[0]);
  client.send(wire, r[1]);  // queued behind the first
  client.send(wire, r[2]);  // queued too
  const error_info err{499, "RequestCancellationError", "cancelled by the test"};
  bool again = true;
  asio::steady_timer t(io, std::chrono::milliseconds(50));
  t.async_wait([&](asio::error_code const&) {
    CHECK(client.cancel(r[1], err));  // the queued one: it never went out
    CHECK(client.cancel(r[0], err));  // the one in flight: its connection closes
    again = client.cancel(r[0], err);  // already ended
  });
  asio::steady_timer stop(io, std::chrono::milliseconds(150));
  stop.async_wait([&](asio::error_code const&) { client.cancel_all(); });
  run(io);
  CHECK_FALSE(again);
  for (int i : {0, 1}) {
    INFO("request " << i);
    REQUIRE(r[i].error);
    CHECK(*r[i].error == err);
    CHECK(r[i].ends == 1);
  }
  CHECK(r[0].written_ns >= r[0].sent_ns);
  CHECK(r[0].written_ns > 0);
  CHECK(r[1].written_ns == 0);
  // The third went out on a new connection once the first one's was closed; cancel_all ended it.
  REQUIRE(r[2].error);
  CHECK(r[2].error->message == "Request cancelled by external signal");
  CHECK(r[2].written_ns > 0);
  CHECK(connections.load() == 2);
  CHECK(client.in_flight() == 0);
}

TEST_CASE("client: large body arrives intact over many reads", "[client]") {
  std::string big(1 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  test_server srv([&](server_conn& c, int) {
    if (c.read_request()) c.write(ok_response(big));
  });
  exchange x(srv.port());
  auto const& r = x.r;
  REQUIRE(r.completed);
  CHECK(r.body == big);
  CHECK(r.read_stamps.size() > 1);
}

TEST_CASE("client: the handler may send the next request from on_complete", "[client]") {
  test_server srv([](server_conn& c, int) {
    while (c.read_request())
      if (!c.write(ok_response("ok"))) return;
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const auto wire = get_request(u);
  struct chain : recorder {
    http_client* cl = nullptr;
    std::string const* w = nullptr;
    int remaining = 10;
    int done = 0;
    void on_complete(std::int64_t t) override {
      recorder::on_complete(t);
      ++done;
      if (--remaining > 0) cl->send(*w, *this);
    }
  } h;
  h.cl = &client;
  h.w = &wire;
  client.send(wire, h);
  run(io);
  CHECK(h.done == 10);
  CHECK_FALSE(h.error);
  CHECK(srv.accepted() == 1);
}

TEST_CASE("client: destroying the client with requests in flight is safe", "[client]") {
  test_server srv([](server_conn& c, int) { c.read_request(); c.read_request(); });
  asio::io_context io;
  const auto u = local(srv.port());
  const auto wire = get_request(u);
  recorder r;
  {
    http_client client(io, u, {});
    client.send(wire, r);
    io.run_for(std::chrono::milliseconds(50));
  }
  run(io);  // handlers of the destroyed client run and do nothing
  CHECK(r.ends == 0);
}

TEST_CASE("client: an encoded body (gzip) is refused with a clear error", "[client][fault]") {
  test_server srv([](server_conn& c, int) {
    if (c.read_request())
      c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00");
  });
  exchange x(srv.port());
  auto const& r = x.r;
  REQUIRE(r.error);
  CHECK(r.body.empty());
  CHECK(*r.error == error_info{0, "ClientPayloadError",
                               "Response uses Content-Encoding: gzip, which the client does not decode (it sends no "
                               "Accept-Encoding)"});
}

TEST_CASE("client: a response sent before the request body was read is still recorded", "[client][fault]") {
  test_server srv([](server_conn& c, int) {
    // Answer at once (like an early 413), then drain the upload so the close is a clean FIN.
    c.write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 8\r\nConnection: close\r\n\r\ntoo big!");
    c.read_request();
  });
  asio::io_context io;
  const auto u = local(srv.port());
  http_client client(io, u, {});
  const std::string big_body(4 << 20, 'x');
  const auto wire = build_http_request("POST", u.host_header(), "/v1", {}, "application/json", big_body);
  recorder r;
  client.send(wire, r);
  run(io);
  REQUIRE(r.error);
  CHECK(r.ends == 1);
  CHECK(*r.error == error_info{413, "Payload Too Large", "too big!"});
  CHECK(client.idle_connections() == 0);
}
