// SPDX-License-Identifier: Apache-2.0
// Tests' tiny blocking HTTP/1.1 client on raw sockets (independent of aiperf's transport) and
// an in-process aiperf-mock-server fixture.
#pragma once
#include "../../../apps/mock_server/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mock_test {

namespace mock = aiperf::mock;

/// Runs a server on 127.0.0.1:0 in the background for one test.
struct embedded_server {
  std::unique_ptr<mock::server> srv;
  explicit embedded_server(mock::server_config cfg = {}) {
    cfg.host = "127.0.0.1";
    cfg.port = 0;
    cfg.quiet = true;
    srv = std::make_unique<mock::server>(std::move(cfg));
    srv->start();
  }
  ~embedded_server() { srv->stop(); }
  [[nodiscard]] std::uint16_t port() const { return srv->port(); }
};

struct response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // de-chunked
  bool complete = false;                       // full body (or terminal chunk) received
  bool eof = false;                            // orderly close seen
  bool reset = false;                          // ECONNRESET seen
  std::vector<std::string> events;             // SSE events (raw text between blank lines)
  std::vector<std::int64_t> event_ns;          // steady arrival of each event
  std::int64_t head_ns = 0;

  /// data: payloads of the events, in order.
  [[nodiscard]] std::vector<std::string> data() const {
    std::vector<std::string> out;
    for (const auto& e : events) {
      std::string_view v = e;
      while (!v.empty()) {
        auto nl = v.find('\n');
        auto line = v.substr(0, nl);
        if (line.substr(0, 6) == "data: ") out.emplace_back(line.substr(6));
        v = nl == std::string_view::npos ? std::string_view{} : v.substr(nl + 1);
      }
    }
    return out;
  }
};

/// The last data: payload, or "" when there is none (never UB on an empty stream).
inline std::string last_data(const response& r) {
  auto d = r.data();
  return d.empty() ? std::string() : d.back();
}

inline std::size_t count_occurrences(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

class raw_client {
 public:
  explicit raw_client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};  // bounded: a test never waits forever
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect failed");
  }
  ~raw_client() {
    if (fd_ >= 0) ::close(fd_);
  }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  void send_raw(std::string_view s) {
    while (!s.empty()) {
      auto n = ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      s.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  static std::string request(std::string_view method, std::string_view path, std::string_view body = {},
                             std::string_view extra_headers = {}) {
    std::string r = std::string(method) + " " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.empty() || method == "POST")
      r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    r += extra_headers;
    r += "\r\n";
    r += body;
    return r;
  }

  response post(std::string_view path, std::string_view body, std::string_view extra_headers = {}) {
    send_raw(request("POST", path, body, extra_headers));
    return read_response();
  }
  response get(std::string_view path) {
    send_raw(request("GET", path));
    return read_response();
  }

  /// Reads one response; stops at its end, at EOF, at a reset or after the 10 s receive timeout.
  response read_response() {
    response r;
    for (;;) {
      if (try_complete(r)) return r;
      char tmp[65536];
      const auto n = ::recv(fd_, tmp, sizeof tmp, 0);
      const auto now = aiperf::steady_ns();
      if (n == 0) {
        r.eof = true;
        try_complete(r);
        return r;
      }
      if (n < 0) {
        if (errno == EINTR) continue;
        r.reset = errno == ECONNRESET;
        try_complete(r);
        return r;
      }
      buf_.append(tmp, static_cast<std::size_t>(n));
      stamp_ = now;
    }
  }

 private:
  // Parses what is buffered; new SSE events get the stamp of the read that completed them.
  bool try_complete(response& r) {
    const auto he = buf_.find("\r\n\r\n");
    if (he == std::string::npos) return false;
    if (r.status == 0) {
      r.head_ns = stamp_;
      r.status = std::stoi(buf_.substr(9, 3));
      std::string_view rest(buf_.data(), he);
      rest.remove_prefix(rest.find("\r\n") + 2);
      while (!rest.empty()) {
        auto e = rest.find("\r\n");
        auto line = rest.substr(0, e);
        auto c = line.find(':');
        std::string name(line.substr(0, c));
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto v = line.substr(c + 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        r.headers[name] = std::string(v);
        rest = e == std::string_view::npos ? std::string_view{} : rest.substr(e + 2);
      }
    }
    const std::size_t start = he + 4;
    std::size_t used = 0;
    bool done = false;
    std::string body;
    if (r.headers.count("transfer-encoding")) {
      std::size_t pos = start;
      for (;;) {
        auto le = buf_.find("\r\n", pos);
        if (le == std::string::npos) break;
        const std::size_t size = std::stoul(buf_.substr(pos, le - pos), nullptr, 16);
        if (size == 0) {
          if (buf_.size() >= le + 4) {
            done = true;
            used = le + 4;
          }
          break;
        }
        if (buf_.size() < le + 2 + size + 2) break;
        body.append(buf_, le + 2, size);
        pos = le + 2 + size + 2;
      }
    } else if (r.status >= 200 && !r.headers.count("content-length") && r.status != 204 && r.status != 304) {
      // Close-delimited body (HTTP/1.0 style): it ends at EOF.
      body = buf_.substr(start);
      if (r.eof) {
        done = true;
        used = buf_.size();
      }
    } else {
      const std::size_t len = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
      body = buf_.substr(start, std::min(len, buf_.size() - start));
      if (buf_.size() - start >= len) {
        done = true;
        used = start + len;
      }
    }
    // SSE events seen so far.
    std::size_t p = 0, k = 0;
    for (auto q = body.find("\n\n"); q != std::string::npos; q = body.find("\n\n", p), ++k) {
      if (k >= r.events.size()) {
        r.events.push_back(body.substr(p, q - p));
        r.event_ns.push_back(stamp_);
      }
      p = q + 2;
    }
    r.body = std::move(body);
    if (done) {
      r.complete = true;
      buf_.erase(0, used);  // keep pipelined bytes of the next response
    }
    return done;
  }

  int fd_ = -1;
  std::string buf_;
  std::int64_t stamp_ = 0;
};

/// Builds a chat body.
inline std::string chat_body(int max_tokens, bool stream, bool include_usage = false, std::string_view extra = {}) {
  std::string b = R"({"model":"m","messages":[{"role":"user","content":"Hello there, mock!"}])";
  if (max_tokens >= 0) b += R"(,"max_completion_tokens":)" + std::to_string(max_tokens);
  if (stream) b += R"(,"stream":true)";
  if (include_usage) b += R"(,"stream_options":{"include_usage":true})";
  b += extra;
  b += '}';
  return b;
}

}  // namespace mock_test
