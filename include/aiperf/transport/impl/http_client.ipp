// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/http_client.ipp — the HTTP client's definitions, compiled once
// (src/aiperf.cpp) or inline in every TU (header-only); see http_client.hpp for the contract.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_response_parser.hpp>
#include <aiperf/transport/tls.hpp>

#include <asio/connect.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
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
  request_bytes wire;
  std::vector<asio::const_buffer> gather;    // the pieces of `wire`, for one gathered write
  http_response_handler* handler = nullptr;  // null between requests
  std::chrono::steady_clock::time_point deadline{};
  // What the request waits for now, and since when (client_options' per-wait limits).
  enum class wait_phase : std::uint8_t { connecting, first_byte, between_bytes };
  wait_phase phase = wait_phase::connecting;
  std::chrono::steady_clock::time_point phase_since{};
  std::uint64_t bytes_in = 0;
  std::uint64_t body_bytes = 0;  // decoded body bytes of a 2xx response, against max_response_bytes
  std::string error_body;
  asio::error_code write_ec;
  std::size_t bytes_out = 0;  // request bytes the kernel took before write_ec (valid once !writing)
  std::size_t busy_index = 0;
  bool reused = false;
  bool retried = false;
  bool writing = false;
  bool ok_status = false;
  bool encoded = false;  // response has a Content-Encoding other than identity
  bool too_large = false;  // the body passed max_response_bytes
};

/// A Transfer-Encoding with a coding besides chunked (`gzip, chunked`): only the chunked framing
/// is removed, the rest would reach the Endpoint as compressed bytes.
inline bool has_undecoded_transfer_coding(http_response_parser const& p) noexcept {
  const auto te = p.transfer_encoding();
  return !te.empty() && !ascii_iequals(te, "chunked");
}

/// Whether an idle pooled connection can still carry a request.  A server that closed it while
/// it sat in the pool has sent a FIN (recv gives 0) or, on plain HTTP, unsolicited bytes (a 408
/// before closing); reading one byte ahead without blocking tells, before any request byte is
/// written, so the request goes on a fresh connection and is never sent twice.  On TLS, records
/// that arrive unasked (a late session ticket) are the TLS layer's business: only FIN and
/// errors count there.
inline bool idle_connection_alive(asio::ip::tcp::socket& sock, bool tls) noexcept {
  char byte = 0;
  const auto n = ::recv(sock.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  if (n == 0) return false;
  return tls;
}

}  // namespace detail

AIPERF_DECL http_client::http_client(asio::io_context& io, url const& target, client_options const& opts)
    : io_(io), target_(target), opts_(opts), resolver_(io) {
  if (target_.tls()) tls_ctx_ = detail::make_tls_client_context(opts_.verify_tls, opts_.ca_file);
  if (opts_.read_buffer_bytes < 512) opts_.read_buffer_bytes = 512;
  asio::error_code ec;
  const auto addr = asio::ip::make_address(target_.host, ec);
  if (!ec) endpoints_.emplace_back(addr, target_.port);  // literal: no resolver on the hot path
}

AIPERF_DECL http_client::~http_client() {
  for (auto& c : busy_) detach(*c);
  for (auto& c : idle_) detach(*c);
}

AIPERF_DECL void http_client::send(request_bytes wire_request, http_response_handler& h) {
  ++in_flight_;
  if (conn_ptr c = acquire()) {
    start(std::move(c), wire_request, &h);
  } else {
    queue_.push_back(queued{wire_request, &h});
  }
}

AIPERF_DECL void http_client::cancel_all(error_info const& err) {
  std::deque<queued> waiting;
  waiting.swap(queue_);
  std::vector<std::pair<conn_ptr, std::uint64_t>> active;
  active.reserve(busy_.size());
  for (auto& c : busy_) active.emplace_back(c, c->gen);
  const std::int64_t now = steady_ns();
  for (auto& [c, g] : active)
    if (c->gen == g && c->handler) fail(c, err, now);
  for (auto& q : waiting) {
    --in_flight_;
    q.handler->on_error(err, now);
  }
  pump();
}

AIPERF_DECL bool http_client::cancel(http_response_handler& h, error_info const& err) {
  const std::int64_t now = steady_ns();
  for (auto const& c : busy_)
    if (c->handler == &h) {
      const conn_ptr keep = c;  // fail() takes it out of busy_
      fail(keep, err, now);
      return true;
    }
  for (auto it = queue_.begin(); it != queue_.end(); ++it)
    if (it->handler == &h) {
      queue_.erase(it);
      --in_flight_;
      h.on_error(err, now);
      return true;
    }
  return false;
}

