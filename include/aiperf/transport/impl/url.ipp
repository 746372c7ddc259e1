// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/url.ipp — `--url` parsing, compiled once (src/aiperf.cpp) or inline in
// every TU (header-only); see url.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/url.hpp>

#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

AIPERF_DECL std::string url::host_header() const {
  std::string h = ipv6_literal ? "[" + host + "]" : host;
  if (port != default_port()) h += ":" + std::to_string(port);
  return h;
}

AIPERF_DECL std::string url::authority() const {
  return (ipv6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

AIPERF_DECL std::string url::to_string() const { return scheme + "://" + host_header() + path; }

namespace detail {
AIPERF_DECL std::string redact_url(std::string_view s) {
  const auto scheme_end = s.find("://");
  const std::size_t auth_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto auth_end = s.find_first_of("/?#", auth_begin);
  const auto authority =
      s.substr(auth_begin, auth_end == std::string_view::npos ? s.npos : auth_end - auth_begin);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(s);
  std::string r(s.substr(0, auth_begin));
  r += "***";
  r += s.substr(auth_begin + at);
  return r;
}
}  // namespace detail

AIPERF_DECL url parse_url(std::string_view text) {
  auto fail = [&](std::string_view why) -> url_error {
    return url_error("invalid URL '" + detail::redact_url(text) + "': " + std::string(why));
  };
  if (text.empty()) throw fail("empty URL");
  for (unsigned char c : text)
    if (c <= 0x20 || c == 0x7f) throw fail("contains whitespace or control characters");

  url u;
  std::string_view rest = text;
  if (const auto p = rest.find("://"); p != std::string_view::npos &&
                                       rest.find_first_of("/?#") > p) {
    u.scheme = detail::ascii_lower(rest.substr(0, p));
    if (u.scheme != "http" && u.scheme != "https")
      throw fail("unsupported scheme '" + u.scheme + "' (expected http:// or https://)");
    rest.remove_prefix(p + 3);
  } else {
    u.scheme = "http";  // AIPerf: scheme-less values get http://
  }

  const auto auth_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, auth_end);
  std::string_view tail = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (authority.find('@') != std::string_view::npos)
    throw fail("credentials (user:password@) in URLs are not supported; use --header or --api-key");
  if (authority.empty()) throw fail("missing host");

  std::string_view port_text;
  bool has_port = false;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw fail("unterminated IPv6 literal (missing ']')");
    u.host = std::string(authority.substr(1, close - 1));
    if (u.host.empty()) throw fail("empty IPv6 literal");
    for (char c : u.host)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
            c == ':' || c == '.'))
        throw fail("invalid character in IPv6 literal");
    if (u.host.find(':') == std::string::npos) throw fail("IPv6 literal without ':'");
    u.ipv6_literal = true;
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw fail("unexpected characters after IPv6 literal");
      port_text = after.substr(1);
      has_port = true;
    }
  } else {
    const auto colon = authority.find(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      has_port = true;
      if (port_text.find(':') != std::string_view::npos)
        throw fail("too many ':' in host (IPv6 literals need brackets, e.g. http://[::1]:8000)");
    }
    if (u.host.empty()) throw fail("missing host");
    for (char c : u.host)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '-' || c == '.' || c == '_'))
        throw fail(std::string("invalid character '") + c + "' in host");
    u.host = detail::ascii_lower(u.host);
  }

  if (has_port) {
    if (port_text.empty()) throw fail("empty port after ':'");
    if (port_text.size() > 5) throw fail("port out of range (1-65535)");
    unsigned v = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') throw fail("port '" + std::string(port_text) + "' is not a number");
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v == 0 || v > 65535) throw fail("port out of range (1-65535)");
    u.port = static_cast<std::uint16_t>(v);
  } else {
    u.port = u.default_port();
  }

  if (const auto hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  if (!tail.empty() && tail.front() == '?') {
    u.path = "/";  // "http://h?x=1" → request target "/?x=1"
    u.path += tail;
  } else {
    u.path = std::string(tail);
  }
  return u;
}

}  // namespace v0
}  // namespace aiperf
