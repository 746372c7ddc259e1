// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/standard.hpp: the catalog of standard metrics (tags, units,
// scales, flags), each metric reporting exactly its own standard value and needing only it, and
// the driver's full set (every standard metric, in AIPerf's record order).
#include "catch.hpp"

#include <aiperf/metrics/standard.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace aiperf;
using namespace aiperf::metrics;

TEST_CASE("standard metrics: one definition per standard value, in the enum's order", "[metrics][standard]") {
  REQUIRE(std::size(standard_metric_defs) == standard_value_count);
  std::set<std::string_view> tags;
  for (std::size_t i = 0; i < standard_value_count; ++i) {
    INFO("definition " << i << " " << standard_metric_defs[i].tag);
    CHECK(standard_metric_defs[i].value == static_cast<standard_value>(i));
    CHECK(tags.insert(standard_metric_defs[i].tag).second);
  }
}

TEST_CASE("standard metrics: catalog entries", "[metrics][standard]") {
  STATIC_REQUIRE(itl::tag == "inter_token_latency");
  STATIC_REQUIRE(itl::unit == "ms");
  STATIC_REQUIRE(itl::scale == 1e-6);
  STATIC_REQUIRE((itl::flags & streaming_only) != 0);
  STATIC_REQUIRE((output_token_throughput_per_user::flags & larger_is_better) != 0);
  STATIC_REQUIRE((output_token_throughput_per_user::flags & streaming_only) != 0);
  STATIC_REQUIRE((request_latency::flags & streaming_only) == 0);
  STATIC_REQUIRE(osl::integer);
  STATIC_REQUIRE_FALSE(ttft::integer);
  STATIC_REQUIRE(send_lateness::unit == "us");
  STATIC_REQUIRE(send_lateness::scale == 1e-3);
  STATIC_REQUIRE((send_lateness::flags & fidelity) != 0);
  STATIC_REQUIRE((error_isl::flags & error_only) != 0);
  STATIC_REQUIRE((decode_duration::flags & hidden) == 0);  // upstream's console shows it (350)
  STATIC_REQUIRE((usage_prompt_tokens_diff_pct::flags & hidden) != 0);
  STATIC_REQUIRE(ttft::display_order < ttst::display_order);
  STATIC_REQUIRE(ListMetric<inter_chunk_latency>);
  STATIC_REQUIRE_FALSE(ScalarMetric<inter_chunk_latency>);
  STATIC_REQUIRE(metric_traits<inter_chunk_latency>::list);
  STATIC_REQUIRE_FALSE(metric_traits<ttft>::list);
}

TEST_CASE("standard metrics: each needs only the value it reports", "[metrics][standard]") {
  STATIC_REQUIRE(ttft::needs == value_mask{standard_value::ttft});
  STATIC_REQUIRE(itl::needs == value_mask{standard_value::itl});
  STATIC_REQUIRE(osl::needs == value_mask{standard_value::osl});
  STATIC_REQUIRE(inter_chunk_latency::needs == value_mask{standard_value::inter_chunk_latency});
  STATIC_REQUIRE(metric_traits<request_latency>::needs == value_mask{standard_value::request_latency});
  // A set of them closes over dependencies itself (metric_set::needs).
  STATIC_REQUIRE(metric_set<itl>::needs == with_dependencies({standard_value::itl}));
}

TEST_CASE("standard metrics: the driver's set names every standard metric in record order", "[metrics][standard]") {
  STATIC_REQUIRE(standard_metric_set::size() == standard_value_count);
  STATIC_REQUIRE(standard_metric_set::needs == value_mask::all());
  STATIC_REQUIRE(standard_metric_set::needs_tokenizer(false));
  STATIC_REQUIRE_FALSE(standard_metric_set::needs_tokenizer(true));
  const auto d = make_standard_metric_set().descriptors();
  REQUIRE(d.size() == standard_value_count);
  for (std::size_t i = 0; i < d.size(); ++i) {
    auto const& def = standard_metric_defs[i];
    INFO("metric " << d[i].tag);
    CHECK(d[i].tag == def.tag);
    CHECK(d[i].header == def.header);
    CHECK(d[i].unit == def.unit);
    CHECK(d[i].scale == def.scale);
    CHECK(d[i].flags == def.flags);
    CHECK(d[i].display_order == def.display_order);
    CHECK(d[i].integer == def.integer);
    CHECK(d[i].list == (def.value == standard_value::inter_chunk_latency));
  }
}

TEST_CASE("standard metrics: each reports its own standard value unscaled", "[metrics][standard]") {
  request_record r;
  r.start_ns = 0;
  r.intended_ns = 1;
  r.input_tokens = 5;
  for (std::int64_t t : {100, 250, 500}) {
    r.chunks.push_back(response_chunk{t, 2, 0, false});
    r.content += " x";
  }
  const token_counter count = [](std::string_view s) { return s.size() / 2; };
  const standard_values values = compute_standard_values(r, value_mask::all(), {.streaming = true}, &count);
  const auto set = make_standard_metric_set();
  std::vector<double> scalars(set.size());
  std::vector<std::vector<double>> lists(set.size(), std::vector<double>{-1.0});  // evaluate() clears them
  set.evaluate(record_view{r, values}, scalars.data(), lists.data());
  for (std::size_t i = 0; i < standard_value_count; ++i) {
    const auto which = static_cast<standard_value>(i);
    INFO("metric " << standard_metric_defs[i].tag);
    if (which == standard_value::inter_chunk_latency) {
      CHECK(lists[i] == std::vector<double>{150, 250});
    } else if (const auto v = values.get(which)) {
      CHECK(scalars[i] == *v);
    } else {
      CHECK(std::isnan(scalars[i]));
    }
  }
  CHECK(scalars[0] == 100);  // TTFT in ns: scaling is the exporters' job
}
