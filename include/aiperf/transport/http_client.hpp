// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/http_client.hpp — the HTTP/1.1 (+TLS) client one shard thread uses to send
// pre-encoded requests and receive streamed responses with socket-level timestamps.
//
// Threading: one client per shard, used only from the thread running its io_context (no
// locks).  Lifetime: destroy the client on that thread; handlers still queued in the
// io_context afterwards see that their client is gone and do nothing.
//
// Handler contract (a template parameter: static, inlined; it must outlive the request):
//   h.on_sent(std::int64_t start_ns)
//       stamped immediately before the request bytes are written on a pooled connection;
//       when a new connection must be opened first it is stamped before the connect starts,
//       so connect + TLS handshake count in the latency (as in AIPerf/aiohttp).  Exactly once
//       per request, also for requests that then fail; a retry does not call it again.
//   h.on_headers(int status, std::string_view content_type, std::int64_t recv_ns)
//       final (non-1xx) status line and headers parsed; also for non-2xx statuses.
//   h.on_body(std::string_view bytes, std::int64_t recv_ns)
//       decoded body bytes (chunked framing removed), 2xx only.  recv_ns is stamped first
//       thing in the read completion, before any parsing; all bytes of one read share it.
//   exactly one of h.on_complete(std::int64_t end_ns) / h.on_error(error_info, std::int64_t end_ns)
//       non-2xx → error_info{status, reason phrase, body text (first 4 KiB)}.
// The wire bytes passed to send() must stay valid until on_complete/on_error.
//
// Pooling: idle keep-alive connections are reused (most recent first); new ones are opened on
// demand up to max_connections (0 = unlimited), beyond which requests wait in FIFO order.  A
// connection is reused only after a complete response that allows keep-alive, with no extra
// bytes and the request fully written.  A request that fails on a reused connection before
// any response byte arrived (the server closed it while idle) is retried once on a fresh
// connection — before any byte arrived the server cannot have started generating.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>
#include <aiperf/transport/http_response_parser.hpp>
#include <aiperf/transport/tls.hpp>
#include <aiperf/transport/url.hpp>

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

struct client_options {
  std::chrono::nanoseconds request_timeout{std::chrono::seconds(600)};  // connect + whole response
  bool verify_tls = true;            // certificate + hostname verification
  std::string ca_file;               // extra CA bundle (PEM)
  std::size_t max_connections = 0;   // 0 = unlimited; per client (= per shard)
  bool reuse_connections = true;     // false: close after every response
  std::size_t read_buffer_bytes = 8192;  // per connection; reused for every read
  std::size_t max_error_body_bytes = 4096;
};

class http_client;

namespace detail {

class http_client_connection {
 public:
  http_client_connection(asio::io_context& io, std::size_t rbuf_bytes)
      : sock(io), timer(io), rbuf_size(rbuf_bytes), rbuf(new char[rbuf_bytes]) {}

  asio::ip::tcp::socket sock;
  std::optional<asio::ssl::stream<asio::ip::tcp::socket&>> tls;  // never reset while open ops may exist
  asio::steady_timer timer;
  http_response_parser parser;
  std::size_t rbuf_size;
  std::unique_ptr<char[]> rbuf;

  http_client* owner = nullptr;  // null once the client is gone
  std::uint64_t gen = 0;         // bumped whenever the current request ends: stale callbacks compare
  bool open = false;

  // -- the request currently on this connection --
  std::string_view wire;
  void* handler = nullptr;
  void (*fail_fn)(void*, error_info const&, std::int64_t) = nullptr;
  std::chrono::steady_clock::time_point deadline{};
  std::uint64_t bytes_in = 0;
  std::string error_body;
  asio::error_code write_ec;
  std::size_t busy_index = 0;
  bool reused = false;
  bool retried = false;
  bool writing = false;
  bool ok_status = false;
  bool encoded = false;  // response has a Content-Encoding other than identity
};

}  // namespace detail

class http_client {
  using conn = detail::http_client_connection;
  using conn_ptr = std::shared_ptr<conn>;

 public:
  http_client(asio::io_context& io, url const& target, client_options const& opts)
      : io_(io), target_(target), opts_(opts), resolver_(io) {
    if (target_.tls()) tls_ctx_ = detail::make_tls_client_context(opts_.verify_tls, opts_.ca_file);
    if (opts_.read_buffer_bytes < 512) opts_.read_buffer_bytes = 512;
    asio::error_code ec;
    const auto addr = asio::ip::make_address(target_.host, ec);
    if (!ec) endpoints_.emplace_back(addr, target_.port);  // literal: no resolver on the hot path
  }
  http_client(http_client const&) = delete;
  http_client& operator=(http_client const&) = delete;

  ~http_client() {
    for (auto& c : busy_) detach(*c);
    for (auto& c : idle_) detach(*c);
  }

