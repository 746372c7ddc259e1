// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/timeslices.hpp: the timeslice JSON (no index field,
// is_complete only when false, metric blocks as in the summary) and the tidy CSV (slices in
// order, metrics by tag, stat_keys order, summary-CSV number formats).
#include "catch.hpp"

#include <aiperf/results/timeslices.hpp>

#include <string>
#include <vector>

using namespace aiperf::results;

namespace {
timeslice slice_of(std::int64_t start, std::int64_t end, bool complete, double count, double latency) {
  timeslice t;
  t.start_ns = start;
  t.end_ns = end;
  t.is_complete = complete;
  aiperf::distribution d;
  d.count = 2;
  d.avg = d.min = d.max = d.p50 = latency;
  d.sum = 2 * latency;
  t.summary.results.push_back({"request_latency", "Request Latency", "ms", d, std::nullopt});
  t.summary.results.push_back({"request_count", "Request Count", "requests", std::nullopt, count, true});
  return t;
}
}  // namespace

TEST_CASE("timeslices: JSON has start/end, is_complete only when false, and the metric blocks", "[results][timeslices]") {
  const std::vector<timeslice> slices = {slice_of(100, 200, true, 2, 10.5), slice_of(200, 250, false, 1, 12)};
  const std::string json = render_timeslices_json(slices, R"({"output": {"slice_duration": 1e-07}})");
  CHECK(json.rfind("{\n  \"timeslices\": [\n    {\n      \"start_ns\": 100,\n      \"end_ns\": 200,\n      "
                   "\"request_latency\": {",
                   0) == 0);
  CHECK(json.find("\"start_ns\": 200,\n      \"end_ns\": 250,\n      \"is_complete\": false,") != std::string::npos);
  CHECK(json.find("\"is_complete\": true") == std::string::npos);
  CHECK(json.find("timeslice_index") == std::string::npos);
  CHECK(json.find("\"request_count\": {\n        \"unit\": \"requests\",\n        \"avg\": 2.0\n      }") != std::string::npos);
  CHECK(json.find("\n  \"input_config\": {\"output\": {\"slice_duration\": 1e-07}}\n}\n") != std::string::npos);
}

TEST_CASE("timeslices: tidy CSV, metrics sorted by tag, stats in STAT_KEYS order", "[results][timeslices]") {
  const std::vector<timeslice> slices = {slice_of(100, 200, true, 2, 10.5), slice_of(200, 250, false, 1, 12)};
  const std::string csv = render_timeslices_csv(slices);
  CHECK(csv.rfind("Timeslice,Metric,Unit,Stat,Value\r\n"
                  "0,Request Count,requests,avg,2.00\r\n"
                  "0,Request Latency,ms,avg,10.50\r\n"
                  "0,Request Latency,ms,min,10.50\r\n"
                  "0,Request Latency,ms,max,10.50\r\n"
                  "0,Request Latency,ms,sum,21.00\r\n"
                  "0,Request Latency,ms,p1,0.00\r\n",
                  0) == 0);
  CHECK(csv.find("0,Request Latency,ms,std,0.00\r\n1,Request Count,requests,avg,1.00\r\n1,Request Latency,ms,avg,12.00\r\n") !=
        std::string::npos);
  CHECK(render_timeslices_csv({}) == "Timeslice,Metric,Unit,Stat,Value\r\n");
}
