// SPDX-License-Identifier: Apache-2.0
// Differential fuzz of http_response_parser against llhttp (Node's parser, Debian node-llhttp):
// generated responses (every body kind, 1xx, odd-but-valid chunk syntax) fed in random
// splits must give identical status, body, completion and keep-alive; randomly mutated
// responses must be accepted/rejected alike, except for the documented leniencies.
#include "catch.hpp"

#include <aiperf/transport/http_response_parser.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#if defined(AIPERF_HAVE_LLHTTP)
extern "C" {
#include <llhttp.h>
}

using namespace aiperf;

namespace {

struct result {
  bool done = false;
  bool failed = false;
  int status = 0;
  std::string body;
  bool keep_alive = false;
  std::string error;  // ours only; not compared
  friend bool operator==(result const& a, result const& b) {
    return a.done == b.done && a.failed == b.failed && a.status == b.status && a.body == b.body &&
           a.keep_alive == b.keep_alive;
  }
};
std::ostream& operator<<(std::ostream& os, result const& r) {
  return os << "{done=" << r.done << " failed=" << r.failed << " status=" << r.status
            << " body=" << r.body.size() << "B keep_alive=" << r.keep_alive << "}";
}

std::string escaped(std::string_view s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == '\r') o += "\\r";
    else if (c == '\n') o += "\\n\n";
    else if (c == '\t') o += "\\t";
    else if (c < 0x20 || c >= 0x7f) {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02x", c);
      o += b;
    } else o += static_cast<char>(c);
  }
  return o;
}

std::vector<std::string_view> split(std::string_view s, std::vector<std::size_t> const& cuts) {
  std::vector<std::string_view> out;
  std::size_t prev = 0;
  for (auto c : cuts) {
    out.push_back(s.substr(prev, c - prev));
    prev = c;
  }
  out.push_back(s.substr(prev));
  return out;
}

// llhttp: stop at the first final (>= 200) message; 1xx messages are skipped like ours.
struct ref_state {
  result r;
  bool final_seen = false;
};
int ref_on_headers(llhttp_t* p) {
  auto* st = static_cast<ref_state*>(p->data);
  if (p->status_code >= 200) {
    st->final_seen = true;
    st->r.status = p->status_code;
  }
  return 0;
}
int ref_on_body(llhttp_t* p, const char* at, size_t n) {
  auto* st = static_cast<ref_state*>(p->data);
  if (st->final_seen) st->r.body.append(at, n);
  return 0;
}
int ref_on_complete(llhttp_t* p) {
  auto* st = static_cast<ref_state*>(p->data);
  if (!st->final_seen) return 0;
  st->r.done = true;
  st->r.keep_alive = llhttp_should_keep_alive(p) != 0;
  return HPE_PAUSED;
}

result run_llhttp(std::vector<std::string_view> const& pieces, bool eof) {
  llhttp_settings_t settings;
  llhttp_settings_init(&settings);
  settings.on_headers_complete = ref_on_headers;
  settings.on_body = ref_on_body;
  settings.on_message_complete = ref_on_complete;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_RESPONSE, &settings);
  ref_state st;
  parser.data = &st;
  for (auto piece : pieces) {
    const auto err = llhttp_execute(&parser, piece.data(), piece.size());
    if (err == HPE_PAUSED) break;
    if (err != HPE_OK) {
      st.r.failed = true;
      break;
    }
  }
  if (eof && !st.r.done && !st.r.failed) {
    const auto err = llhttp_finish(&parser);
    if (err != HPE_OK && err != HPE_PAUSED) st.r.failed = true;
    if (!st.r.done) st.r.failed = true;  // EOF without a complete message
  }
  if (!st.r.done) st.r.keep_alive = false;
  return st.r;
}

result run_ours(std::vector<std::string_view> const& pieces, bool eof) {
  http_response_parser p;
  p.reset();
  result r;
  for (auto piece : pieces) {
    p.feed(piece, [&] { r.status = p.status(); }, [&](std::string_view b) { r.body.append(b); });
    if (p.done() || p.failed()) break;
  }
  if (eof && !p.done() && !p.failed()) p.eof();
  r.done = p.done();
  r.failed = p.failed() || (eof && !p.done());
  r.keep_alive = p.keep_alive();
  r.error = std::string(p.error());
  return r;
}

