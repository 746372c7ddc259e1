// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/http_request.ipp — request wire bytes, compiled once (src/aiperf.cpp) or
// inline in every TU (header-only); see http_request.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/http_request.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

namespace detail {
AIPERF_DECL bool header_iequals(std::string_view a, std::string_view b) noexcept { return ascii_iequals(a, b); }
AIPERF_DECL bool is_tchar(char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
}  // namespace detail

AIPERF_DECL std::string build_http_request(std::string_view method, std::string_view host_header,
                                           std::string_view path,
                                           std::span<const std::pair<std::string, std::string>> headers,
                                           std::string_view content_type, std::string_view body,
                                           request_options opts) {
  std::string out = build_http_head(method, host_header, path, headers, content_type, body.size(), opts);
  out.append(body);
  return out;
}

AIPERF_DECL std::string build_http_head(std::string_view method, std::string_view host_header, std::string_view path,
                                        std::span<const std::pair<std::string, std::string>> headers,
                                        std::string_view content_type, std::size_t content_length,
                                        request_options opts) {
  auto bad_value = [](std::string_view v) {
    return v.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
  };
  if (method.empty())
    throw std::invalid_argument("HTTP request: empty method");
  for (char c : method)
    if (!detail::is_tchar(c))
      throw std::invalid_argument("HTTP request: invalid method '" + std::string(method) + "'");
  if (path.find_first_of(std::string_view(" \r\n\0", 4)) != std::string_view::npos)
    throw std::invalid_argument("HTTP request: path contains spaces or control characters");
  if (host_header.empty() || bad_value(host_header))
    throw std::invalid_argument("HTTP request: invalid Host header value");
  if (bad_value(content_type))
    throw std::invalid_argument("HTTP request: Content-Type contains CR/LF");

  static constexpr std::string_view owned[] = {"host", "accept", "content-type", "content-length",
                                               "connection", "transfer-encoding"};
  bool user_agent = false;
  std::string_view accept = "application/json";
  std::size_t size = 256 + content_length + path.size();  // the body usually follows in the same string
  for (auto const& [name, value] : headers) {
    if (name.empty())
      throw std::invalid_argument("HTTP request: empty header name");
    for (char c : name)
      if (!detail::is_tchar(c))
        throw std::invalid_argument("HTTP request: header name '" + name + "' is not a valid token");
    if (bad_value(value))
      throw std::invalid_argument("HTTP request: header '" + name + "' value contains CR/LF");
    if (detail::header_iequals(name, "user-agent")) user_agent = true;
    if (detail::header_iequals(name, "accept")) accept = value;
    size += name.size() + value.size() + 4;
  }

  std::string out;
  out.reserve(size);
  out.append(method).append(" ").append(path.empty() ? std::string_view("/") : path);
  out.append(" HTTP/1.1\r\nHost: ").append(host_header).append("\r\n");
  if (!user_agent) out.append("User-Agent: aiperf/").append(AIPERF_VERSION_STRING).append("\r\n");
  for (auto const& [name, value] : headers) {
    bool skip = false;
    for (auto o : owned) skip = skip || detail::header_iequals(name, o);
    if (skip) continue;
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (opts.streaming) accept = *opts.streaming ? "text/event-stream" : "application/json";
  out.append("Accept: ").append(accept);
  out.append("\r\n");
  if (!content_type.empty()) out.append("Content-Type: ").append(content_type).append("\r\n");
  const bool has_body_semantics =
      content_length > 0 || method == "POST" || method == "PUT" || method == "PATCH";
  if (has_body_semantics)
    out.append("Content-Length: ").append(std::to_string(content_length)).append("\r\n");
  out.append(opts.keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
  out.append("\r\n");
  return out;
}

}  // namespace v0
}  // namespace aiperf
