// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/url.hpp — parses the `--url` values the transport connects to.
//
// Rules (AIPerf §8.2 + what a socket client needs):
//   * a value without `scheme://` gets `http://` (AIPerf prepends it the same way);
//   * only `http` and `https` are accepted (case-insensitive); anything else is an error;
//   * host may be a name, an IPv4 literal or an IPv6 literal in brackets (`[::1]`);
//   * port defaults to 80 / 443; an explicit port must be 1..65535;
//   * the path (with query, without fragment) is kept as the prefix endpoints append to;
//   * `user:pass@` is rejected: credentials in a URL would end up in logs and exports, and
//     the error message shows the URL with them redacted.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/ascii.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

/// A URL the user gave that cannot be used.  The message names the (redacted) URL.
class url_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct url {
  std::string scheme;      // "http" or "https" (lower case)
  std::string host;        // without brackets for IPv6 literals
  std::uint16_t port = 0;  // always set (default applied)
  std::string path;        // "" or "/..." incl. "?query"; no fragment
  bool ipv6_literal = false;

  [[nodiscard]] bool tls() const noexcept { return scheme == "https"; }
  [[nodiscard]] std::uint16_t default_port() const noexcept { return tls() ? 443 : 80; }

  /// The `Host` header value: host (bracketed for IPv6) plus `:port` unless it is the default.
  [[nodiscard]] AIPERF_DECL std::string host_header() const;
  /// `host:port` for messages (IPv6 in brackets).
  [[nodiscard]] AIPERF_DECL std::string authority() const;
  /// Canonical form: scheme://host[:port]path.
  [[nodiscard]] AIPERF_DECL std::string to_string() const;

  friend bool operator==(url const&, url const&) = default;
};

namespace detail {
/// The URL as it may appear in a message: userinfo replaced by `***`.
AIPERF_DECL std::string redact_url(std::string_view s);
}  // namespace detail

/// Parses one `--url` value.  Throws url_error naming the URL and what is wrong.
AIPERF_DECL url parse_url(std::string_view text);

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/url.ipp>
#endif
