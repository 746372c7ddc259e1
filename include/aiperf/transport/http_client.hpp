// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/http_client.hpp — the HTTP/1.1 (+TLS) client one shard thread uses to send
// pre-encoded requests and receive streamed responses with socket-level timestamps.
//
// Threading: one client per shard, used only from the thread running its io_context (no
// locks).  Lifetime: destroy the client on that thread; handlers still queued in the
// io_context afterwards see that their client is gone and do nothing.
//
// Handler contract (an http_response_handler, http_response_handler.hpp; it must outlive the
// request):
//   h.on_sent(std::int64_t start_ns)
//       stamped immediately before the request bytes are written on a pooled connection;
//       when a new connection must be opened first it is stamped before the connect starts,
//       so connect + TLS handshake count in the latency (as in AIPerf/aiohttp).  Exactly once
//       per request, also for requests that then fail; a retry does not call it again.
//   h.on_written(std::int64_t ns)
//       the whole request has been written to the socket (optional; request cancellation
//       counts its delay from here, spec §5.8).  Not called for a request that failed first.
//   h.on_headers(int status, std::string_view content_type, std::int64_t recv_ns)
//       final (non-1xx) status line and headers parsed; also for non-2xx statuses.
//   h.on_body(std::string_view bytes, std::int64_t recv_ns)
//       decoded body bytes (chunked framing removed), 2xx only.  recv_ns is stamped first
//       thing in the read completion, before any parsing; all bytes of one read share it.
//   exactly one of h.on_complete(std::int64_t end_ns) / h.on_error(error_info, std::int64_t end_ns)
//       non-2xx → error_info{status, reason phrase, body text (first 4 KiB)}.
//   h.on_close_delimited_end() (optional) called just before on_complete when the body had no
//       length and no chunked framing and so ended with the connection (a server that stops
//       early cannot be told apart from one that finished: the handler decides).
// The wire bytes passed to send() must stay valid until on_complete/on_error.
//
// Pooling: idle keep-alive connections are reused (most recent first); new ones are opened on
// demand up to max_connections (0 = unlimited), beyond which requests wait in FIFO order.  A
// connection is reused only after a complete response that allows keep-alive, with no extra
// bytes and the request fully written.  Before an idle connection is reused it is checked
// without blocking: one the server closed while idle (FIN, or unsolicited bytes on plain HTTP)
// is dropped and the request takes another.  A request is sent again (once, on a fresh
// connection) only when its write on a reused connection failed before a single byte left:
// a POST the server may have received is never sent twice — that failure is the record.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>
#include <aiperf/transport/http_response_handler.hpp>
#include <aiperf/transport/tls.hpp>
#include <aiperf/transport/url.hpp>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

struct client_options {
  std::chrono::nanoseconds request_timeout{std::chrono::seconds(600)};  // connect + whole response
  // Limits on each wait inside a request, each a failure of its own kind (0 = off: only
  // request_timeout bounds it).  connect: DNS, TCP connect and TLS handshake of a new
  // connection (ConnectionTimeoutError).  first_byte: from the request fully written to the
  // first response byte — a server that accepts and never answers (ServerTimeoutError).
  // idle: the longest gap between response bytes once they flow — a stream that stalls
  // (ServerTimeoutError).  A slow but steady stream never trips `idle`, however long it runs.
  std::chrono::nanoseconds connect_timeout{0};
  std::chrono::nanoseconds first_byte_timeout{0};
  std::chrono::nanoseconds idle_timeout{0};
  bool verify_tls = true;            // certificate + hostname verification
  std::string ca_file{};             // extra CA bundle (PEM)
  std::size_t max_connections = 0;   // 0 = unlimited; per client (= per shard)
  bool reuse_connections = true;     // false: close after every response
  std::size_t read_buffer_bytes = 8192;  // per connection; reused for every read
  std::size_t max_error_body_bytes = 4096;
  /// Body bytes one 2xx response may deliver (0 = unlimited).  Past it the request fails with
  /// ResponseTooLargeError naming the cap and its connection is closed, so a server that
  /// streams without end cannot grow the client's memory (--max-response-bytes).
  std::uint64_t max_response_bytes = std::uint64_t{64} << 20;
  /// Largest SSE event (or line) a response may hold; not used by the client itself but by
  /// whoever frames its body (the shard's sse_framer; --max-sse-event-bytes).
  std::size_t max_sse_event_bytes = std::size_t{16} << 20;
};