AIPERF_DECL void http_client::detach(conn& c) {
  c.owner = nullptr;
  ++c.gen;
  asio::error_code ec;
  c.timer.cancel();
  c.sock.close(ec);
}

AIPERF_DECL http_client::conn_ptr http_client::acquire() {
  while (!idle_.empty()) {
    conn_ptr c = std::move(idle_.back());
    idle_.pop_back();
    if (detail::idle_connection_alive(c->sock, c->tls.has_value())) return c;
    asio::error_code ec;  // closed by the server while idle: drop it, its slot is free again
    c->sock.close(ec);
    c->open = false;
    --open_count_;
  }
  if (opts_.max_connections != 0 && open_count_ >= opts_.max_connections) return nullptr;
  ++open_count_;
  auto c = std::make_shared<conn>(io_, opts_.read_buffer_bytes);
  c->owner = this;
  return c;
}

AIPERF_DECL void http_client::add_busy(conn_ptr const& c) {
  c->busy_index = busy_.size();
  busy_.push_back(c);
}

AIPERF_DECL void http_client::remove_busy(conn& c) {
  const std::size_t i = c.busy_index;
  if (i >= busy_.size() || busy_[i].get() != &c) return;
  if (i + 1 != busy_.size()) {
    busy_[i] = std::move(busy_.back());
    busy_[i]->busy_index = i;
  }
  busy_.pop_back();
}

AIPERF_DECL void http_client::release(conn_ptr const& c, bool reusable) {
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

AIPERF_DECL void http_client::pump() {
  while (!queue_.empty()) {
    conn_ptr c = acquire();
    if (!c) return;
    queued q = queue_.front();
    queue_.pop_front();
    start(std::move(c), q.wire, q.handler);
  }
}

AIPERF_DECL void http_client::fail(conn_ptr const& c, error_info const& e, std::int64_t now) {
  http_response_handler* h = c->handler;  // release() forgets it
  release(c, false);
  --in_flight_;
  pump();
  h->on_error(e, now);
}

AIPERF_DECL void http_client::start(conn_ptr c, request_bytes wire, http_response_handler* h) {
  c->wire = wire;
  c->handler = h;
  c->retried = false;
  c->deadline = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(opts_.request_timeout);
  c->phase = c->open ? conn::wait_phase::first_byte : conn::wait_phase::connecting;
  c->phase_since = std::chrono::steady_clock::now();
  add_busy(c);
  arm_timer(c);
  c->reused = c->open;
  const std::int64_t t = steady_ns();
  h->on_sent(t);
  if (c->open) exchange(c);
  else connect(c);
}

AIPERF_DECL void http_client::arm_timer(conn_ptr const& c) {
  c->timer.expires_at(std::min(c->deadline, wait_limit(*c)));
  c->timer.async_wait([c, g = c->gen](asio::error_code const& ec) {
    if (ec || !c->owner || c->gen != g) return;
    c->owner->on_timer(c);
  });
}

AIPERF_DECL void http_client::on_timer(conn_ptr const& c) {
  const auto now = std::chrono::steady_clock::now();
  if (now >= c->deadline) {
    fail(c, timeout_error(), steady_ns());
  } else if (now >= wait_limit(*c)) {
    fail(c, wait_timeout_error(*c), steady_ns());
  } else {
    arm_timer(c);  // bytes came since the timer was set: the idle limit moved on
  }
}

AIPERF_DECL std::chrono::steady_clock::time_point http_client::wait_limit(conn const& c) const {
  std::chrono::nanoseconds limit{0};
  switch (c.phase) {
    case conn::wait_phase::connecting: limit = opts_.connect_timeout; break;
    case conn::wait_phase::first_byte: limit = opts_.first_byte_timeout; break;
    case conn::wait_phase::between_bytes: limit = opts_.idle_timeout; break;
  }
  if (limit <= std::chrono::nanoseconds::zero()) return std::chrono::steady_clock::time_point::max();
  return c.phase_since + std::chrono::duration_cast<std::chrono::steady_clock::duration>(limit);
}

AIPERF_DECL error_info http_client::wait_timeout_error(conn const& c) const {
  const auto seconds = [](std::chrono::nanoseconds d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::chrono::duration<double>(d).count());
    return std::string(buf);
  };
  switch (c.phase) {
    case conn::wait_phase::connecting:
      return error_info{0, "ConnectionTimeoutError",
                        "Cannot connect to host " + target_.authority() + " within " +
                            seconds(opts_.connect_timeout) + " seconds (connect timeout)"};
    case conn::wait_phase::first_byte:
      return error_info{0, "ServerTimeoutError",
                        "No response from " + target_.authority() + " within " + seconds(opts_.first_byte_timeout) +
                            " seconds of sending the request (first-byte timeout)"};
    case conn::wait_phase::between_bytes: break;
  }
  return error_info{0, "ServerTimeoutError",
                    "Response from " + target_.authority() + " stalled: no data for " + seconds(opts_.idle_timeout) +
                        " seconds after " + std::to_string(c.bytes_in) + " response bytes (idle timeout)"};
}