  /// Sends pre-encoded request bytes; see the handler contract at the top of this file.
  template <class Handler>
  void send(std::string_view wire_request, Handler& h) {
    ++in_flight_;
    if (conn_ptr c = acquire()) {
      start<Handler>(std::move(c), wire_request, &h);
    } else {
      queue_.push_back(queued{wire_request, &h, &start_thunk<Handler>, &fail_thunk<Handler>});
    }
  }

  /// Errors every in-flight and queued request with RequestCancellationError (code 499);
  /// their connections are closed.  Requests sent from inside those callbacks proceed.
  void cancel_all() {
    const error_info err{499, "RequestCancellationError", "Request cancelled by external signal"};
    std::deque<queued> waiting;
    waiting.swap(queue_);
    std::vector<std::pair<conn_ptr, std::uint64_t>> active;
    active.reserve(busy_.size());
    for (auto& c : busy_) active.emplace_back(c, c->gen);
    const std::int64_t now = steady_ns();
    for (auto& [c, g] : active)
      if (c->gen == g && c->handler) fail_erased(c, err, now);
    for (auto& q : waiting) {
      --in_flight_;
      q.fail(q.handler, err, now);
    }
    pump();
  }

  [[nodiscard]] std::size_t in_flight() const noexcept { return in_flight_; }
  /// Connections opened so far (TCP connects that succeeded), for tests and diagnostics.
  [[nodiscard]] std::size_t connections_opened() const noexcept { return opened_; }
  [[nodiscard]] std::size_t idle_connections() const noexcept { return idle_.size(); }
  [[nodiscard]] url const& target() const noexcept { return target_; }

 private:
  struct queued {
    std::string_view wire;
    void* handler;
    void (*start)(http_client&, conn_ptr, std::string_view, void*);
    void (*fail)(void*, error_info const&, std::int64_t);
  };

  template <class H>
  static void start_thunk(http_client& self, conn_ptr c, std::string_view wire, void* h) {
    self.start<H>(std::move(c), wire, static_cast<H*>(h));
  }
  template <class H>
  static void fail_thunk(void* h, error_info const& e, std::int64_t t) {
    static_cast<H*>(h)->on_error(e, t);
  }

  static void detach(conn& c) {
    c.owner = nullptr;
    ++c.gen;
    asio::error_code ec;
    c.timer.cancel();
    c.sock.close(ec);
  }

  conn_ptr acquire() {
    if (!idle_.empty()) {
      conn_ptr c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (opts_.max_connections != 0 && open_count_ >= opts_.max_connections) return nullptr;
    ++open_count_;
    auto c = std::make_shared<conn>(io_, opts_.read_buffer_bytes);
    c->owner = this;
    return c;
  }

  void add_busy(conn_ptr const& c) {
    c->busy_index = busy_.size();
    busy_.push_back(c);
  }
  void remove_busy(conn& c) {
    const std::size_t i = c.busy_index;
    if (i >= busy_.size() || busy_[i].get() != &c) return;
    if (i + 1 != busy_.size()) {
      busy_[i] = std::move(busy_.back());
      busy_[i]->busy_index = i;
    }
    busy_.pop_back();
  }

  // Ends the current request on `c`: the connection goes back to the pool or is closed.
  void release(conn_ptr const& c, bool reusable) {
    ++c->gen;
    c->timer.cancel();
    c->handler = nullptr;
    remove_busy(*c);
    if (reusable) {
      idle_.push_back(c);
    } else {
      asio::error_code ec;
      c->sock.close(ec);
      c->open = false;
      --open_count_;
    }
  }

  void pump() {
    while (!queue_.empty()) {
      conn_ptr c = acquire();
      if (!c) return;
      queued q = queue_.front();
      queue_.pop_front();
      q.start(*this, std::move(c), q.wire, q.handler);
    }
  }

  void fail_erased(conn_ptr const& c, error_info const& e, std::int64_t now) {
    void* h = c->handler;
    auto f = c->fail_fn;
    release(c, false);
    --in_flight_;
    pump();
    f(h, e, now);
  }

  template <class H>
  void fail(conn_ptr const& c, H* h, error_info const& e, std::int64_t now) {
    release(c, false);
    --in_flight_;
    pump();
    h->on_error(e, now);
  }

  template <class H>
  void start(conn_ptr c, std::string_view wire, H* h) {
    c->wire = wire;
    c->handler = h;
    c->fail_fn = &fail_thunk<H>;
    c->retried = false;
    c->deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(opts_.request_timeout);
    add_busy(c);
    arm_timer<H>(c, h);
    c->reused = c->open;
    const std::int64_t t = steady_ns();
    h->on_sent(t);
    if (c->open) exchange<H>(c, h);
    else connect<H>(c, h);
  }

  template <class H>
  void arm_timer(conn_ptr const& c, H* h) {
    c->timer.expires_at(c->deadline);
    c->timer.async_wait([c, g = c->gen, h](asio::error_code const& ec) {
      if (ec || !c->owner || c->gen != g) return;
      const std::int64_t now = steady_ns();
      c->owner->fail(c, h, c->owner->timeout_error(), now);
    });
  }

  error_info timeout_error() const {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%g",
                  std::chrono::duration<double>(opts_.request_timeout).count());
    return error_info{0, "RequestTimeoutError", std::string("Request timed out after ") + secs + " seconds"};
  }

