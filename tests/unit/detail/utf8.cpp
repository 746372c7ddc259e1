// SPDX-License-Identifier: Apache-2.0
// Tests for aiperf/detail/utf8.hpp: the gate server text passes on its way into artifacts and
// onto the console (issue #12 item 1).
#include <aiperf/detail/utf8.hpp>

#include "catch.hpp"

#include <string>
#include <string_view>

using namespace std::string_view_literals;
namespace d = aiperf::detail;

namespace {
const std::string fffd = "\xEF\xBF\xBD";
}

TEST_CASE("utf8: well-formed text passes unchanged, ASCII controls included", "[detail][utf8]") {
  for (std::string_view s : {""sv, "plain ascii"sv, "caf\xC3\xA9"sv, "\xE2\x82\xAC 20"sv, "\xF0\x9F\x98\x80"sv,
                             "\xF4\x8F\xBF\xBF"sv /* U+10FFFF */, "NUL[\0] ESC[\x1b]"sv}) {
    INFO(s);
    CHECK(d::is_valid_utf8(s));
    CHECK(d::valid_utf8(s) == s);
  }
  CHECK(d::utf8_sequence_length("\xE2\x82\xAC") == 3);
  CHECK(d::utf8_sequence_length("\xF0\x9F\x98\x80") == 4);
}

TEST_CASE("utf8: ill-formed sequences become U+FFFD per maximal subpart", "[detail][utf8]") {
  struct row {
    std::string_view in;
    std::string out;
  };
  const row rows[] = {
      {"a\xFF" "b", "a" + fffd + "b"},                        // never valid
      {"\x80", fffd},                                         // stray continuation byte
      {"\xC0\xAF", fffd + fffd},                              // overlong '/' (C0 is never valid)
      {"\xE0\x80\xAF", fffd + fffd + fffd},                   // overlong three-byte form
      {"\xF0\x80\x80\xAF", fffd + fffd + fffd + fffd},        // overlong four-byte form
      {"\xED\xA0\x80", fffd + fffd + fffd},                   // surrogate U+D800
      {"\xED\xBF\xBF", fffd + fffd + fffd},                   // surrogate U+DFFF
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},        // above U+10FFFF
      {"\xF5\x80", fffd + fffd},                              // lead byte past F4
      {"x\xE2\x82", "x" + fffd},                              // truncated at the end: one U+FFFD
      {"\xE2\x82x", fffd + "x"},                              // truncated before ASCII
      {"\xF0\x9F\x98", fffd},                                 // truncated four-byte form
      {"\xE2\x82\xE2\x82\xAC", fffd + "\xE2\x82\xAC"},        // truncated, then a valid euro sign
  };
  for (auto const& r : rows) {
    INFO(r.in);
    CHECK_FALSE(d::is_valid_utf8(r.in));
    CHECK(d::utf8_sequence_length(r.in) == (r.in.front() == 'a' || r.in.front() == 'x' ? 1u : 0u));
    const std::string fixed = d::valid_utf8(r.in);
    CHECK(fixed == r.out);
    CHECK(d::is_valid_utf8(fixed));
  }
  std::string s = "ok \xFF";
  d::make_valid_utf8(s);
  CHECK(s == "ok " + fffd);
}

TEST_CASE("utf8: console_safe shows control characters escaped and cuts long text", "[detail][utf8]") {
  CHECK(d::console_safe("red \x1b[31mX\x1b[0m") == "red \\x1b[31mX\\x1b[0m");
  CHECK(d::console_safe("a\0b"sv) == "a\\x00b");
  CHECK(d::console_safe("bell\x07 del\x7f") == "bell\\x07 del\\x7f");
  CHECK(d::console_safe("csi \xC2\x9B" "2J") == "csi \\u009b2J");  // C1 CSI
  CHECK(d::console_safe("two\nlines\r\tx") == "two lines  x");
  CHECK(d::console_safe("bad \xFF") == "bad " + fffd);
  CHECK(d::console_safe("caf\xC3\xA9") == "caf\xC3\xA9");
  // Cut: at most max_chars characters, the last three being "...", never inside a sequence.
  CHECK(d::console_safe("abcdefgh", 8) == "abcdefgh");
  CHECK(d::console_safe("abcdefghi", 8) == "abcde...");
  CHECK(d::console_safe("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 5) == "\xC3\xA9\xC3\xA9...");
  CHECK(d::console_safe("\x1b\x1b\x1b", 6) == "...");  // an escape is never cut in half
  CHECK(d::is_valid_utf8(d::console_safe("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 3)));
}
