// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/http_request.hpp — builds the complete wire bytes of one HTTP/1.1 request.
// Called once per turn before the run (bodies are pre-encoded), so the hot path only writes.
//
// Header order follows AIPerf §8.3 (later wins): `User-Agent: aiperf/VERSION` unless the caller
// gives one, the caller's headers in order, then the transport-owned headers, which replace
// any caller spelling (case-insensitive): Host, Accept (see request_options), Content-Type,
// Content-Length, Connection.  `Transfer-Encoding` from the caller is dropped (the body length is known).
// No `Accept-Encoding` is sent (the client does not decode gzip; AIPerf suppresses it too).
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/ascii.hpp>

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {

struct request_options {
  // Set: `Accept: text/event-stream` (true) or `application/json` (false), replacing any
  // caller spelling (AIPerf §8.3).  Unset: the caller's last Accept header if any, else
  // application/json.
  std::optional<bool> streaming;
  bool keep_alive = true;   // false → `Connection: close` (--connection-reuse-strategy never)
};

namespace detail {
AIPERF_DECL bool header_iequals(std::string_view a, std::string_view b) noexcept;
AIPERF_DECL bool is_tchar(char c) noexcept;
}  // namespace detail

/// Wire bytes of an HTTP/1.1 request.  `path` is the request target ("/v1/chat/completions",
/// "" means "/"); `content_type` empty omits the header.  Throws std::invalid_argument naming
/// the header when a name is not a token or a value contains CR/LF/NUL (header injection).
AIPERF_DECL std::string build_http_request(std::string_view method, std::string_view host_header,
                                           std::string_view path,
                                           std::span<const std::pair<std::string, std::string>> headers,
                                           std::string_view content_type, std::string_view body,
                                           request_options opts = {});

/// The same request without its body: the head (request line, headers, blank line) for a body
/// of `content_length` bytes that the caller writes after it (a gathered write of shared pieces).
AIPERF_DECL std::string build_http_head(std::string_view method, std::string_view host_header, std::string_view path,
                                        std::span<const std::pair<std::string, std::string>> headers,
                                        std::string_view content_type, std::size_t content_length,
                                        request_options opts = {});

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/http_request.ipp>
#endif
