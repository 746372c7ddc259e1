// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/tls.hpp — client TLS set-up (OpenSSL 3 through asio::ssl): one context per
// client, SNI and hostname/IP verification per connection, readable verification errors.
// The declarations need only forward declarations; Asio's SSL and OpenSSL's headers are
// included by the definitions (impl/tls.ipp).
#pragma once
#include <aiperf/config.hpp>

#include <asio/error_code.hpp>

#include <openssl/types.h>  // SSL (a forward declaration of OpenSSL's ssl_st)

#include <memory>
#include <string>

namespace asio::ssl {
class context;  // <asio/ssl/context.hpp> is needed only where a context is made or destroyed
}  // namespace asio::ssl

namespace aiperf {
inline namespace v0 {
namespace detail {

/// A client context: system trust store, plus `ca_file` when given; verification on unless
/// `verify` is false.  Throws std::invalid_argument naming the CA file it cannot load.
AIPERF_DECL std::unique_ptr<asio::ssl::context> make_tls_client_context(bool verify, std::string const& ca_file);

/// Per-connection settings on a stream's native handle: SNI for names (not for IP literals,
/// RFC 6066) and the identity the certificate must match (DNS name or IP address).
AIPERF_DECL void prepare_tls_stream(SSL* ssl, std::string const& host, bool verify);

/// Why a handshake on the stream with native handle `ssl` failed, worded for the error record.
AIPERF_DECL std::string tls_failure_message(SSL* ssl, std::string const& authority, asio::error_code const& ec,
                                            bool& verification_failed);

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/tls.ipp>
#endif
