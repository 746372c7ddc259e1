// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/{metric_set,standard}.hpp and concepts/metric.hpp.
#include "catch.hpp"

#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>

using namespace aiperf;

namespace {
struct chunk_count {
  static constexpr std::string_view tag = "chunk_count";
  static constexpr std::string_view header = "Chunk Count";
  static constexpr std::string_view unit = "chunks";
  std::optional<double> compute(record_view const& r) const { return static_cast<double>(r.record.chunks.size()); }
};
struct not_a_metric {
  int compute(record_view const&) const { return 0; }
};
}  // namespace

static_assert(Metric<chunk_count>);
static_assert(Metric<metrics::ttft>);
static_assert(!Metric<not_a_metric>);
static_assert(!Metric<int>);

TEST_CASE("a metric set evaluates standard and user metrics per record", "[metrics][metric_set]") {
  auto set = make_metric_set(metrics::request_latency{}, chunk_count{}, metrics::ttft{});
  STATIC_REQUIRE(decltype(set)::size() == 3);
  for (int i = 1; i <= 4; ++i) {
    request_record r;
    r.start_ns = 0;
    r.chunks.assign(static_cast<std::size_t>(i), response_chunk{i * 1'000'000, 1, 0, false});
    r.content = std::string(static_cast<std::size_t>(i), 'x');
    metrics::metric_settings s;  // not streaming: ttft stays absent
    auto v = metrics::compute_record(r, [](std::string_view t) { return t.size(); }, s);
    set.observe(record_view{r, v});
  }
  const auto out = set.summarize();
  REQUIRE(out.size() == 2);  // ttft had no values
  CHECK(out[0].tag == "request_latency");
  CHECK(out[0].unit == "ms");
  CHECK(out[0].dist.avg == Approx(2.5));
  CHECK(out[0].dist.max == Approx(4.0));
  CHECK(out[1].tag == "chunk_count");
  CHECK(out[1].dist.sum == 10);
  const std::string table = render_metric_table(out, "t");
  CHECK_THAT(table, Catch::Contains("Request Latency (ms)"));
  CHECK_THAT(table, Catch::Contains("Chunk Count (chunks)"));
}
