// SPDX-License-Identifier: Apache-2.0
// Tests for the WHATWG SSE framer and the AIPerf SSE error check.
#include "catch.hpp"

#include <aiperf/transport/sse.hpp>
#include <aiperf/transport/sse_error.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

using namespace aiperf;

namespace {
struct ev {
  std::string event, data, id, comment;
  bool has_data;
  friend bool operator==(ev const&, ev const&) = default;
};
std::ostream& operator<<(std::ostream& os, ev const& e) {
  return os << "{event=" << e.event << " data=" << e.data << " id=" << e.id << " comment=" << e.comment
            << " has_data=" << e.has_data << "}";
}

std::vector<ev> frame(std::vector<std::string_view> const& pieces, bool finish = true) {
  sse_framer f;
  std::vector<ev> out;
  auto cb = [&](sse_event const& e) {
    out.push_back({std::string(e.event), std::string(e.data), std::string(e.id), std::string(e.comment), e.has_data});
  };
  for (auto p : pieces) f.feed(p, cb);
  if (finish) f.finish(cb);
  return out;
}
std::vector<ev> frame1(std::string_view s, bool finish = true) { return frame({s}, finish); }

// The same events for every split into two and for one byte at a time.
void check_splits(std::string_view s, std::vector<ev> const& expected) {
  REQUIRE(frame1(s) == expected);
  for (std::size_t i = 1; i < s.size(); ++i) {
    INFO("split at " << i);
    REQUIRE(frame({s.substr(0, i), s.substr(i)}) == expected);
  }
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < s.size(); ++i) bytes.push_back(s.substr(i, 1));
  REQUIRE(frame(bytes) == expected);
}
}  // namespace

TEST_CASE("sse: LF, CRLF and CR line ends", "[sse]") {
  const std::vector<ev> two{{"", "a", "", "", true}, {"", "b", "", "", true}};
  check_splits("data: a\n\ndata: b\n\n", two);
  check_splits("data: a\r\n\r\ndata: b\r\n\r\n", two);
  check_splits("data: a\r\rdata: b\r\r", two);
  check_splits("data: a\r\n\ndata: b\n\r\n", two);  // mixed
}

TEST_CASE("sse: multi-line data joined with LF -- one leading space stripped", "[sse]") {
  check_splits("data:first\ndata:  second\ndata\ndata:\n\n", {{"", "first\n second\n\n", "", "", true}});
}

TEST_CASE("sse: comments, event, id, retry -- unknown fields ignored", "[sse]") {
  sse_framer f;
  std::vector<ev> out;
  auto cb = [&](sse_event const& e) {
    out.push_back({std::string(e.event), std::string(e.data), std::string(e.id), std::string(e.comment), e.has_data});
  };
  f.feed(": ping\n\nevent: delta\nid: 7\nretry: 1500\nfoo: bar\n: note\ndata: {\"x\":1}\n\ndata: next\n\n", cb);
  REQUIRE(out.size() == 2);  // the comment-only block is not an event
  CHECK(out[0] == ev{"delta", "{\"x\":1}", "7", "note", true});
  CHECK(out[1] == ev{"", "next", "7", "", true});  // last event id persists, type resets
  CHECK(f.retry_ms() == 1500);
  using namespace std::string_view_literals;
  f.feed("retry: 12x\nid: a\0b\ndata: z\n\n"sv, cb);
  REQUIRE(out.size() == 3);
  CHECK(out[2].id == "7");  // id with NUL ignored
  CHECK(f.retry_ms() == 1500);  // non-digit retry ignored
}

TEST_CASE("sse: field without colon, empty id resets, no-space value", "[sse]") {
  check_splits("id: 1\ndata\n\nid\ndata:x\n\n", {{"", "", "1", "", true}, {"", "x", "", "", true}});
}

TEST_CASE("sse: several events in one feed and events split across feeds", "[sse]") {
  const std::string s = "event: a\ndata: 1\n\nevent: b\ndata: 2\n\n: c\nevent: c\ndata: 3\r\n\r\n";
  check_splits(s, {{"a", "1", "", "", true}, {"b", "2", "", "", true}, {"c", "3", "", "c", true}});
}

