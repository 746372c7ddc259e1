// SPDX-License-Identifier: Apache-2.0
// Reliability tests of http_client (issue 12, docs/reliability.md): descriptor exhaustion, the
// per-response byte cap, transfer codings it does not decode, close-delimited ends.
#include "catch.hpp"
#include "test_server.hpp"

#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/http_request.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

using namespace aiperf;
using aiperf_test::server_conn;
using aiperf_test::test_server;

namespace {

struct fault_recorder : http_response_handler {
  std::string body;
  bool completed = false;
  bool close_delimited = false;
  std::optional<error_info> error;
  void on_sent(std::int64_t) override {}
  void on_headers(int, std::string_view, std::int64_t) override {}
  void on_body(std::string_view b, std::int64_t) override { body.append(b); }
  void on_close_delimited_end() override { close_delimited = true; }
  void on_complete(std::int64_t) override { completed = true; }
  void on_error(error_info e, std::int64_t) override { error = std::move(e); }
};

url local(unsigned short port) { return parse_url("http://127.0.0.1:" + std::to_string(port)); }

std::string request_for(url const& u) {
  return build_http_request("POST", u.host_header(), "/v1/x", {}, "application/json", "{}", {.streaming = true});
}

void run(asio::io_context& io) {
  io.restart();
  io.run_for(std::chrono::seconds(10));  // bounded: every test finishes well before this
}

/// Lowers the soft descriptor limit and fills every free descriptor; restores both on exit.
class descriptors_exhausted {
 public:
  descriptors_exhausted() {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit low = saved_;
    low.rlim_cur = std::min<rlim_t>(saved_.rlim_cur, 512);  // a few hundred opens, not a million
    ::setrlimit(RLIMIT_NOFILE, &low);
    for (;;) {
      const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (fd < 0) break;
      fds_.push_back(fd);
    }
  }
  ~descriptors_exhausted() {
    for (int fd : fds_) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &saved_);
  }
  [[nodiscard]] std::size_t filled() const { return fds_.size(); }

 private:
  rlimit saved_{};
  std::vector<int> fds_;
};

}  // namespace

TEST_CASE("descriptor exhaustion names EMFILE and ulimit -n, not 'Operation aborted'", "[transport][reliability]") {
#if defined(__SANITIZE_ADDRESS__)
  // The sanitizer runtimes need descriptors of their own (UBSan's vptr check opens a pipe to
  // probe memory), so with every descriptor taken they report errors that are not there.  The
  // normal build runs this, and tests/integration/transport_faults.sh covers it end to end.
  WARN("skipped in a sanitizer build: its runtime needs free descriptors");
  return;
#endif
  asio::io_context io;
  const url u = local(9);  // never reached: the socket cannot even be created
  http_client client(io, u, client_options{});
  const std::string req = request_for(u);
  fault_recorder h;
  {
    // Asio creates its reactor (epoll, eventfd) with the first socket: before the exhaustion.
    asio::ip::tcp::socket warm(io);
    warm.open(asio::ip::tcp::v4());
    warm.close();
    descriptors_exhausted full;
    REQUIRE(full.filled() > 0);
    client.send(req, h);
    run(io);
  }
  REQUIRE(h.error);
  CHECK(h.error->type == "TooManyOpenFilesError");
  CHECK_THAT(h.error->message, Catch::Contains("EMFILE") && Catch::Contains("ulimit -n"));
  CHECK_THAT(h.error->message, !Catch::Contains("aborted"));
  CHECK(client.in_flight() == 0);
}

TEST_CASE("the per-response byte cap ends an endless stream with an error naming it", "[transport][reliability]") {
  test_server srv([](server_conn& c, int) {
    if (!c.read_request()) return;
    c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string event = "data: " + std::string(65536 - 8, 'z') + "\n\n";
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", event.size());
    // Far more than the cap; the writes fail once the client closes, which ends the script.
    for (int i = 0; i < 4000; ++i)
      if (!c.write(size + event + "\r\n")) return;
  });
  asio::io_context io;
  const url u = local(srv.port());
  client_options opts;
  opts.max_response_bytes = 1'000'000;
  http_client client(io, u, opts);
  const std::string req = request_for(u);
  fault_recorder h;
  client.send(req, h);
  run(io);
  REQUIRE(h.error);
  CHECK_FALSE(h.completed);
  CHECK(h.error->type == "ResponseTooLargeError");
  CHECK_THAT(h.error->message, Catch::Contains("1000000 bytes") && Catch::Contains("--max-response-bytes"));
  CHECK(h.body.size() == 1'000'000);  // exactly the cap was delivered, nothing past it
  CHECK(client.idle_connections() == 0);  // the connection was closed, not pooled
}

TEST_CASE("Transfer-Encoding other than chunked is refused by name", "[transport][reliability]") {
  for (std::string te : {"gzip, chunked", "gzip"}) {
    DYNAMIC_SECTION(te) {
      test_server srv([te](server_conn& c, int) {
        if (!c.read_request()) return;
        c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: " + te +
                "\r\nConnection: close\r\n\r\n");
        c.write(te == "gzip" ? std::string("\x1f\x8b\x08\x00", 4) : std::string("4\r\n\x1f\x8b\x08\x00\r\n0\r\n\r\n", 14));
      });
      asio::io_context io;
      const url u = local(srv.port());
      http_client client(io, u, client_options{});
      const std::string req = request_for(u);
      fault_recorder h;
      client.send(req, h);
      run(io);
      REQUIRE(h.error);
      CHECK(h.error->type == "ClientPayloadError");
      CHECK_THAT(h.error->message, Catch::Contains("Transfer-Encoding: " + te));
      CHECK(h.body.empty());  // no compressed bytes reach the handler
    }
  }
}

TEST_CASE("a close-delimited body tells the handler it ended with the connection", "[transport][reliability]") {
  const bool close_delimited = GENERATE(true, false);
  test_server srv([close_delimited](server_conn& c, int) {
    if (!c.read_request()) return;
    if (close_delimited) c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: a\n\n");
    else c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 9\r\n\r\ndata: a\n\n");
  });
  asio::io_context io;
  const url u = local(srv.port());
  http_client client(io, u, client_options{});
  const std::string req = request_for(u);
  fault_recorder h;
  client.send(req, h);
  run(io);
  CHECK(h.completed);
  CHECK(h.body == "data: a\n\n");
  CHECK(h.close_delimited == close_delimited);
}