// A random valid response (RFC 9112), using only syntax both parsers must accept.
struct generated {
  std::string wire;
  bool needs_eof = false;  // close-delimited
};
generated make_response(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  generated g;
  std::string& w = g.wire;
  if (pick(6) == 0) w += "HTTP/1.1 100 Continue\r\n\r\n";
  if (pick(10) == 0) w += "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n";
  static const int statuses[] = {200, 200, 200, 201, 204, 304, 400, 404, 429, 500, 503};
  const int status = statuses[pick(11)];
  const bool http10 = pick(12) == 0;
  w += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  w += std::to_string(status);
  if (pick(5) != 0) w += " Some Reason";
  w += "\r\n";
  static const char* names[] = {"Content-Type", "content-type", "X-Request-Id", "Server", "Date", "Cache-Control"};
  for (int i = pick(4); i > 0; --i) w += std::string(names[pick(6)]) + ": value-" + std::to_string(pick(1000)) + "\r\n";
  const int conn = pick(4);
  if (conn == 1) w += "Connection: close\r\n";
  if (conn == 2) w += "Connection: keep-alive\r\n";
  std::string body;
  for (int i = pick(3) == 0 ? 0 : 1 + pick(300); i > 0; --i) body += static_cast<char>('a' + pick(26));
  const bool no_body = status == 204 || status == 304;
  const int kind = pick(3);  // 0 length, 1 chunked, 2 close
  if (no_body) {
    w += "\r\n";
  } else if (kind == 0) {
    w += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  } else if (kind == 1 && !http10) {
    w += "Transfer-Encoding: chunked\r\n\r\n";
    std::size_t pos = 0;
    while (pos < body.size()) {
      const std::size_t n = std::min<std::size_t>(body.size() - pos, 1 + static_cast<std::size_t>(pick(64)));
      char hex[32];
      std::snprintf(hex, sizeof hex, pick(2) ? "%zx" : "%zX", n);
      if (pick(8) == 0) w += "00";
      w += hex;
      if (pick(6) == 0) w += ";ext=" + std::to_string(pick(9));
      w += "\r\n" + body.substr(pos, n) + "\r\n";
      pos += n;
    }
    w += "0\r\n";
    if (pick(4) == 0) w += "X-Trailer: t\r\n";
    w += "\r\n";
  } else {
    w += "\r\n" + body;
    g.needs_eof = true;
  }
  return g;
}

std::vector<std::size_t> random_cuts(std::mt19937& rng, std::size_t size) {
  std::vector<std::size_t> cuts;
  if (size < 2) return cuts;
  const int n = static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) cuts.push_back(1 + rng() % (size - 1));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

}  // namespace

TEST_CASE("llhttp differential: generated valid responses agree exactly", "[parser][llhttp]") {
  std::mt19937 rng(12345);
  for (int i = 0; i < 4000; ++i) {
    const auto g = make_response(rng);
    const auto cuts = random_cuts(rng, g.wire.size());
    const auto pieces = split(g.wire, cuts);
    const auto ref = run_llhttp(pieces, g.needs_eof);
    const auto ours = run_ours(pieces, g.needs_eof);
    INFO("case " << i << "\n" << g.wire);
    REQUIRE(ref.done);
    REQUIRE(ours == ref);
    // one byte at a time as well (every 50th case: it is slow for the reference)
    if (i % 50 == 0) {
      std::vector<std::size_t> every;
      for (std::size_t k = 1; k < g.wire.size(); ++k) every.push_back(k);
      REQUIRE(run_ours(split(g.wire, every), g.needs_eof) == ref);
    }
  }
}