AIPERF_DECL error_info http_client::timeout_error() const {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%g", std::chrono::duration<double>(opts_.request_timeout).count());
  return error_info{0, "RequestTimeoutError", std::string("Request timed out after ") + secs + " seconds"};
}

AIPERF_DECL void http_client::connect(conn_ptr const& c) {
  if (!endpoints_.empty()) {
    do_connect(c);
    return;
  }
  resolver_.async_resolve(
      target_.host, std::to_string(target_.port),
      [c, g = c->gen](asio::error_code const& ec, asio::ip::tcp::resolver::results_type results) {
        if (!c->owner || c->gen != g) return;
        http_client& self = *c->owner;
        if (ec || results.empty()) {
          self.fail(c,
                    error_info{0, "ConnectionError",
                               "Cannot resolve host " + self.target_.host + ": " +
                                   (ec ? ec.message() : std::string("no addresses"))},
                    steady_ns());
          return;
        }
        if (self.endpoints_.empty())
          for (auto const& r : results) self.endpoints_.push_back(r.endpoint());
        self.do_connect(c);
      });
}

AIPERF_DECL error_info http_client::socket_error(asio::error_code const& ec, std::string_view what) const {
  // Asio reports a socket that could not be created as "Operation aborted" once a connect over
  // a range of endpoints gives up; the operator needs the real cause and what to do about it.
  std::string msg = "Cannot " + std::string(what) + " to host " + target_.authority() + ": ";
  if (ec == asio::error::no_descriptors) {
    msg += "too many open files (EMFILE): the process is at its descriptor limit; raise `ulimit -n` or lower "
           "--concurrency";
    return error_info{0, "TooManyOpenFilesError", std::move(msg)};
  }
  if (ec.value() == ENFILE && ec.category() == asio::error::get_system_category()) {
    msg += "too many open files in the system (ENFILE): the kernel's file table is full (fs.file-max)";
    return error_info{0, "TooManyOpenFilesError", std::move(msg)};
  }
  if (ec == asio::error::no_buffer_space || ec == asio::error::no_memory) {
    msg += "out of socket buffers (" + ec.message() + ")";
    return error_info{0, "ClientOSError", std::move(msg)};
  }
  return error_info{0, "ConnectionError", msg + ec.message()};
}

AIPERF_DECL void http_client::do_connect(conn_ptr const& c) {
  asio::async_connect(c->sock, endpoints_,
                      [c, g = c->gen](asio::error_code const& ec, asio::ip::tcp::endpoint const&) {
                        if (!c->owner || c->gen != g) return;
                        http_client& self = *c->owner;
                        if (ec == asio::error::operation_aborted && !c->sock.is_open()) {
                          // The connect over the endpoint range could not even create its
                          // socket, and Asio says only "aborted": ask the system why.
                          asio::ip::tcp::socket probe(self.io_);
                          asio::error_code why;
                          probe.open(self.endpoints_.front().protocol(), why);
                          if (why) {
                            self.fail(c, self.socket_error(why, "open a socket"), steady_ns());
                            return;
                          }
                        }
                        if (ec) {
                          self.fail(c, self.socket_error(ec, "connect"), steady_ns());
                          return;
                        }
                        c->open = true;
                        ++self.opened_;
                        asio::error_code ignore;
                        c->sock.set_option(asio::ip::tcp::no_delay(true), ignore);
                        if (self.tls_ctx_) self.handshake(c);
                        else self.exchange(c);
                      });
}

