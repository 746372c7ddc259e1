// SPDX-License-Identifier: Apache-2.0
// report/summary.hpp and report/table.hpp edge cases: number formats, non-finite values never
// written, error grouping by {code, type, message}, error-only runs, non-streaming runs, the
// benchmark-duration window, JSONL for error and cancelled records.
#include "catch.hpp"

#include <aiperf/report/summary.hpp>

#include <cmath>
#include <limits>
#include <string>

using namespace aiperf;

namespace {

std::size_t bytes_as_tokens(std::string_view s) { return s.size(); }

request_record ok_record(std::int64_t start, std::int64_t last, std::string text, std::int64_t isl = 10) {
  request_record r;
  r.start_ns = start;
  r.wall_start_ns = 5'000'000'000 + start;  // anchor below: wall = steady + 5 s
  r.input_tokens = isl;
  r.chunks.push_back(response_chunk{last, static_cast<std::uint32_t>(text.size()), 0, false});
  r.content = std::move(text);
  r.end_ns = last + 1'000;
  return r;
}

request_record failed(int code, std::string type, std::string msg) {
  request_record r;
  r.start_ns = 100;
  r.wall_start_ns = 5'000'000'100;
  r.end_ns = 200;
  r.error = error_info{code, std::move(type), std::move(msg)};
  return r;
}

struct run {
  std::vector<request_record> recs;
  std::vector<metrics::record_values> vals;
  std::vector<std::pair<request_record const*, metrics::record_values const*>> view;
  clock_anchor anchor{0, 5'000'000'000};

  explicit run(std::vector<request_record> r, bool streaming) : recs(std::move(r)) {
    metrics::metric_settings s;
    s.streaming = streaming;
    for (auto const& x : recs) vals.push_back(metrics::compute_record(x, bytes_as_tokens, s));
    for (std::size_t i = 0; i < recs.size(); ++i) view.emplace_back(&recs[i], &vals[i]);
  }
};

}  // namespace

TEST_CASE("report: format_number is Python's {:,.2f} and N/A for non-finite", "[report][format]") {
  CHECK(report::format_number(0) == "0.00");
  CHECK(report::format_number(999.994) == "999.99");
  CHECK(report::format_number(999.996) == "1,000.00");
  CHECK(report::format_number(1234567.891) == "1,234,567.89");
  CHECK(report::format_number(-1234.5) == "-1,234.50");
  CHECK(report::format_number(-12.5) == "-12.50");
  CHECK(report::format_number(std::numeric_limits<double>::infinity()) == "N/A");
  CHECK(report::format_number(std::nan("")) == "N/A");
  CHECK(report::format_count(0) == "0");
  CHECK(report::format_count(1000) == "1,000");
  CHECK(report::format_count(1234567) == "1,234,567");
}

TEST_CASE("report: non-finite values are never written to JSON or CSV", "[report][json][csv]") {
  report::summary s;
  report::result r;
  r.tag = "weird";
  r.header = "Weird";
  r.unit = "ms";
  distribution d;
  d.count = 1;
  d.avg = std::numeric_limits<double>::infinity();
  d.min = 1;
  d.max = std::nan("");
  r.dist = d;
  s.results.push_back(r);
  report::result sc;
  sc.tag = "rate";
  sc.header = "Rate";
  sc.unit = "requests/sec";
  sc.scalar = std::numeric_limits<double>::quiet_NaN();
  s.results.push_back(sc);
  report::summary_meta meta;
  const auto json = report::render_summary_json(s, nullptr, meta);
  CHECK(json.find(": inf") == std::string::npos);  // ("run_info" contains "inf")
  CHECK(json.find("\"avg\"") == std::string::npos);
  CHECK(json.find("nan") == std::string::npos);
  CHECK(json.find("NaN") == std::string::npos);
  CHECK(json.find("\"min\": 1") != std::string::npos);
  CHECK(json.find("\"max\"") == std::string::npos);
  const auto csv = report::render_summary_csv(s);
  CHECK(csv.find("Weird (ms),,1.00,,") != std::string::npos);
  CHECK(csv.find("Rate (requests/sec),\r\n") != std::string::npos);
  CHECK(csv.find("inf") == std::string::npos);
}

TEST_CASE("report: CSV cells with commas or quotes are quoted", "[report][csv]") {
  CHECK(report::csv_cell("plain") == "plain");
  CHECK(report::csv_cell("a,b") == "\"a,b\"");
  CHECK(report::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_number(3, true) == "3");
  CHECK(report::csv_number(3.14159, false) == "3.14");
  CHECK(report::csv_number(2.5, true) == "2.50");  // not an integer value: stays a decimal
}

TEST_CASE("report: errors group by {code, type, message}, most frequent first", "[report][errors]") {
  run x({failed(500, "HTTPError", "boom"), failed(503, "HTTPError", "busy"), failed(503, "HTTPError", "busy"),
         failed(500, "HTTPError", "boom!"), failed(503, "HTTPError", "busy")},
        true);
  const auto s = report::summarize(x.view, true, false, x.anchor);
  CHECK(s.ok == 0);
  CHECK(s.failed == 5);
  REQUIRE(s.errors.size() == 3);
  CHECK(s.errors[0].first == error_info{503, "HTTPError", "busy"});
  CHECK(s.errors[0].second == 3);
  CHECK(s.errors[1].second == 1);
  CHECK(s.errors[2].second == 1);
  // An error-only run has no duration, no rates and no request_count, but counts its errors.
  CHECK_FALSE(s.duration_s);
  CHECK(s.find("request_throughput") == nullptr);
  CHECK(s.find("request_count") == nullptr);
  REQUIRE(s.find("error_request_count"));
  CHECK(*s.find("error_request_count")->scalar == 5);
  CHECK(*s.find("completed_request_count")->scalar == 5);
  const auto json = report::render_summary_json(s, nullptr, {});
  CHECK(json.find(R"({"error_details": {"code": 503, "type": "HTTPError", "message": "busy"}, "count": 3})") !=
        std::string::npos);
}

TEST_CASE("report: non-streaming run has no streaming-only metrics, duration and rates exact", "[report]") {
  // Starts at 0 and 1 s, last responses at 0.5 s and 2 s: the window is 2 s.
  run x({ok_record(0, 500'000'000, "abcd", 10), ok_record(1'000'000'000, 2'000'000'000, "abcdef", 30)}, false);
  const auto s = report::summarize(x.view, false, false, x.anchor);
  CHECK(s.find("time_to_first_token") == nullptr);
  CHECK(s.find("inter_token_latency") == nullptr);
  CHECK(s.find("inter_chunk_latency") == nullptr);
  REQUIRE(s.duration_s);
  CHECK(*s.duration_s == Approx(2.0));
  CHECK(*s.find("request_throughput")->scalar == Approx(1.0));
  CHECK(*s.find("output_token_throughput")->scalar == Approx(10.0 / 2));  // OSL 4 + 6
  CHECK(*s.find("total_token_throughput")->scalar == Approx((40.0 + 10.0) / 2));
  CHECK(*s.find("total_isl")->scalar == 40);
  CHECK(s.find("goodput") == nullptr);
  auto const* lat = s.find("request_latency");
  REQUIRE(lat);
  CHECK(lat->dist->min == Approx(500.0));
  CHECK(lat->dist->max == Approx(1000.0));
  CHECK(lat->unit == "ms");
}

TEST_CASE("report: JSONL error and cancelled lines", "[report][jsonl]") {
  auto e = failed(0, "InvalidInferenceResults", "Invalid inference results");
  e.input_tokens = 7;
  auto c = failed(499, "RequestCancellationError", "Request was cancelled after 0.000 seconds");
  c.was_cancelled = true;
  c.cancel_ns = 150;
  run x({e, c}, true);
  std::string a, b;
  report::append_jsonl_record(a, x.recs[0], x.vals[0], "conv", x.anchor, true);
  report::append_jsonl_record(b, x.recs[1], x.vals[1], "conv", x.anchor, true);
  CHECK(a.find(R"("metrics":{"error_isl":{"value":7,"unit":"tokens"}})") != std::string::npos);
  CHECK(a.find(R"("error":{"type":"InvalidInferenceResults","message":"Invalid inference results"})") !=
        std::string::npos);  // code 0 (null) omitted
  CHECK(a.find("cancellation_time_ns") == std::string::npos);
  CHECK(a.find("request_ack_ns") == std::string::npos);  // no ack: key omitted, not null
  CHECK(a.find("null") == std::string::npos);
  CHECK(b.find(R"("was_cancelled":true,"cancellation_time_ns":5000000150)") != std::string::npos);
  CHECK(b.find(R"("metrics":{})") != std::string::npos);
  CHECK(b.find(R"("error":{"code":499,"type":"RequestCancellationError")") != std::string::npos);
}