namespace {
// Ours accepts where llhttp 8 rejects: only the documented leniencies of http_response_parser.
bool documented_leniency(std::string const& w) {
  // TE + CL: RFC 9112 §6.3 lets a client honour TE (and not reuse); llhttp 8 rejects it.
  if (w.find("Transfer-Encoding") != std::string::npos && w.find("Content-Length") != std::string::npos) return true;
  // Trailing HTAB in a field value is OWS (RFC 9110 §5.5); llhttp 8 rejects it in Content-Length.
  if (w.find("\t\r\n") != std::string::npos) return true;
  // Interim 1xx responses are skipped whatever their version; llhttp ends an HTTP/1.0 1xx connection.
  if (w.find("HTTP/1.0 1") != std::string::npos) return true;
  // Bare LF line ends in the header section.
  for (std::size_t i = 0; i < w.size(); ++i)
    if (w[i] == '\n' && (i == 0 || w[i - 1] != '\r')) return true;
  return false;
}
// Ours rejects where llhttp's loose (default) mode accepts: input outside RFC 9112 grammar.
bool stricter_rejection(std::string_view error) {
  static constexpr std::string_view strict[] = {
      "invalid character in header name", "invalid character in header value",
      "invalid character in reason phrase", "obsolete header line folding is not supported",
      "malformed header line", "malformed status line", "malformed status code",
      "expected CRLF after chunk data", "expected CRLF after chunk size", "expected LF after chunk size",
      "invalid character in chunk extension", "invalid character in chunk size",
      "invalid character in trailer field name", "invalid character in trailer field value",
      "malformed trailer line", "expected CRLF in trailer section", "invalid Content-Length",
      "duplicate Content-Length header", "empty line before status line",
      "bare CR in response header section", "unexpected 101 Switching Protocols"};
  for (auto s : strict)
    if (error == s) return true;
  return false;
}
}  // namespace

TEST_CASE("llhttp differential: mutated responses are accepted or rejected alike", "[parser][llhttp]") {
  std::mt19937 rng(777);
  int compared = 0, ours_lenient = 0, ours_stricter = 0;
  for (int i = 0; i < 20000; ++i) {
    auto g = make_response(rng);
    std::string w = g.wire;
    const int edits = 1 + static_cast<int>(rng() % 3);
    static const char alphabet[] = "\r\n :;0aF-\t\x7f\x01HTP/1.2GZ";
    for (int e = 0; e < edits && !w.empty(); ++e) {
      const std::size_t pos = rng() % w.size();
      switch (rng() % 3) {
        case 0: w[pos] = alphabet[rng() % (sizeof alphabet - 1)]; break;
        case 1: w.insert(w.begin() + static_cast<std::ptrdiff_t>(pos), alphabet[rng() % (sizeof alphabet - 1)]); break;
        default: w.erase(pos, 1); break;
      }
    }
    const auto pieces = split(w, random_cuts(rng, w.size()));
    const auto ref = run_llhttp(pieces, true);
    const auto ours = run_ours(pieces, true);
    // Compare the verdict and, when both accept, the decoded response.
    const bool same = ref.failed == ours.failed && ref.done == ours.done &&
                      (!ref.done || (ref.status == ours.status && ref.body == ours.body));
    if (!same) {
      if (ours.done && !ref.done && documented_leniency(w)) {
        ++ours_lenient;
        continue;
      }
      if (ours.done && ref.done && (ref.status == 204 || ref.status == 304) && ours.body.empty() &&
          !ref.body.empty()) {
        ++ours_lenient;  // 204/304 never have a body (RFC 9110); llhttp 8 reads a chunked one
        continue;
      }
      if (ours.failed && ref.done && stricter_rejection(ours.error)) {
        ++ours_stricter;
        continue;
      }
      INFO("case " << i << " llhttp=" << ref << " ours=" << ours << " (" << ours.error << ")\n---\n"
                   << escaped(w) << "\n---");
      CHECK(same);
    }
    ++compared;
  }
  CHECK(compared > 10000);  // the exclusions must stay a minority
  WARN("mutated cases: " << compared << " identical verdicts; " << ours_lenient
       << " differ by a documented leniency of ours; " << ours_stricter
       << " rejected by ours only (outside RFC 9112 grammar, accepted by llhttp's loose mode)");
}

#else

TEST_CASE("llhttp differential: reference parser available", "[parser][llhttp]") {
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true")
    FAIL("llhttp sources missing: install Debian node-llhttp (scripts/install-deps.sh) and reconfigure");
  WARN("llhttp sources missing (apt-get install node-llhttp); differential test skipped locally");
}

#endif
