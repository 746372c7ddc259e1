// SPDX-License-Identifier: Apache-2.0
// Delivery-mode test, TU 2 of 2 (see odr_main.cpp): one streamed request through http_client
// against an in-process server on 127.0.0.1, plus an https client (TLS context set-up).
#include <aiperf/aiperf.hpp>
#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/sse.hpp>
#include <aiperf/transport/url.hpp>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read_until.hpp>
#include <asio/write.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace {

struct sse_collector final : aiperf::http_response_handler {
  aiperf::sse_framer framer;
  std::vector<std::string> events;
  int status = 0;
  bool sent = false, completed = false;
  std::optional<aiperf::error_info> error;

  void on_sent(std::int64_t) override { sent = true; }
  void on_headers(int s, std::string_view, std::int64_t) override { status = s; }
  void on_body(std::string_view bytes, std::int64_t) override {
    framer.feed(bytes, [&](aiperf::sse_event const& ev) { events.emplace_back(ev.data); });
  }
  void on_complete(std::int64_t) override {
    framer.finish([&](aiperf::sse_event const& ev) { events.emplace_back(ev.data); });
    completed = true;
  }
  void on_error(aiperf::error_info err, std::int64_t) override { error = std::move(err); }
};

}  // namespace

std::string run_client_exchange() {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::ip::tcp::socket peer(io);
  std::string request;
  const std::string body = "data: one\n\ndata: two\n\n";
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
  acceptor.async_accept(peer, [&](asio::error_code const& ec) {
    if (ec) return;
    asio::async_read_until(peer, asio::dynamic_buffer(request), "\r\n\r\n",
                           [&](asio::error_code const& read_ec, std::size_t) {
                             if (!read_ec) asio::async_write(peer, asio::buffer(response), [](auto const&, auto) {});
                           });
  });

  const aiperf::url target = aiperf::parse_url("http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()));
  aiperf::http_client client(io, target, {});
  const std::string wire = aiperf::build_http_request("GET", target.host_header(), "/stream", {}, "", "");
  sse_collector handler;
  client.send(wire, handler);
  io.run_for(std::chrono::seconds(10));

  // An https client sets up its TLS context at construction (impl/tls.ipp); nothing is sent.
  asio::io_context tls_io;
  aiperf::http_client tls_client(tls_io, aiperf::parse_url("https://127.0.0.1:1"), {});

  if (handler.error) return "http_client: " + handler.error->type + ": " + handler.error->message;
  if (!handler.sent || !handler.completed || handler.status != 200) return "http_client: request did not complete";
  if (handler.events != std::vector<std::string>{"one", "two"}) return "http_client: wrong SSE events";
  if (request.rfind("GET /stream HTTP/1.1\r\n", 0) != 0) return "http_client: wrong request line";
  if (!tls_client.target().tls()) return "http_client: https target";
  return "";
}
