// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/tls.ipp — client TLS set-up, compiled once (src/aiperf.cpp) or inline in
// every TU (header-only); see tls.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/transport/tls.hpp>

#include <asio/ip/address.hpp>
#include <asio/ssl/context.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL std::unique_ptr<asio::ssl::context> make_tls_client_context(bool verify, std::string const& ca_file) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  asio::error_code ec;
  ctx->set_default_verify_paths(ec);  // a missing system store is not fatal when ca_file is set
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec)
      throw std::invalid_argument("ca_file '" + ca_file + "': cannot load CA certificates: " + ec.message());
  }
  ctx->set_verify_mode(verify ? asio::ssl::verify_peer : asio::ssl::verify_none);
  return ctx;
}

AIPERF_DECL void prepare_tls_stream(SSL* ssl, std::string const& host, bool verify) {
  asio::error_code ec;
  (void)asio::ip::make_address(host, ec);
  const bool is_ip = !ec;
  if (!is_ip) SSL_set_tlsext_host_name(ssl, host.c_str());
  if (!verify) return;
  if (is_ip) X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
  else SSL_set1_host(ssl, host.c_str());
}

AIPERF_DECL std::string tls_failure_message(SSL* ssl, std::string const& authority, asio::error_code const& ec,
                                            bool& verification_failed) {
  const long vr = SSL_get_verify_result(ssl);
  verification_failed = vr != X509_V_OK;
  if (verification_failed)
    return "TLS certificate verification failed for " + authority + ": " +
           X509_verify_cert_error_string(vr);
  return "TLS handshake with " + authority + " failed: " + ec.message();
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
