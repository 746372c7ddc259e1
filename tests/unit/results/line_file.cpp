// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/line_file.hpp: profile_export.jsonl is flushed on a timer and
// only ever holds complete lines, even when the disk fills up (issue #12 items 5 and 6).
#include "catch.hpp"
#include "file_size_limit.hpp"
#include "temp_dir.hpp"

#include <aiperf/results/line_file.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

using namespace aiperf;

namespace {
std::string line(int i) { return "{\"record\":" + std::to_string(i) + ",\"pad\":\"xxxxxxxxxxxxxxxx\"}\n"; }  // 38 bytes for i < 10
}  // namespace

TEST_CASE("line_file: appended lines reach the file on the timer, without another append or close", "[results][line_file]") {
  aiperf_test::temp_dir tmp;
  const auto path = tmp / "profile_export.jsonl";
  results::line_file f;
  f.open(path.string());
  f.append(line(1));
  // No further append: before the timer, the line waited in a buffer for the next record (a
  // stalled server held it back indefinitely).  Poll with a generous bound; no timing assertion.
  std::string seen;
  for (int i = 0; i < 500 && seen.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    seen = aiperf_test::read_file(path);
  }
  CHECK(seen == line(1));
  f.append(line(2));
  f.close();
  CHECK(aiperf_test::read_file(path) == line(1) + line(2));
  CHECK_FALSE(f.error());
}

TEST_CASE("line_file: a full disk leaves only complete lines and names the file", "[results][line_file]") {
  aiperf_test::temp_dir tmp;
  const auto path = tmp / "profile_export.jsonl";
  results::line_file f;
  {
    aiperf_test::file_size_limit limit(200);  // room for five lines and part of a sixth
    f.open(path.string());
    for (int i = 0; i < 10; ++i) f.append(line(i));
    f.close();
  }
  const std::string text = aiperf_test::read_file(path);
  REQUIRE(f.error());
  CHECK(f.error()->find("cannot write " + path.string() + ": File too large") == 0);
  CHECK(f.error()->find("the first 5 records") != std::string::npos);
  CHECK(text == line(0) + line(1) + line(2) + line(3) + line(4));  // cut back to the last complete line
  CHECK(text.back() == '\n');
}

TEST_CASE("line_file: an unwritable path is refused when opened", "[results][line_file]") {
  aiperf_test::temp_dir tmp;
  results::line_file f;
  CHECK_THROWS_WITH(f.open((tmp / "no-such-dir/x.jsonl").string()),
                    Catch::StartsWith("cannot write " + (tmp / "no-such-dir/x.jsonl").string()));
  CHECK_FALSE(f.is_open());
}
