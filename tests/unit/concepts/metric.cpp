// SPDX-License-Identifier: Apache-2.0
// The Metric concept (include/aiperf/concepts/metric.hpp): which types model it, the defaults of
// its optional members (metric_traits), and the laws every standard metric keeps:
//   - its tag is unique (a JSON/CSV/JSONL key) and its descriptor says what the type says;
//   - its unit and scale agree (ns shown as ms scale by 1e-6, ...);
//   - compute() on a failed request gives nothing, except for error-only metrics, which give
//     nothing on a successful one;
//   - `needs` covers what compute() reads: the value is the same when only the needed standard
//     values (with their dependencies) are computed as when all are.
#include "catch.hpp"

#include "archetypes.hpp"
#include "word_tokens.hpp"

#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace aiperf;
using namespace aiperf::metrics;

// ---- which types are Metrics -----------------------------------------------------------------

namespace {
struct compute_returns_int {
  static constexpr std::string_view tag = "x", header = "X", unit = "x";
  int compute(record_view const&) const { return 0; }
};
struct compute_returns_double {  // must say "no value" explicitly: std::optional<double>
  static constexpr std::string_view tag = "x", header = "X", unit = "x";
  double compute(record_view const&) const { return 0; }
};
struct missing_tag {
  static constexpr std::string_view header = "X", unit = "x";
  std::optional<double> compute(record_view const&) const { return 0.0; }
};
struct tag_not_a_string {
  static constexpr int tag = 1;
  static constexpr std::string_view header = "X", unit = "x";
  std::optional<double> compute(record_view const&) const { return 0.0; }
};
struct compute_not_const {
  static constexpr std::string_view tag = "x", header = "X", unit = "x";
  std::optional<double> compute(record_view const&) { return 0.0; }
};
struct not_copyable {
  static constexpr std::string_view tag = "x", header = "X", unit = "x";
  not_copyable() = default;
  not_copyable(not_copyable const&) = delete;
  std::optional<double> compute(record_view const&) const { return 0.0; }
};
/// Declares every optional member.
struct fully_declared {
  static constexpr std::string_view tag = "full", header = "Full", unit = "ms";
  static constexpr value_mask needs = {standard_value::ttft};
  static constexpr std::uint32_t flags = hidden | larger_is_better;
  static constexpr int display_order = 42;
  static constexpr bool integer = true;
  static constexpr double scale = 1e-6;
  std::optional<double> compute(record_view const& r) const { return r.standard(standard_value::ttft); }
};
}  // namespace

static_assert(Metric<ttft> && ScalarMetric<ttft> && !ListMetric<ttft>);
static_assert(Metric<inter_chunk_latency> && ListMetric<inter_chunk_latency> && !ScalarMetric<inter_chunk_latency>);
static_assert(Metric<aiperf_test::archetypes::scalar_metric> && ScalarMetric<aiperf_test::archetypes::scalar_metric>);
static_assert(Metric<aiperf_test::archetypes::list_metric> && ListMetric<aiperf_test::archetypes::list_metric>);
static_assert(Metric<fully_declared>);
static_assert(!Metric<int>);
static_assert(!Metric<compute_returns_int>);
static_assert(!Metric<compute_returns_double>);
static_assert(!Metric<missing_tag>);
static_assert(!Metric<tag_not_a_string>);
static_assert(!Metric<compute_not_const>);
static_assert(!Metric<not_copyable>);

TEST_CASE("metric traits: the defaults of undeclared optional members", "[concepts][metric]") {
  using minimal = metric_traits<aiperf_test::archetypes::scalar_metric>;
  STATIC_REQUIRE(minimal::needs == value_mask::all());  // undeclared: it may read anything
  STATIC_REQUIRE(minimal::flags == 0);
  STATIC_REQUIRE(minimal::display_order == default_display_order);
  STATIC_REQUIRE_FALSE(minimal::integer);
  STATIC_REQUIRE(minimal::scale == 1.0);
  STATIC_REQUIRE_FALSE(minimal::list);
  STATIC_REQUIRE(metric_traits<aiperf_test::archetypes::list_metric>::list);

  using full = metric_traits<fully_declared>;
  STATIC_REQUIRE(full::needs == value_mask{standard_value::ttft});
  STATIC_REQUIRE(full::flags == (hidden | larger_is_better));
  STATIC_REQUIRE(full::display_order == 42);
  STATIC_REQUIRE(full::integer);
  STATIC_REQUIRE(full::scale == 1e-6);
  const auto d = make_metric_set(fully_declared{}).descriptors();
  REQUIRE(d.size() == 1);
  CHECK(d[0].tag == "full");
  CHECK(d[0].flags == (hidden | larger_is_better));
  CHECK(d[0].display_order == 42);
  CHECK(d[0].integer);
  CHECK(d[0].scale == 1e-6);
}