TEST_CASE("sse: final event without blank line is flushed by finish()", "[sse]") {
  CHECK(frame1("data: a\n\ndata: tail", false) == std::vector<ev>{{"", "a", "", "", true}});
  check_splits("data: a\n\ndata: tail", {{"", "a", "", "", true}, {"", "tail", "", "", true}});
  check_splits("data: a\n\ndata: tail\n", {{"", "a", "", "", true}, {"", "tail", "", "", true}});
}

TEST_CASE("sse: leading BOM dropped, only at stream start", "[sse]") {
  check_splits("\xEF\xBB\xBF" "data: x\n\n", {{"", "x", "", "", true}});
  // A partial BOM is ordinary text: the field name is then not "data".
  check_splits("\xEF\xBB" "data: x\n\ndata: y\n\n", {{"", "y", "", "", true}});
}

TEST_CASE("sse: event type without data is dispatched with has_data=false", "[sse]") {
  check_splits("event: error\n: upstream failed\n\n", {{"error", "", "", "upstream failed", false}});
}

TEST_CASE("sse: CR at the end of one feed and LF at the start of the next is one line end", "[sse]") {
  CHECK(frame({"data: a\r", "\ndata: b\r", "\n\r", "\n"}) == std::vector<ev>{{"", "a\nb", "", "", true}});
}

TEST_CASE("sse: no allocation in steady state (buffer capacity is reused)", "[sse]") {
  sse_framer f;
  std::size_t n = 0;
  const std::string chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}\n\n";
  for (int i = 0; i < 1000; ++i) {
    f.feed(std::string_view(chunk).substr(0, 20), [&](sse_event const&) { ++n; });
    f.feed(std::string_view(chunk).substr(20), [&](sse_event const& e) {
      ++n;
      CHECK(e.data == "{\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}");
    });
  }
  CHECK(n == 1000);
}

TEST_CASE("sse: oversized events set overflowed()", "[sse]") {
  sse_framer f(64);
  int n = 0;
  f.feed("data: " + std::string(100, 'x') + "\n\n", [&](sse_event const&) { ++n; });
  CHECK(f.overflowed());
  CHECK(n == 0);
  f.reset();
  f.feed("data: ok\n\n", [&](sse_event const&) { ++n; });
  CHECK(n == 1);
}

namespace {
std::optional<sse_error> err_of(std::string_view s) {
  std::optional<sse_error> r;
  bool seen = false;
  sse_framer f;
  auto cb = [&](sse_event const& e) {
    if (!seen) r = check_sse_error(e);
    seen = true;
  };
  f.feed(s, cb);
  f.finish(cb);
  return r;
}
}  // namespace

TEST_CASE("sse error check: AIPerf rules", "[sse][error]") {
  CHECK_FALSE(err_of("data: {\"choices\":[{\"delta\":{\"content\":\"error\"}}]}\n\n"));
  CHECK_FALSE(err_of("data: [DONE]\n\n"));
  CHECK_FALSE(err_of("data: {\"error\": null}\n\n"));
  CHECK(err_of("data: {\"error\":{\"code\":429,\"message\":\"rate limited\"}}\n\n") ==
        sse_error{429, "Error occurred in SSE response: rate limited"});
  CHECK(err_of("data: {\"error\":{\"code\":200,\"message\":\"odd\"}}\n\n") ==
        sse_error{502, "Error occurred in SSE response: odd"});
  CHECK(err_of("data: {\"error\":{\"code\":\"500\",\"type\":\"x\"}}\n\n") ==
        sse_error{502, "Error occurred in SSE response: {\"code\":\"500\",\"type\":\"x\"}"});
  CHECK(err_of("data: {\"error\":\"boom\"}\n\n") == sse_error{502, "Error occurred in SSE response: boom"});
  CHECK(err_of("event: error\n: upstream died\n\n") ==
        sse_error{502, "Error occurred in SSE response: upstream died"});
  CHECK(err_of("event: ERROR\ndata: plain text\n\n") ==
        sse_error{502, "Error occurred in SSE response: Unknown error in SSE response: plain text"});
  CHECK(err_of("event: error\ndata: {\"error\":{\"code\":503,\"message\":\"overloaded\"}}\n\n") ==
        sse_error{503, "Error occurred in SSE response: overloaded"});
}
