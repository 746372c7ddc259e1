// SPDX-License-Identifier: Apache-2.0
// Differential test of sse_framer against npm eventsource-parser (run under node): random SSE
// streams (all line-end styles, comments, unknown fields, multi-line data, UTF-8, BOM) cut at
// random byte positions must yield the same events.  The package is installed by
// tests/transport/setup.sh; missing → skipped locally, FAIL when CI=true.
#include "catch.hpp"

#include <aiperf/transport/sse.hpp>

#include <simdjson.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace aiperf;

namespace {

namespace fs = std::filesystem;

fs::path npm_dir() {
  if (const char* d = std::getenv("AIPERF_SSE_NPM"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "aiperf/sse-npm";
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : "/nonexistent") / ".cache/aiperf/sse-npm";
}

bool have_oracle(std::string& why) {
  if (std::system("node --version >/dev/null 2>&1") != 0) {
    why = "node not found";
    return false;
  }
  if (!fs::exists(npm_dir() / "node_modules/eventsource-parser/package.json")) {
    why = "eventsource-parser not installed in " + npm_dir().string() + " (run tests/transport/setup.sh)";
    return false;
  }
  return true;
}

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string o;
  for (unsigned char c : s) {
    o += digits[c >> 4];
    o += digits[c & 15];
  }
  return o;
}

struct ev {
  std::string event, data;
  friend bool operator==(ev const&, ev const&) = default;
};
std::ostream& operator<<(std::ostream& os, ev const& e) { return os << "{" << e.event << "|" << e.data << "}"; }

std::string make_stream(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* texts[] = {"hello", "{\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}", "", " lead", "a:b",
                                "caf\xC3\xA9", "\xF0\x9F\x98\x80 emoji", "[DONE]", "x y z"};
  static const char* eols[] = {"\n", "\r\n", "\r"};
  std::string s;
  if (pick(10) == 0) s += "\xEF\xBB\xBF";
  const int style = pick(4);  // 0..2 one style, 3 mixed
  auto eol = [&] { return eols[style == 3 ? pick(3) : style]; };
  for (int line = 0, n = 1 + pick(30); line < n; ++line) {
    switch (pick(11)) {
      case 0: case 1: case 2: s += std::string("data: ") + texts[pick(9)]; break;
      case 3: s += std::string("data:") + texts[pick(9)]; break;
      case 4: s += "data"; break;
      case 5: s += std::string("event: ") + (pick(2) ? "delta" : "error"); break;
      case 6: s += "id: " + std::to_string(pick(100)); break;
      case 7: s += std::string(": ") + texts[pick(9)]; break;
      case 8: s += pick(2) ? "retry: 100" : "foo: bar"; break;
      default: break;  // blank line: dispatch
    }
    s += eol();
  }
  if (pick(3) == 0) s += "data: tail";  // last event without its blank line
  return s;
}

std::vector<std::string> cut(std::mt19937& rng, std::string const& s) {
  std::vector<std::string> pieces;
  std::size_t pos = 0;
  const bool bytewise = rng() % 10 == 0;
  while (pos < s.size()) {
    const std::size_t n = bytewise ? 1 : 1 + rng() % 16;
    pieces.push_back(s.substr(pos, n));
    pos += n;
  }
  return pieces;
}

}  // namespace

TEST_CASE("sse differential: sse_framer agrees with eventsource-parser", "[sse][eventsource-parser]") {
  std::string why;
  if (!have_oracle(why)) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL("SSE oracle missing in CI: " << why);
    WARN("SSE differential test skipped: " << why);
    return;
  }
  std::mt19937 rng(4242);
  std::vector<std::vector<std::string>> cases;
  for (int i = 0; i < 1500; ++i) cases.push_back(cut(rng, make_stream(rng)));

  const fs::path tmp = fs::temp_directory_path() / ("aiperf-sse-diff-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  {
    std::ofstream in(tmp / "cases.json");
    in << "[";
    for (std::size_t i = 0; i < cases.size(); ++i) {
      in << (i ? "," : "") << "[";
      for (std::size_t k = 0; k < cases[i].size(); ++k) in << (k ? "," : "") << "\"" << hex(cases[i][k]) << "\"";
      in << "]";
    }
    in << "]";
  }
  const std::string script = std::string(AIPERF_TEST_DATA_DIR) + "/transport/sse_oracle.cjs";
  const std::string cmd = "node '" + script + "' '" + npm_dir().string() + "' < '" + (tmp / "cases.json").string() +
                          "' > '" + (tmp / "out.json").string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.load((tmp / "out.json").string()).get(root) == simdjson::SUCCESS);
  simdjson::dom::array all = root.get_array();
  REQUIRE(all.size() == cases.size());
  std::size_t i = 0, total_events = 0;
  for (simdjson::dom::element expected_case : all) {
    std::vector<ev> expected;
    for (simdjson::dom::element e : expected_case.get_array())
      expected.push_back({std::string(e["event"].get_string().value()), std::string(e["data"].get_string().value())});
    std::vector<ev> got;
    sse_framer f;
    auto cb = [&](sse_event const& e) {
      if (e.has_data) got.push_back({std::string(e.event), std::string(e.data)});  // WHATWG view
    };
    for (auto const& piece : cases[i]) f.feed(piece, cb);
    f.finish(cb);
    std::string joined;
    for (auto const& p : cases[i]) joined += p;
    INFO("case " << i << ": " << joined);
    REQUIRE(got == expected);
    total_events += got.size();
    ++i;
  }
  CHECK(total_events > 1000);
  std::error_code ec;
  fs::remove_all(tmp, ec);
}