/// The bytes of one request: one contiguous string, or pieces written in order by one gathered
/// write (a trace prompt assembled from shared blocks).  They are not copied: they must stay
/// valid, pieces array included, until the handler's on_complete or on_error.
struct request_bytes {
  std::string_view contiguous = {};
  std::span<const std::string_view> pieces = {};  // when non-empty, sent instead of `contiguous`
};

namespace detail {
class http_client_connection;  // one pooled connection; defined in impl/http_client.ipp
}  // namespace detail

class http_client {
 public:
  AIPERF_DECL http_client(asio::io_context& io, url const& target, client_options const& opts);
  http_client(http_client const&) = delete;
  http_client& operator=(http_client const&) = delete;
  AIPERF_DECL ~http_client();

  /// Sends pre-encoded request bytes; see the handler contract at the top of this file.
  AIPERF_DECL void send(request_bytes wire_request, http_response_handler& h);
  void send(std::string_view wire_request, http_response_handler& h) { send(request_bytes{wire_request}, h); }

  /// Errors every in-flight and queued request with `why` (by default a RequestCancellationError,
  /// code 499, "by external signal"); their connections are closed.  Requests sent from inside
  /// those callbacks proceed.
  AIPERF_DECL void cancel_all(error_info const& why = signal_cancellation());
  /// The error of a request cancelled because the operator stopped the run.
  static error_info signal_cancellation() { return {499, "RequestCancellationError", "Request cancelled by external signal"}; }
  /// Ends the request of `h` (in flight or queued) now with `err`; an in-flight one's connection
  /// is closed.  False when `h` has no request here (it already ended).
  AIPERF_DECL bool cancel(http_response_handler& h, error_info const& err);

  [[nodiscard]] std::size_t in_flight() const noexcept { return in_flight_; }
  /// Connections opened so far (TCP connects that succeeded), for tests and diagnostics.
  [[nodiscard]] std::size_t connections_opened() const noexcept { return opened_; }
  [[nodiscard]] std::size_t idle_connections() const noexcept { return idle_.size(); }
  [[nodiscard]] url const& target() const noexcept { return target_; }

 private:
  using conn = detail::http_client_connection;
  using conn_ptr = std::shared_ptr<conn>;

  struct queued {
    request_bytes wire;
    http_response_handler* handler;
  };

  AIPERF_DECL static void detach(conn& c);
  AIPERF_DECL conn_ptr acquire();
  AIPERF_DECL void add_busy(conn_ptr const& c);
  AIPERF_DECL void remove_busy(conn& c);
  // Ends the current request on `c`: the connection goes back to the pool or is closed.
  AIPERF_DECL void release(conn_ptr const& c, bool reusable);
  AIPERF_DECL void pump();
  // Ends the current request on `c` with `e`; the connection is closed.
  AIPERF_DECL void fail(conn_ptr const& c, error_info const& e, std::int64_t now);
  AIPERF_DECL void start(conn_ptr c, request_bytes wire, http_response_handler* h);
  // One timer per connection waits for the earlier of the request's total deadline and the
  // current wait's own limit (connect / first byte / idle).  The idle limit moves on with every
  // read without touching the timer: when it fires early, on_timer sets it again (lazily).
  AIPERF_DECL void arm_timer(conn_ptr const& c);
  AIPERF_DECL void on_timer(conn_ptr const& c);
  AIPERF_DECL std::chrono::steady_clock::time_point wait_limit(conn const& c) const;
  AIPERF_DECL error_info timeout_error() const;
  AIPERF_DECL error_info wait_timeout_error(conn const& c) const;
  AIPERF_DECL void connect(conn_ptr const& c);
  // The socket could not even be created (descriptor exhaustion): an error naming the cause.
  AIPERF_DECL error_info socket_error(asio::error_code const& ec, std::string_view what) const;
  AIPERF_DECL void do_connect(conn_ptr const& c);
  AIPERF_DECL void handshake(conn_ptr const& c);
  // Writes the request and, at the same time, starts reading: a server may answer (and
  // close) before it has read the whole request; that answer is still recorded.
  AIPERF_DECL void exchange(conn_ptr const& c);
  AIPERF_DECL void read(conn_ptr const& c);
  AIPERF_DECL void on_read(conn_ptr const& c, asio::error_code const& ec, std::size_t n, std::int64_t now);
  AIPERF_DECL void complete(conn_ptr const& c, std::int64_t now, bool extra_bytes);
  // The reused connection refused the request's first byte: same request, new connection.
  AIPERF_DECL void retry(conn_ptr const& old);
  AIPERF_DECL static std::string_view default_reason(int status) noexcept;

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

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/http_client.ipp>
#endif
