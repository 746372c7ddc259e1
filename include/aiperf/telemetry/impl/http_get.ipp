// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/http_get.ipp — definitions for http_get.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/clock.hpp>
#include <aiperf/telemetry/http_get.hpp>
#include <aiperf/transport/http_response_parser.hpp>

#include <asio/buffer.hpp>
#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <array>
#include <functional>
#include <memory>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

AIPERF_DECL http_get_result http_get(url const& target, std::chrono::milliseconds timeout, std::size_t max_body) {
  http_get_result res;
  if (target.tls()) {
    res.error = "https is not supported for metrics scraping (use an http:// URL)";
    return res;
  }
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  asio::ip::tcp::socket socket(io);
  asio::steady_timer deadline(io, timeout);
  http_response_parser parser;
  parser.reset();
  const std::string request = "GET " + (target.path.empty() ? std::string("/") : target.path) +
                              " HTTP/1.1\r\nHost: " + target.host_header() +
                              "\r\nAccept: text/plain;version=0.0.4;q=1,*/*;q=0.1\r\nUser-Agent: aiperf/" + version +
                              "\r\nConnection: close\r\n\r\n";
  std::array<char, 16384> buf;
  bool finished = false;
  auto finish = [&](std::string err) {
    if (finished) return;
    finished = true;
    res.error = std::move(err);
    deadline.cancel();
    std::error_code ignored;
    resolver.cancel();
    socket.close(ignored);
  };
  std::function<void()> read_more = [&] {
    socket.async_read_some(asio::buffer(buf), [&](std::error_code ec, std::size_t n) {
      if (finished) return;
      if (n > 0 && res.first_byte_ns == 0) res.first_byte_ns = wall_ns();
      if (n > 0) {
        std::string_view in(buf.data(), n);
        while (!in.empty() && !parser.done() && !parser.failed()) {
          const std::size_t used = parser.feed(
              in, [] {},
              [&](std::string_view b) {
                if (res.body.size() + b.size() <= max_body) res.body.append(b);
              });
          in.remove_prefix(used);
          if (used == 0) break;
        }
        if (parser.failed()) return finish("malformed HTTP response: " + std::string(parser.error()));
        if (res.body.size() >= max_body) return finish("response body larger than " + std::to_string(max_body) + " bytes");
        if (parser.done()) return finish("");
      }
      if (ec) {
        if (ec == asio::error::eof && parser.eof()) return finish("");
        return finish(ec == asio::error::eof ? "connection closed before the response was complete" : ec.message());
      }
      read_more();
    });
  };
  resolver.async_resolve(target.host, std::to_string(target.port),
                         [&](std::error_code ec, asio::ip::tcp::resolver::results_type rs) {
                           if (ec) return finish("cannot resolve " + target.host + ": " + ec.message());
                           asio::async_connect(socket, rs, [&](std::error_code ec2, auto const&) {
                             if (ec2) return finish("cannot connect to " + target.authority() + ": " + ec2.message());
                             asio::async_write(socket, asio::buffer(request), [&](std::error_code ec3, std::size_t) {
                               if (ec3) return finish("cannot send the request: " + ec3.message());
                               res.sent_ns = wall_ns();
                               read_more();
                             });
                           });
                         });
  deadline.async_wait([&](std::error_code ec) {
    if (!ec) finish("no complete response within " + std::to_string(timeout.count()) + " ms");
  });
  io.run();
  res.end_ns = wall_ns();
  if (res.error.empty()) {
    res.status = parser.status();
    res.content_type = std::string(parser.content_type());
  }
  return res;
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