  template <class H>
  void connect(conn_ptr const& c, H* h) {
    if (!endpoints_.empty()) {
      do_connect<H>(c, h);
      return;
    }
    resolver_.async_resolve(
        target_.host, std::to_string(target_.port),
        [c, g = c->gen, h](asio::error_code const& ec, asio::ip::tcp::resolver::results_type results) {
          if (!c->owner || c->gen != g) return;
          http_client& self = *c->owner;
          if (ec || results.empty()) {
            self.fail(c, h,
                      error_info{0, "ConnectionError",
                                 "Cannot resolve host " + self.target_.host + ": " +
                                     (ec ? ec.message() : std::string("no addresses"))},
                      steady_ns());
            return;
          }
          if (self.endpoints_.empty())
            for (auto const& r : results) self.endpoints_.push_back(r.endpoint());
          self.do_connect<H>(c, h);
        });
  }

  template <class H>
  void do_connect(conn_ptr const& c, H* h) {
    asio::async_connect(c->sock, endpoints_,
                        [c, g = c->gen, h](asio::error_code const& ec, asio::ip::tcp::endpoint const&) {
                          if (!c->owner || c->gen != g) return;
                          http_client& self = *c->owner;
                          if (ec) {
                            self.fail(c, h,
                                      error_info{0, "ConnectionError",
                                                 "Cannot connect to host " + self.target_.authority() +
                                                     ": " + ec.message()},
                                      steady_ns());
                            return;
                          }
                          c->open = true;
                          ++self.opened_;
                          asio::error_code ignore;
                          c->sock.set_option(asio::ip::tcp::no_delay(true), ignore);
                          if (self.tls_ctx_) self.handshake<H>(c, h);
                          else self.exchange<H>(c, h);
                        });
  }

  template <class H>
  void handshake(conn_ptr const& c, H* h) {
    c->tls.emplace(c->sock, *tls_ctx_);
    detail::prepare_tls_stream(*c->tls, target_.host, opts_.verify_tls);
    c->tls->async_handshake(asio::ssl::stream_base::client, [c, g = c->gen, h](asio::error_code const& ec) {
      if (!c->owner || c->gen != g) return;
      http_client& self = *c->owner;
      if (ec) {
        bool verify_failed = false;
        std::string msg = detail::tls_failure_message(*c->tls, self.target_.authority(), ec, verify_failed);
        self.fail(c, h, error_info{0, verify_failed ? "SSLCertVerificationError" : "SSLError", std::move(msg)},
                  steady_ns());
        return;
      }
      self.exchange<H>(c, h);
    });
  }

  // Writes the request and, at the same time, starts reading: a server may answer (and
  // close) before it has read the whole request; that answer is still recorded.
  template <class H>
  void exchange(conn_ptr const& c, H* h) {
    c->parser.reset(c->wire.substr(0, 5) == "HEAD ");
    c->bytes_in = 0;
    c->error_body.clear();
    c->write_ec = {};
    c->ok_status = false;
    c->encoded = false;
    c->writing = true;
    auto on_write = [c, g = c->gen](asio::error_code const& ec, std::size_t) {
      if (!c->owner || c->gen != g) return;
      c->writing = false;
      if (ec) c->write_ec = ec;  // the read side decides what the request's outcome is
    };
    if (c->tls) asio::async_write(*c->tls, asio::buffer(c->wire.data(), c->wire.size()), std::move(on_write));
    else asio::async_write(c->sock, asio::buffer(c->wire.data(), c->wire.size()), std::move(on_write));
    read<H>(c, h);
  }

  template <class H>
  void read(conn_ptr const& c, H* h) {
    auto on_read = [c, g = c->gen, h](asio::error_code const& ec, std::size_t n) {
      const std::int64_t now = steady_ns();  // arrival time: before any parsing
      if (!c->owner || c->gen != g) return;
      c->owner->on_read<H>(c, h, ec, n, now);
    };
    auto buf = asio::buffer(c->rbuf.get(), c->rbuf_size);
    if (c->tls) c->tls->async_read_some(buf, std::move(on_read));
    else c->sock.async_read_some(buf, std::move(on_read));
  }

