// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/http_get.hpp — one blocking HTTP/1.1 GET with an overall deadline, for
// scraping /metrics pages off the request path (a scraper thread, a reachability check).  The
// response framing is the transport's parser (Content-Length, chunked, close-delimited); the
// connection is not reused (a scrape every 0.33 s does not need it).  Plain http only.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/transport/url.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

struct http_get_result {
  std::string error = {};         // why no complete response came; "" on success
  int status = 0;
  std::string content_type = {};  // as sent, "" when absent
  std::string body = {};
  std::int64_t sent_ns = 0, first_byte_ns = 0, end_ns = 0;  // wall clock (epoch ns)

  [[nodiscard]] bool ok() const noexcept { return error.empty() && status == 200; }
};

/// GETs `target` (http only) and waits at most `timeout` for the whole response; never throws
/// for network failures (they come back in .error).  `max_body` bounds the memory a broken
/// server can make it use.
AIPERF_DECL http_get_result http_get(url const& target, std::chrono::milliseconds timeout,
                                     std::size_t max_body = std::size_t{64} << 20);

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/http_get.ipp>
#endif
