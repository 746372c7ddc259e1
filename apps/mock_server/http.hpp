// SPDX-License-Identifier: Apache-2.0
// mock_server/http.hpp — a small incremental HTTP/1.1 request parser (request line, headers,
// Content-Length or chunked bodies) that works on a caller-owned buffer without copying.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace mock {

struct http_request {
  std::string_view method;
  std::string_view target;  ///< path without the query string
  std::string_view fault_header;  ///< X-Mock-Fault value (empty if absent)
  std::string_view request_id;      ///< X-Request-ID value (empty if absent; for --request-log)
  std::string_view correlation_id;  ///< X-Correlation-ID value (empty if absent; for --request-log)
  bool keep_alive = true;
  bool http10 = false;         ///< HTTP/1.0: no chunked responses
  std::size_t head_size = 0;   ///< bytes of request line + headers (incl. the blank line)
  std::size_t total_size = 0;  ///< bytes this request occupies in the buffer
  std::string_view body;       ///< Content-Length body (points into the buffer)
  bool chunked = false;        ///< body was chunked: decoded copy is in `decoded_body`
  bool expect_continue = false;  ///< `Expect: 100-continue` (set even while the body is incomplete)
  std::string decoded_body;
};

enum class parse_status { complete, incomplete, bad_request, too_large, not_implemented };

struct parse_result {
  parse_status status = parse_status::incomplete;
  std::string_view error;  ///< why, for bad requests
};

namespace detail {

inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

inline bool icontains(std::string_view hay, std::string_view needle) noexcept {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  return false;
}

inline std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace detail

/// Parses one request from the front of `buf`.  `complete` fills `req` (views into `buf`);
/// `incomplete` asks for more bytes.  Limits: head <= max_head, body <= max_body.
inline parse_result parse_http_request(std::string_view buf, http_request& req, std::size_t max_body,
                                       std::size_t max_head = 64 * 1024) {
  using detail::iequals;
  const auto head_end = buf.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    if (buf.size() > max_head) return {parse_status::too_large, "request head too large"};
    return {};
  }
  req = http_request{};
  req.head_size = head_end + 4;
  std::string_view head = buf.substr(0, head_end);
  // Request line: METHOD SP target SP HTTP/1.x
  const auto line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == 0 || sp2 == std::string_view::npos) return {parse_status::bad_request, "malformed request line"};
  req.method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (version == "HTTP/1.1") {
    req.keep_alive = true;
  } else if (version == "HTTP/1.0") {
    req.keep_alive = false;
    req.http10 = true;
  } else {
    return {parse_status::bad_request, "unsupported HTTP version"};
  }
  if (target.empty() || target.front() != '/') return {parse_status::bad_request, "bad request target"};
  if (const auto q = target.find('?'); q != std::string_view::npos) target = target.substr(0, q);
  req.target = target;

  std::size_t content_length = 0;
  bool have_length = false;
  std::string_view rest = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);
  while (!rest.empty()) {
    const auto e = rest.find("\r\n");
    const std::string_view h = rest.substr(0, e);
    rest = e == std::string_view::npos ? std::string_view{} : rest.substr(e + 2);
    const auto colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return {parse_status::bad_request, "malformed header line"};
    const std::string_view name = h.substr(0, colon);
    const std::string_view value = detail::trim_ows(h.substr(colon + 1));
    if (iequals(name, "content-length")) {
      std::size_t n = 0;
      if (value.empty() || value.size() > 15) return {parse_status::bad_request, "bad Content-Length"};
      for (char c : value) {
        if (c < '0' || c > '9') return {parse_status::bad_request, "bad Content-Length"};
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (have_length && n != content_length) return {parse_status::bad_request, "conflicting Content-Length"};
      content_length = n;
      have_length = true;
    } else if (iequals(name, "transfer-encoding")) {
      if (!iequals(value, "chunked")) return {parse_status::not_implemented, "unsupported Transfer-Encoding"};
      req.chunked = true;
    } else if (iequals(name, "connection")) {
      if (detail::icontains(value, "close")) req.keep_alive = false;
      else if (detail::icontains(value, "keep-alive")) req.keep_alive = true;
    } else if (iequals(name, "expect")) {
      req.expect_continue = iequals(value, "100-continue");
    } else if (iequals(name, "x-mock-fault")) {
      req.fault_header = value;
    } else if (iequals(name, "x-request-id")) {
      req.request_id = value;
    } else if (iequals(name, "x-correlation-id")) {
      req.correlation_id = value;
    }
  }

  if (req.chunked) {
    // RFC 9112: Transfer-Encoding wins over Content-Length.  Decode into decoded_body.
    std::size_t pos = req.head_size;
    for (;;) {
      const auto le = buf.find("\r\n", pos);
      if (le == std::string_view::npos) {
        if (buf.size() - pos > 1024) return {parse_status::bad_request, "chunk size line too long"};
        return {};
      }
      std::string_view size_line = buf.substr(pos, le - pos);
      if (const auto semi = size_line.find(';'); semi != std::string_view::npos) size_line = size_line.substr(0, semi);
      size_line = detail::trim_ows(size_line);
      if (size_line.empty() || size_line.size() > 15) return {parse_status::bad_request, "bad chunk size"};
      std::size_t n = 0;
      for (char c : size_line) {
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) return {parse_status::bad_request, "bad chunk size"};
        n = n * 16 + static_cast<std::size_t>(d);
      }
      pos = le + 2;
      if (n == 0) {
        // Skip trailers up to the blank line.
        for (;;) {
          const auto te = buf.find("\r\n", pos);
          if (te == std::string_view::npos) return {};
          if (te == pos) {
            pos += 2;
            break;
          }
          pos = te + 2;
        }
        break;
      }
      if (req.decoded_body.size() + n > max_body) return {parse_status::too_large, "request body too large"};
      if (buf.size() < pos + n + 2) return {};
      if (buf.substr(pos + n, 2) != "\r\n") return {parse_status::bad_request, "chunk not followed by CRLF"};
      req.decoded_body.append(buf.substr(pos, n));
      pos += n + 2;
    }
    req.body = req.decoded_body;
    req.total_size = pos;
    return {parse_status::complete, {}};
  }

  if (content_length > max_body) return {parse_status::too_large, "request body too large"};
  if (buf.size() < req.head_size + content_length) return {};
  req.body = buf.substr(req.head_size, content_length);
  req.total_size = req.head_size + content_length;
  return {parse_status::complete, {}};
}

}  // namespace mock
}  // namespace v0
}  // namespace aiperf