  template <class H>
  void on_read(conn_ptr const& c, H* h, asio::error_code const& ec, std::size_t n, std::int64_t now) {
    if (!ec) {
      c->bytes_in += n;
      const std::string_view data(c->rbuf.get(), n);
      const std::size_t used = c->parser.feed(
          data,
          [&] {
            const int status = c->parser.status();
            c->ok_status = status >= 200 && status < 300;
            const auto enc = c->parser.content_encoding();
            // No Accept-Encoding is sent (as AIPerf); an encoded body would be measured as
            // garbage text, so it is refused clearly instead of silently.
            c->encoded = !enc.empty() && !detail::ascii_iequals(enc, "identity");
            h->on_headers(status, c->parser.content_type(), now);
          },
          [&](std::string_view body) {
            if (c->encoded) return;
            if (c->ok_status) {
              h->on_body(body, now);
            } else if (c->error_body.size() < opts_.max_error_body_bytes) {
              c->error_body.append(body.substr(0, opts_.max_error_body_bytes - c->error_body.size()));
            }
          });
      if (c->encoded && c->ok_status) {
        fail(c, h,
             error_info{0, "ClientPayloadError",
                        "Response uses Content-Encoding: " + std::string(c->parser.content_encoding()) +
                            ", which the client does not decode (it sends no Accept-Encoding)"},
             now);
      } else if (c->parser.failed()) {
        fail(c, h,
             error_info{0, "HTTPProtocolError",
                        "Invalid HTTP response from " + target_.authority() + ": " +
                            std::string(c->parser.error())},
             now);
      } else if (c->parser.done()) {
        complete<H>(c, h, now, used < n);
      } else {
        read<H>(c, h);
      }
      return;
    }
    if (ec == asio::error::operation_aborted) return;
    if (c->bytes_in == 0 && c->reused && !c->retried) {
      retry<H>(c, h);
      return;
    }
    const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
    if (eof && c->parser.eof()) {  // close-delimited body ends here
      complete<H>(c, h, now, false);
      return;
    }
    error_info e;
    if (c->bytes_in == 0 && c->write_ec) {
      e = {0, "ConnectionError", "Failed to send request to " + target_.authority() + ": " + c->write_ec.message()};
    } else if (eof) {
      const bool started = c->parser.headers_complete();
      e = {0, started ? "ClientPayloadError" : "ServerDisconnectedError",
           (started ? "Response payload is not completed: " : "Server disconnected: ") +
               std::string(c->parser.error())};
    } else {
      e = {0, ec == asio::error::connection_reset ? "ConnectionResetError" : "ClientOSError",
           "Connection to " + target_.authority() + " lost after " + std::to_string(c->bytes_in) +
               " response bytes: " + ec.message()};
    }
    fail(c, h, e, now);
  }

  template <class H>
  void complete(conn_ptr const& c, H* h, std::int64_t now, bool extra_bytes) {
    const bool reusable = opts_.reuse_connections && c->parser.keep_alive() && !extra_bytes &&
                          !c->writing && !c->write_ec;
    const bool ok = c->ok_status;
    error_info e;
    if (!ok) {
      const int status = c->parser.status();
      std::string_view reason = c->parser.reason();
      e = error_info{status, std::string(reason.empty() ? default_reason(status) : reason), std::move(c->error_body)};
      c->error_body.clear();
    }
    release(c, reusable);
    --in_flight_;
    pump();
    if (ok) h->on_complete(now);
    else h->on_error(e, now);
  }

  // The reused connection was dead before any byte came back: same request, new connection.
  template <class H>
  void retry(conn_ptr const& old, H* h) {
    const auto wire = old->wire;
    const auto deadline = old->deadline;
    release(old, false);
    ++open_count_;  // the replacement takes the slot just released
    auto c = std::make_shared<conn>(io_, opts_.read_buffer_bytes);
    c->owner = this;
    c->wire = wire;
    c->handler = h;
    c->fail_fn = &fail_thunk<H>;
    c->deadline = deadline;
    c->retried = true;
    c->reused = false;
    add_busy(c);
    arm_timer<H>(c, h);
    connect<H>(c, h);
  }

  static std::string_view default_reason(int status) noexcept {
    switch (status) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 408: return "Request Timeout";
      case 413: return "Payload Too Large";
      case 422: return "Unprocessable Entity";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "HTTPError";
    }
  }

  asio::io_context& io_;
  url target_;
  client_options opts_;
  asio::ip::tcp::resolver resolver_;
  std::unique_ptr<asio::ssl::context> tls_ctx_;
  std::vector<asio::ip::tcp::endpoint> endpoints_;
  std::vector<conn_ptr> idle_;
  std::vector<conn_ptr> busy_;
  std::deque<queued> queue_;
  std::size_t open_count_ = 0;
  std::size_t opened_ = 0;
  std::size_t in_flight_ = 0;
};

}  // namespace v0
}  // namespace aiperf
