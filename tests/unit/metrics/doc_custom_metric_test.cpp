// SPDX-License-Identifier: Apache-2.0
// The custom-metric example of docs/metrics.md, compiled and checked: a user metric built on the
// standard values flows through a Hana metric set next to standard metrics.
#include "catch.hpp"

#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>

#include <optional>
#include <string_view>

namespace {
struct chars_per_token {  // as in docs/metrics.md
  static constexpr std::string_view tag = "chars_per_token", header = "Characters per Token", unit = "chars";
  std::optional<double> compute(aiperf::record_view const& r) const {
    auto osl = r.standard(aiperf::metrics::slot::output_token_count);
    if (!osl || *osl == 0) return std::nullopt;
    return static_cast<double>(r.record.content.size()) / *osl;
  }
};

aiperf::request_record streamed(std::int64_t first_ns, std::string_view a, std::string_view b) {
  aiperf::request_record r;
  r.start_ns = 0;
  for (auto [t, text] : {std::pair{first_ns, a}, std::pair{first_ns + 4'000'000, b}}) {
    aiperf::response_chunk c;
    c.recv_ns = t;
    c.content_bytes = static_cast<std::uint32_t>(text.size());
    r.content += text;
    r.chunks.push_back(c);
  }
  return r;
}
}  // namespace

TEST_CASE("docs/metrics.md custom metric: values flow into the set's summary", "[metrics][custom]") {
  // One token per byte pair: a deterministic counter for the test.
  const aiperf::metrics::token_counter count = [](std::string_view s) { return (s.size() + 1) / 2; };
  auto set = aiperf::make_metric_set(aiperf::metrics::ttft{}, chars_per_token{});
  static_assert(decltype(set)::size() == 2);
  const aiperf::request_record recs[] = {streamed(10'000'000, "abcd", "efgh"),   // 8 chars, 4 tokens
                                         streamed(30'000'000, "abc", "def")};    // 6 chars, 3 tokens
  for (auto const& r : recs) {
    const auto v = aiperf::metrics::compute_record(r, count, {.streaming = true});
    set.observe(aiperf::record_view{r, v});
  }
  const auto sums = set.summarize();
  REQUIRE(sums.size() == 2);
  CHECK(sums[0].tag == "time_to_first_token");
  CHECK(sums[0].unit == "ms");
  CHECK(sums[0].dist.avg == Approx(20.0));  // (10 + 30) / 2 ms
  CHECK(sums[1].tag == "chars_per_token");
  CHECK(sums[1].dist.count == 2);
  CHECK(sums[1].dist.min == 2.0);
  CHECK(sums[1].dist.max == 2.0);
  const auto table = aiperf::render_metric_table(sums, "custom");
  CHECK(table.find("Characters per Token (chars)") != std::string::npos);
  CHECK(table.find("20.00") != std::string::npos);
}