// ---- the laws ----------------------------------------------------------------------------------

namespace {

/// A streamed record with every standard value present: reasoning, text, usage, intended send.
request_record complete_record() {
  request_record r;
  r.intended_ns = 900;
  r.start_ns = 1'000;
  r.ack_ns = 1'200;
  r.input_tokens = 30;
  r.chunks = {response_chunk{1'500, 0, 0, false}, response_chunk{2'000, 0, 5, false}, response_chunk{2'600, 3, 0, false},
              response_chunk{3'100, 4, 0, false}, response_chunk{3'900, 4, 0, false}, response_chunk{4'000, 0, 0, true}};
  r.reasoning = "think";
  r.content = " ab cd ef";
  r.usage.prompt_tokens = 30;
  r.usage.completion_tokens = 4;
  r.end_ns = 4'100;
  return r;
}

request_record failed_record() {
  request_record r = complete_record();
  r.error = error_info{500, "HTTPError", "Internal Server Error"};
  return r;
}

/// What M reports for `r` when the standard values in `mask` are computed (scalar: the value;
/// list: the values; nothing: empty).
template <class M>
std::vector<double> evaluate(request_record const& r, value_mask mask) {
  const token_counter count = aiperf_test::words;
  const standard_values values = compute_standard_values(r, mask, {.streaming = true}, &count);
  const record_view view{r, values};
  std::vector<double> out;
  if constexpr (metric_traits<M>::list) {
    M{}.compute(view, out);
  } else if (const auto v = M{}.compute(view)) {
    out.push_back(*v);
  }
  return out;
}

/// The display unit a storage scale goes with.
bool unit_matches_scale(std::string_view unit, double scale) {
  if (unit == "ms") return scale == 1e-6;  // ns -> ms
  if (unit == "us") return scale == 1e-3;  // ns -> us
  if (unit == "tokens" || unit == "tokens/sec" || unit == "tokens/sec/user") return scale == 1.0;
  return false;
}

}  // namespace

TEMPLATE_TEST_CASE("metric laws: every standard metric", "[concepts][metric]", ttft, ttst, ttfo, request_latency,
                   decode_duration, itl, output_token_throughput_per_user, e2e_output_token_throughput, osl, isl,
                   output_token_count, reasoning_token_count, error_isl, send_lateness, latency_from_intended,
                   stream_setup_latency, inter_chunk_latency) {
  using traits = metric_traits<TestType>;
  STATIC_REQUIRE(Metric<TestType>);
  INFO("metric " << TestType::tag);

  // The descriptor says what the type says.
  const auto d = make_metric_set(TestType{}).descriptors();
  REQUIRE(d.size() == 1);
  CHECK(d[0].tag == TestType::tag);
  CHECK(d[0].header == TestType::header);
  CHECK(d[0].unit == TestType::unit);
  CHECK(d[0].scale == traits::scale);
  CHECK(d[0].flags == traits::flags);
  CHECK(d[0].integer == traits::integer);
  CHECK(d[0].list == traits::list);
  CHECK(d[0].display_order == traits::display_order);

  // Unit and scale agree; whole numbers are token counts.
  CHECK(unit_matches_scale(TestType::unit, traits::scale));
  if (traits::integer) CHECK(TestType::unit == "tokens");

  // A failed request has no value, except for error-only metrics, which only failed ones have.
  const bool error_only_metric = (traits::flags & error_only) != 0;
  CHECK(evaluate<TestType>(failed_record(), value_mask::all()).empty() != error_only_metric);
  CHECK(evaluate<TestType>(complete_record(), value_mask::all()).empty() == error_only_metric);

  // `needs` covers what compute() reads.
  const value_mask needed = with_dependencies(traits::needs);
  CHECK(evaluate<TestType>(complete_record(), needed) == evaluate<TestType>(complete_record(), value_mask::all()));
  CHECK(evaluate<TestType>(failed_record(), needed) == evaluate<TestType>(failed_record(), value_mask::all()));
}

TEST_CASE("metric laws: standard tags are unique snake_case keys", "[concepts][metric]") {
  const auto d = make_standard_metric_set().descriptors();
  std::set<std::string> tags;
  for (auto const& m : d) {
    INFO("tag " << m.tag);
    CHECK(tags.insert(m.tag).second);
    CHECK_FALSE(m.tag.empty());
    CHECK(m.tag.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos);
    CHECK_FALSE(m.header.empty());
  }
  CHECK(tags.size() == standard_value_count);
}
