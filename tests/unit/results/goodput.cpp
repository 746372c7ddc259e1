// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/goodput.hpp: `--goodput` parsed once into typed SLOs, and
// every malformed value rejected with one line naming the flag and the offending item.
#include "catch.hpp"

#include <aiperf/results/goodput.hpp>

#include <stdexcept>
#include <vector>

using aiperf::results::goodput_slo;
using aiperf::results::parse_goodput;

TEST_CASE("goodput: tag:value items separated by white space", "[results][goodput]") {
  CHECK(parse_goodput("request_latency:250") == std::vector<goodput_slo>{{"request_latency", 250}});
  CHECK(parse_goodput("request_latency:250 time_to_first_token:10.5") ==
        std::vector<goodput_slo>{{"request_latency", 250}, {"time_to_first_token", 10.5}});
  CHECK(parse_goodput("  inter_token_latency:1e1\t output_token_throughput_per_user:-2  ") ==
        std::vector<goodput_slo>{{"inter_token_latency", 10}, {"output_token_throughput_per_user", -2}});
  // The tag is not checked here: the collector checks it against the run's metrics.
  CHECK(parse_goodput("my_metric:3") == std::vector<goodput_slo>{{"my_metric", 3}});
}

TEST_CASE("goodput: malformed values name the flag and the item", "[results][goodput]") {
  CHECK_THROWS_WITH(parse_goodput(""), "--goodput: expected 'metric_tag:value ...', got an empty value");
  CHECK_THROWS_WITH(parse_goodput("  \t"), "--goodput: expected 'metric_tag:value ...', got an empty value");
  CHECK_THROWS_WITH(parse_goodput("request_latency"),
                    "--goodput: User Config: 'request_latency' is not in 'key:value' format");
  CHECK_THROWS_WITH(parse_goodput(":5"), "--goodput: User Config: ':5' has an empty key");
  CHECK_THROWS_WITH(parse_goodput("ttft:"), "--goodput: User Config: 'ttft:' has an empty value");
  CHECK_THROWS_WITH(parse_goodput("ttft:fast"), "--goodput: User Config: value for 'ttft' must be numeric, got 'fast'");
  CHECK_THROWS_WITH(parse_goodput("ttft:5ms"), "--goodput: User Config: value for 'ttft' must be numeric, got '5ms'");
  CHECK_THROWS_WITH(parse_goodput("request_latency:250 ttft"), "--goodput: User Config: 'ttft' is not in 'key:value' format");
  CHECK_THROWS_AS(parse_goodput("x"), std::invalid_argument);
}
