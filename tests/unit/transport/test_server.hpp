// SPDX-License-Identifier: Apache-2.0
// A scripted HTTP/1.1 test server on 127.0.0.1 (port 0) for the transport socket tests.
// Blocking Asio on its own threads (one per connection) so each test writes its response
// script as straight-line code: write, sleep, write, close.  Optional TLS.
#pragma once

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/write.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace aiperf_test {

/// One accepted connection as the script sees it.
class server_conn {
 public:
  server_conn(asio::ip::tcp::socket s, asio::ssl::context* tls) : sock_(std::move(s)) {
    if (tls) {
      tls_.emplace(sock_, *tls);
      asio::error_code ec;
      tls_->handshake(asio::ssl::stream_base::server, ec);
      ok_ = !ec;
    }
  }
  [[nodiscard]] bool ok() const { return ok_; }

  /// Reads one request (head + Content-Length body).  nullopt on EOF/error.
  std::optional<std::string> read_request() {
    for (;;) {
      const auto end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t len = 0;
        const auto cl = lower(buf_.substr(0, end)).find("content-length:");
        if (cl != std::string::npos) len = std::stoul(buf_.substr(cl + 15));
        if (buf_.size() >= end + 4 + len) {
          std::string req = buf_.substr(0, end + 4 + len);
          buf_.erase(0, end + 4 + len);
          return req;
        }
      }
      char tmp[4096];
      asio::error_code ec;
      const std::size_t n = tls_ ? tls_->read_some(asio::buffer(tmp), ec) : sock_.read_some(asio::buffer(tmp), ec);
      if (ec || n == 0) return std::nullopt;
      buf_.append(tmp, n);
    }
  }
  bool write(std::string_view s) {
    asio::error_code ec;
    if (tls_) asio::write(*tls_, asio::buffer(s.data(), s.size()), ec);
    else asio::write(sock_, asio::buffer(s.data(), s.size()), ec);
    return !ec;
  }
  /// Writes, then pauses so the client's next read sees the following bytes separately.
  bool write_pause(std::string_view s, int ms) {
    const bool ok = write(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return ok;
  }
  /// Abortive close (RST) instead of FIN.
  void reset() {
    asio::error_code ec;
    sock_.set_option(asio::socket_base::linger(true, 0), ec);
    sock_.close(ec);
  }
  void close() {
    asio::error_code ec;
    sock_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    sock_.close(ec);
  }
  int native() { return sock_.native_handle(); }

 private:
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  asio::ip::tcp::socket sock_;
  std::optional<asio::ssl::stream<asio::ip::tcp::socket&>> tls_;
  std::string buf_;
  bool ok_ = true;
};

/// Runs `script(conn, connection_index)` for every accepted connection on its own thread.
class test_server {
 public:
  using script_fn = std::function<void(server_conn&, int)>;

  explicit test_server(script_fn script, asio::ssl::context* tls = nullptr)
      : script_(std::move(script)), tls_(tls), acceptor_(io_) {
    asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~test_server() {
    stop_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    {
      std::lock_guard lk(mu_);
      for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);  // wakes blocked reads
    }
    accept_thread_.join();
    for (auto& t : threads_) t.join();
  }
  [[nodiscard]] unsigned short port() const { return port_; }
  [[nodiscard]] int accepted() const { return accepted_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      asio::ip::tcp::socket s(io_);
      asio::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      const int idx = accepted_++;
      std::lock_guard lk(mu_);
      fds_.push_back(s.native_handle());
      threads_.emplace_back([this, idx, sock = std::move(s)]() mutable {
        const int fd = sock.native_handle();
        server_conn c(std::move(sock), tls_);
        if (c.ok() && !stop_) script_(c, idx);
        {
          // Forget the fd before closing it, so the destructor never shuts down a reused number.
          std::lock_guard lk(mu_);
          std::erase(fds_, fd);
          c.close();
        }
      });
    }
  }

  script_fn script_;
  asio::ssl::context* tls_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::mutex mu_;
  std::vector<int> fds_;
  std::vector<std::thread> threads_;
  std::thread accept_thread_;
};

}  // namespace aiperf_test
