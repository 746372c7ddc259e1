// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/http_response_handler.hpp — the one interface between http_client and
// whoever owns a request (the shard's per-request state, a test's recorder).  An interface
// rather than a template parameter so that the client is compiled once, not once per handler
// type: a virtual call per socket read costs nothing next to the read itself.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <string_view>

namespace aiperf {
inline namespace v0 {

/// What the HTTP client reports about one request (see the contract in http_client.hpp).
class http_response_handler {
 public:
  virtual void on_sent(std::int64_t start_ns) = 0;
  /// The whole request is on the socket (most handlers do not need to know).
  virtual void on_written(std::int64_t /*ns*/) {}
  virtual void on_headers(int status, std::string_view content_type, std::int64_t recv_ns) = 0;
  virtual void on_body(std::string_view bytes, std::int64_t recv_ns) = 0;
  /// The body ended with the connection (no length, no chunked framing); on_complete follows.
  virtual void on_close_delimited_end() {}
  virtual void on_complete(std::int64_t end_ns) = 0;
  virtual void on_error(error_info err, std::int64_t end_ns) = 0;
 protected:
  ~http_response_handler() = default;
};

}  // namespace v0
}  // namespace aiperf
