// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/telemetry/prometheus.hpp: the exposition format 0.0.4 as servers
// write it (HELP/TYPE, labels with escapes, NaN/±Inf, timestamps, histograms and summaries
// gathered under their family) and every malformed line refused with its line number.
#include "catch.hpp"

#include <aiperf/telemetry/prometheus.hpp>

#include <cmath>
#include <string>

using namespace aiperf::telemetry;

namespace {
std::string error_of(std::string_view text) {
  try {
    (void)parse_prometheus(text);
  } catch (prometheus_error const& e) {
    return e.what();
  }
  return "(parsed)";
}
}  // namespace

TEST_CASE("prometheus: counters, gauges, HELP and TYPE, comments and blank lines", "[telemetry][prometheus]") {
  const auto f = parse_prometheus(
      "# a plain comment\n"
      "\n"
      "# HELP vllm:num_requests_running Number of requests\\nin the batch \\\\ now.\n"
      "# TYPE vllm:num_requests_running gauge\n"
      "vllm:num_requests_running{model_name=\"Qwen/Qwen3-0.6B\",engine=\"0\"} 12\n"
      "# TYPE vllm:request_success_total counter\n"
      "vllm:request_success_total{finished_reason=\"stop\"} 19 1700000000123\r\n"
      "untyped_thing 3.5e2\n");
  REQUIRE(f.size() == 3);
  CHECK(f[0].name == "vllm:num_requests_running");
  CHECK(f[0].type == metric_type::gauge);
  CHECK(f[0].help == "Number of requests\nin the batch \\ now.");
  REQUIRE(f[0].samples.size() == 1);
  CHECK(f[0].samples[0].value == 12);
  CHECK(f[0].samples[0].label_value("model_name") == "Qwen/Qwen3-0.6B");
  CHECK(f[0].samples[0].label_value("engine") == "0");
  CHECK_FALSE(f[0].samples[0].label_value("missing"));
  CHECK(f[1].type == metric_type::counter);
  CHECK(f[1].samples[0].value == 19);
  CHECK(f[1].samples[0].timestamp_ms == 1700000000123);
  CHECK(f[2].name == "untyped_thing");
  CHECK(f[2].type == metric_type::untyped);
  CHECK(f[2].samples[0].value == 350);
}

TEST_CASE("prometheus: label values decode \\\\, \\\" and \\n; commas and braces inside quotes", "[telemetry][prometheus]") {
  const auto f = parse_prometheus("m{a=\"x\\\"y\",b=\"c:\\\\d\",c=\"l1\\nl2\",d=\"{,}\", } 1\n");
  REQUIRE(f.size() == 1);
  auto const& s = f[0].samples[0];
  REQUIRE(s.labels.size() == 4);
  CHECK(s.labels[0].value == "x\"y");
  CHECK(s.labels[1].value == "c:\\d");
  CHECK(s.labels[2].value == "l1\nl2");
  CHECK(s.labels[3].value == "{,}");
  CHECK(parse_prometheus("m{} 2")[0].samples[0].labels.empty());
}

TEST_CASE("prometheus: NaN, +Inf, -Inf and number spellings", "[telemetry][prometheus]") {
  const auto f = parse_prometheus("a NaN\nb +Inf\nc -Inf\nd Inf\ne -0.5e-3\nf 1e999\ng .5\n");
  REQUIRE(f.size() == 7);
  CHECK(std::isnan(f[0].samples[0].value));
  CHECK(f[1].samples[0].value == INFINITY);
  CHECK(f[2].samples[0].value == -INFINITY);
  CHECK(f[3].samples[0].value == INFINITY);
  CHECK(f[4].samples[0].value == -0.0005);
  CHECK(f[5].samples[0].value == INFINITY);
  CHECK(f[6].samples[0].value == 0.5);
  CHECK_FALSE(parse_prometheus_float("0x10"));
  CHECK_FALSE(parse_prometheus_float("1.5abc"));
  CHECK_FALSE(parse_prometheus_float(""));
  CHECK_FALSE(parse_prometheus_float("+"));
}