AIPERF_DECL void http_client::handshake(conn_ptr const& c) {
  c->tls.emplace(c->sock, *tls_ctx_);
  detail::prepare_tls_stream(c->tls->native_handle(), target_.host, opts_.verify_tls);
  c->tls->async_handshake(asio::ssl::stream_base::client, [c, g = c->gen](asio::error_code const& ec) {
    if (!c->owner || c->gen != g) return;
    http_client& self = *c->owner;
    if (ec) {
      bool verify_failed = false;
      std::string msg =
          detail::tls_failure_message(c->tls->native_handle(), self.target_.authority(), ec, verify_failed);
      self.fail(c, error_info{0, verify_failed ? "SSLCertVerificationError" : "SSLError", std::move(msg)},
                steady_ns());
      return;
    }
    self.exchange(c);
  });
}

AIPERF_DECL void http_client::exchange(conn_ptr const& c) {
  if (c->phase == conn::wait_phase::connecting) {  // connected: the first-byte wait begins
    c->phase = conn::wait_phase::first_byte;
    c->phase_since = std::chrono::steady_clock::now();
    arm_timer(c);
  }
  const std::string_view first = c->wire.pieces.empty() ? c->wire.contiguous : c->wire.pieces.front();
  c->parser.reset(first.substr(0, 5) == "HEAD ");
  c->bytes_in = 0;
  c->body_bytes = 0;
  c->too_large = false;
  c->error_body.clear();
  c->write_ec = {};
  c->bytes_out = 0;
  c->ok_status = false;
  c->encoded = false;
  c->writing = true;
  auto on_write = [c, g = c->gen](asio::error_code const& ec, std::size_t n) {
    if (!c->owner || c->gen != g) return;
    c->writing = false;
    c->bytes_out = n;
    if (ec) {
      c->write_ec = ec;  // the read side decides what the request's outcome is
      return;
    }
    // The first-byte wait counts from here: uploading a long prompt is not the server's delay.
    if (c->phase == conn::wait_phase::first_byte) c->phase_since = std::chrono::steady_clock::now();
    if (c->handler) c->handler->on_written(steady_ns());
  };
  if (c->wire.pieces.empty()) {
    auto buf = asio::buffer(c->wire.contiguous.data(), c->wire.contiguous.size());
    if (c->tls) asio::async_write(*c->tls, buf, std::move(on_write));
    else asio::async_write(c->sock, buf, std::move(on_write));
  } else {
    c->gather.clear();  // reused: no allocation once a connection has seen its largest request
    for (std::string_view p : c->wire.pieces) c->gather.push_back(asio::buffer(p.data(), p.size()));
    if (c->tls) asio::async_write(*c->tls, c->gather, std::move(on_write));
    else asio::async_write(c->sock, c->gather, std::move(on_write));
  }
  read(c);
}

AIPERF_DECL void http_client::read(conn_ptr const& c) {
  auto on_read = [c, g = c->gen](asio::error_code const& ec, std::size_t n) {
    const std::int64_t now = steady_ns();  // arrival time: before any parsing
    if (!c->owner || c->gen != g) return;
    c->owner->on_read(c, ec, n, now);
  };
  auto buf = asio::buffer(c->rbuf.get(), c->rbuf_size);
  if (c->tls) c->tls->async_read_some(buf, std::move(on_read));
  else c->sock.async_read_some(buf, std::move(on_read));
}

