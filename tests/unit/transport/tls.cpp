// SPDX-License-Identifier: Apache-2.0
// TLS tests: a throwaway CA and server certificates generated with the openssl CLI at test
// time; verification succeeds with ca_file, fails without it, and fails on a name mismatch.
#include "catch.hpp"
#include "test_server.hpp"

#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_request.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

using namespace aiperf;
using aiperf_test::server_conn;
using aiperf_test::test_server;

namespace {

namespace fs = std::filesystem;

// Certificates for one test run: ca.pem, good.{pem,key} (SAN 127.0.0.1 + localhost),
// wrong.{pem,key} (SAN other.example only).
struct cert_dir {
  fs::path dir;
  cert_dir() {
    dir = fs::temp_directory_path() / ("aiperf-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string d = dir.string();
    auto sh = [&](std::string const& cmd) {
      const std::string full = "cd '" + d + "' && " + cmd + " >/dev/null 2>&1";
      if (std::system(full.c_str()) != 0) throw std::runtime_error("openssl failed: " + cmd);
    };
    sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=aiperf test CA'");
    for (auto const& [name, san] : {std::pair<std::string, std::string>{"good", "IP:127.0.0.1,DNS:localhost"},
                                    std::pair<std::string, std::string>{"wrong", "DNS:other.example"}}) {
      std::ofstream(dir / (name + ".ext")) << "subjectAltName=" << san << "\nbasicConstraints=CA:FALSE\n";
      sh("openssl req -newkey rsa:2048 -nodes -keyout " + name + ".key -out " + name + ".csr -subj '/CN=" + name + "'");
      sh("openssl x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -out " + name +
         ".pem -days 2 -extfile " + name + ".ext");
    }
  }
  ~cert_dir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string operator/(std::string const& f) const { return (dir / f).string(); }
};

cert_dir& certs() {
  static cert_dir c;
  return c;
}

asio::ssl::context server_ctx(std::string const& name) {
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.use_certificate_chain_file(certs() / (name + ".pem"));
  ctx.use_private_key_file(certs() / (name + ".key"), asio::ssl::context::pem);
  return ctx;
}

struct recorder final : http_response_handler {
  std::string body;
  bool completed = false;
  std::optional<error_info> error;
  int sent = 0;
  void on_sent(std::int64_t) override { ++sent; }
  void on_headers(int, std::string_view, std::int64_t) override {}
  void on_body(std::string_view b, std::int64_t) override { body.append(b); }
  void on_complete(std::int64_t) override { completed = true; }
  void on_error(error_info e, std::int64_t) override { error = std::move(e); }
};

void serve_ok(server_conn& c, int) {
  while (c.read_request())
    if (!c.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure")) return;
}

recorder one_request(url const& u, client_options const& o) {
  asio::io_context io;
  http_client client(io, u, o);
  const auto wire = build_http_request("POST", u.host_header(), "/v1", {}, "application/json", "{}");
  recorder r;
  client.send(wire, r);
  io.run_for(std::chrono::seconds(10));
  return r;
}

}  // namespace

TEST_CASE("tls: succeeds with the test CA, reuses the TLS connection", "[tls]") {
  auto ctx = server_ctx("good");
  test_server srv(serve_ok, &ctx);
  const auto u = parse_url("https://127.0.0.1:" + std::to_string(srv.port()));
  asio::io_context io;
  http_client client(io, u, {.ca_file = certs() / "ca.pem"});
  const auto wire = build_http_request("POST", u.host_header(), "/v1", {}, "application/json", "{}");
  for (int i = 0; i < 3; ++i) {
    recorder r;
    client.send(wire, r);
    io.restart();
    io.run_for(std::chrono::seconds(10));
    REQUIRE(r.completed);
    CHECK(r.body == "secure");
  }
  CHECK(srv.accepted() == 1);
}

TEST_CASE("tls: DNS name verification through SNI host", "[tls]") {
  auto ctx = server_ctx("good");
  test_server srv(serve_ok, &ctx);
  // "localhost" may resolve to ::1 first; the client falls back to 127.0.0.1.
  const auto r = one_request(parse_url("https://localhost:" + std::to_string(srv.port())),
                             {.ca_file = certs() / "ca.pem"});
  if (r.error) FAIL(r.error->type << ": " << r.error->message);
  CHECK(r.completed);
}

TEST_CASE("tls: unknown CA is a certificate verification error", "[tls][fault]") {
  auto ctx = server_ctx("good");
  test_server srv(serve_ok, &ctx);
  const auto u = parse_url("https://127.0.0.1:" + std::to_string(srv.port()));
  const auto r = one_request(u, {});
  REQUIRE(r.error);
  CHECK(r.sent == 1);
  CHECK(r.error->type == "SSLCertVerificationError");
  CHECK(r.error->message.find("TLS certificate verification failed for " + u.authority() + ": ") == 0);
  INFO(r.error->message);
  CHECK(r.error->message.find("unable to get local issuer certificate") != std::string::npos);
}

TEST_CASE("tls: certificate for another name is rejected", "[tls][fault]") {
  auto ctx = server_ctx("wrong");
  test_server srv(serve_ok, &ctx);
  const auto u = parse_url("https://127.0.0.1:" + std::to_string(srv.port()));
  const auto r = one_request(u, {.ca_file = certs() / "ca.pem"});
  REQUIRE(r.error);
  CHECK(r.error->type == "SSLCertVerificationError");
  CHECK(r.error->message == "TLS certificate verification failed for " + u.authority() + ": IP address mismatch");
}

TEST_CASE("tls: verify_tls=false accepts an untrusted certificate", "[tls]") {
  auto ctx = server_ctx("wrong");
  test_server srv(serve_ok, &ctx);
  const auto r = one_request(parse_url("https://127.0.0.1:" + std::to_string(srv.port())), {.verify_tls = false});
  REQUIRE(r.completed);
  CHECK(r.body == "secure");
}

TEST_CASE("tls: plain HTTP server on a TLS URL is an SSL error, not a hang", "[tls][fault]") {
  test_server srv([](server_conn& c, int) {
    c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  const auto r = one_request(parse_url("https://127.0.0.1:" + std::to_string(srv.port())),
                             {.ca_file = certs() / "ca.pem"});
  REQUIRE(r.error);
  CHECK(r.error->type == "SSLError");
  CHECK(r.error->message.find("TLS handshake with 127.0.0.1:") == 0);
}

TEST_CASE("tls: unreadable ca_file is reported with its path", "[tls]") {
  asio::io_context io;
  try {
    http_client client(io, parse_url("https://127.0.0.1:1"), {.ca_file = "/nonexistent/ca.pem"});
    FAIL("no exception");
  } catch (std::invalid_argument const& e) {
    CHECK(std::string(e.what()).find("ca_file '/nonexistent/ca.pem': cannot load CA certificates") == 0);
  }
}