TEST_CASE("prometheus: histogram and summary samples join their family", "[telemetry][prometheus]") {
  const auto f = parse_prometheus(
      "# HELP lat Latency.\n# TYPE lat histogram\n"
      "lat_bucket{le=\"0.1\"} 1\nlat_bucket{le=\"1\"} 3\nlat_bucket{le=\"+Inf\"} 4\nlat_sum 2.5\nlat_count 4\n"
      "# TYPE rpc summary\n"
      "rpc{quantile=\"0.5\"} 0.2\nrpc{quantile=\"0.99\"} 0.9\nrpc_sum 10\nrpc_count 30\n"
      "after 1\n");
  REQUIRE(f.size() == 3);
  CHECK(f[0].type == metric_type::histogram);
  CHECK(f[0].help == "Latency.");
  REQUIRE(f[0].samples.size() == 5);
  CHECK(f[0].samples[2].label_value("le") == "+Inf");
  CHECK(f[0].samples[4].name == "lat_count");
  CHECK(f[1].type == metric_type::summary);
  CHECK(f[1].samples.size() == 4);
  CHECK(f[2].name == "after");
}

TEST_CASE("prometheus: malformed lines are refused with their line number", "[telemetry][prometheus]") {
  CHECK(error_of("ok 1\nbad{a=\"1\" 2\n") == "line 2: expected ',' or '}' after a label");
  CHECK(error_of("m{a=\"1\"\n") == "line 1: unterminated label set (missing '}')");
  CHECK(error_of("m{a=\"open} 1\n") == "line 1: unterminated value of label 'a'");
  CHECK(error_of("m{a=\"\\q\"} 1\n") == "line 1: unknown escape '\\q' in the value of label 'a'");
  CHECK(error_of("m{a=1} 1\n") == "line 1: expected '\"' to open the value of label 'a'");
  CHECK(error_of("m{1a=\"x\"} 1\n") == "line 1: expected a label name, found '1'");
  CHECK(error_of("m{a=\"x\",a=\"y\"} 1\n") == "line 1: label 'a' appears twice");
  CHECK(error_of("\n\nm\n") == "line 3: sample 'm' has no value");
  CHECK(error_of("m abc\n") == "line 1: invalid value 'abc' for sample 'm'");
  CHECK(error_of("m 1 12.5\n") == "line 1: invalid timestamp '12.5' for sample 'm' (integer milliseconds)");
  CHECK(error_of("m 1 2 3\n") == "line 1: unexpected text after the timestamp of sample 'm'");
  CHECK(error_of("9m 1\n") == "line 1: expected a metric name, found '9'");
  CHECK(error_of("m-x 1\n") == "line 1: invalid character '-' in metric name 'm'");
  CHECK(error_of("# TYPE m bogus\n") == "line 1: unknown metric type 'bogus' for 'm'");
  CHECK(error_of("# TYPE m\n") == "line 1: # TYPE m names no type");
  CHECK(error_of("# TYPE m gauge\n# TYPE m counter\n") == "line 2: second # TYPE line for 'm'");
  CHECK(error_of("m 1\n# TYPE m gauge\n") == "line 2: # TYPE for 'm' after its samples");
  CHECK(error_of("# TYPE h histogram\nh_bucket 1\n") == "line 2: histogram bucket 'h_bucket' has no 'le' label");
  CHECK(error_of(std::string("m 1\nx\0y 1\n", 11)) == "line 2: NUL byte in the line");
  CHECK(error_of("# HELP\n") == "line 1: expected a metric name after # HELP, found end of line");
}

TEST_CASE("prometheus: hostile inputs never crash (truncations of a real page)", "[telemetry][prometheus]") {
  const std::string page =
      "# HELP a_seconds A.\n# TYPE a_seconds histogram\na_seconds_bucket{le=\"0.5\",x=\"q\\\"\"} 1\n"
      "a_seconds_bucket{le=\"+Inf\"} 2\na_seconds_sum 0.7\na_seconds_count 2\n# TYPE g gauge\ng{l=\"v\"} NaN 17\n";
  std::size_t parsed = 0, refused = 0;
  for (std::size_t n = 0; n <= page.size(); ++n) {
    try {
      (void)parse_prometheus(std::string_view(page).substr(0, n));
      ++parsed;
    } catch (prometheus_error const& e) {
      CHECK(std::string(e.what()).starts_with("line "));
      CHECK(e.line() >= 1);
      ++refused;
    }
  }
  CHECK(parsed > 0);
  CHECK(refused > 0);
  CHECK(parsed + refused == page.size() + 1);
}