AIPERF_DECL void http_client::on_read(conn_ptr const& c, asio::error_code const& ec, std::size_t n,
                                      std::int64_t now) {
  // The request this read belongs to (the generation check in read() ensured it); kept in a
  // local because a callback may end the request (and clear c->handler) mid-feed.
  http_response_handler* const h = c->handler;
  const std::uint64_t gen = c->gen;
  if (!ec) {
    c->bytes_in += n;
    c->phase_since = std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::nanoseconds(now)));
    if (c->phase != conn::wait_phase::between_bytes) {  // the first bytes: from now on, gaps count
      c->phase = conn::wait_phase::between_bytes;
      arm_timer(c);
    }
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
          c->encoded = c->encoded || detail::has_undecoded_transfer_coding(c->parser);
          h->on_headers(status, c->parser.content_type(), now);
        },
        [&](std::string_view body) {
          // A handler may end its request from on_body (cancel()): later bytes of this read
          // belong to nobody.
          if (c->gen != gen || c->encoded || c->too_large) return;
          if (c->ok_status) {
            c->body_bytes += body.size();
            if (opts_.max_response_bytes != 0 && c->body_bytes > opts_.max_response_bytes) {
              c->too_large = true;  // what fits was delivered; the rest is not kept
              const std::uint64_t room = opts_.max_response_bytes - (c->body_bytes - body.size());
              if (room > 0) h->on_body(body.substr(0, static_cast<std::size_t>(room)), now);
              return;
            }
            h->on_body(body, now);
          } else if (c->error_body.size() < opts_.max_error_body_bytes) {
            c->error_body.append(body.substr(0, opts_.max_error_body_bytes - c->error_body.size()));
          }
        });
    if (c->gen != gen) return;  // a callback ended the request (cancel_all): nothing left to report
    if (c->encoded && c->ok_status) {
      fail(c,
           error_info{0, "ClientPayloadError",
                      detail::has_undecoded_transfer_coding(c->parser)
                          ? "Response uses Transfer-Encoding: " + std::string(c->parser.transfer_encoding()) +
                                ", which the client does not decode (only chunked is supported)"
                          : "Response uses Content-Encoding: " + std::string(c->parser.content_encoding()) +
                                ", which the client does not decode (it sends no Accept-Encoding)"},
           now);
    } else if (c->too_large) {
      // Closing the connection stops the server's stream; the record keeps what arrived.
      fail(c,
           error_info{0, "ResponseTooLargeError",
                      "Response body exceeded the cap of " + std::to_string(opts_.max_response_bytes) +
                          " bytes (--max-response-bytes); the connection was closed"},
           now);
    } else if (c->parser.failed()) {
      fail(c,
           error_info{0, "HTTPProtocolError",
                      "Invalid HTTP response from " + target_.authority() + ": " + std::string(c->parser.error())},
           now);
    } else if (c->parser.done()) {
      complete(c, now, used < n);
    } else {
      read(c);
    }
    return;
  }
  if (ec == asio::error::operation_aborted) return;
  // A POST is not idempotent: the request goes again only when the server cannot have seen
  // any of it (the write failed before the kernel took a byte).  Once bytes left, the server
  // may be generating; a second send would double its load, so the failure is the record.
  if (c->bytes_in == 0 && c->reused && !c->retried && !c->writing && c->write_ec && c->bytes_out == 0) {
    retry(c);
    return;
  }
  const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
  if (eof && c->parser.eof()) {  // close-delimited body ends here
    if (c->ok_status) h->on_close_delimited_end();
    if (c->gen != gen) return;
    complete(c, now, false);
    return;
  }
  error_info e;
  if (c->bytes_in == 0 && c->write_ec) {
    e = {0, "ConnectionError", "Failed to send request to " + target_.authority() + ": " + c->write_ec.message()};
  } else if (eof) {
    const bool started = c->parser.headers_complete();
    e = {0, started ? "ClientPayloadError" : "ServerDisconnectedError",
         (started ? "Response payload is not completed: " : "Server disconnected: ") + std::string(c->parser.error())};
  } else {
    e = {0, ec == asio::error::connection_reset ? "ConnectionResetError" : "ClientOSError",
         "Connection to " + target_.authority() + " lost after " + std::to_string(c->bytes_in) +
             " response bytes: " + ec.message()};
  }
  fail(c, e, now);
}

AIPERF_DECL void http_client::complete(conn_ptr const& c, std::int64_t now, bool extra_bytes) {
  const bool reusable =
      opts_.reuse_connections && c->parser.keep_alive() && !extra_bytes && !c->writing && !c->write_ec;
  const bool ok = c->ok_status;
  http_response_handler* h = c->handler;  // release() forgets it
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

AIPERF_DECL void http_client::retry(conn_ptr const& old) {
  const auto wire = old->wire;
  const auto deadline = old->deadline;
  http_response_handler* h = old->handler;  // release() forgets it
  release(old, false);
  ++open_count_;  // the replacement takes the slot just released
  auto c = std::make_shared<conn>(io_, opts_.read_buffer_bytes);
  c->owner = this;
  c->wire = wire;
  c->handler = h;
  c->deadline = deadline;
  c->retried = true;
  c->reused = false;
  c->phase = conn::wait_phase::connecting;
  c->phase_since = std::chrono::steady_clock::now();
  add_busy(c);
  arm_timer(c);
  connect(c);
}

AIPERF_DECL std::string_view http_client::default_reason(int status) noexcept {
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

}  // namespace v0
}  // namespace aiperf
