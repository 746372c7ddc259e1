// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/multi_run.hpp: Student-t critical values against published
// table values, the per-key statistics of spec measurement §9.1, the degenerate single-value
// case, and the aggregate JSON/CSV layout.
#include "catch.hpp"

#include <aiperf/results/multi_run.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace aiperf::results;

TEST_CASE("multi-run: t critical values match the published table", "[results][multi_run]") {
  // Two-sided critical values (any statistics textbook's t table; spec §9.1 quotes the first three).
  CHECK(t_critical_value(0.95, 4) == Approx(2.776445105).epsilon(1e-9));
  CHECK(t_critical_value(0.95, 9) == Approx(2.262157163).epsilon(1e-9));
  CHECK(t_critical_value(0.99, 4) == Approx(4.604094871).epsilon(1e-9));
  CHECK(t_critical_value(0.95, 2) == Approx(4.302652730).epsilon(1e-9));
  CHECK(t_critical_value(0.90, 1) == Approx(6.313751515).epsilon(1e-9));
  CHECK_THROWS_AS(t_critical_value(1.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(t_critical_value(0.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(t_critical_value(0.95, 0), std::invalid_argument);
}

TEST_CASE("multi-run: mean, sample std, cv, se and the t interval", "[results][multi_run]") {
  const std::vector<double> v = {10, 12, 14};  // mean 12, sample std 2
  const confidence_stats s = confidence_of(v, 0.95);
  CHECK(s.n == 3);
  CHECK(s.mean == Approx(12));
  CHECK(s.std == Approx(2));
  CHECK(s.min == 10);
  CHECK(s.max == 14);
  CHECK(s.cv == Approx(2.0 / 12));
  CHECK(s.se == Approx(2 / std::sqrt(3.0)));
  CHECK(s.t_critical == Approx(4.302652730));
  CHECK(s.ci_low == Approx(12 - 4.302652730 * 2 / std::sqrt(3.0)));
  CHECK(s.ci_high == Approx(12 + 4.302652730 * 2 / std::sqrt(3.0)));

  const std::vector<double> zero = {-1, 1};
  CHECK(std::isinf(confidence_of(zero, 0.95).cv));

  const std::vector<double> one = {7.5};
  const confidence_stats single = confidence_of(one, 0.95);
  CHECK(single.std == 0);
  CHECK(single.se == 0);
  CHECK(single.ci_low == 7.5);
  CHECK(single.ci_high == 7.5);
  CHECK(std::isnan(single.t_critical));
}

namespace {
phase_summary phase_with(double throughput, double p99) {
  phase_summary p;
  p.results.push_back({"request_throughput", "Request Throughput", "requests/sec", std::nullopt, throughput});
  aiperf::distribution d;
  d.avg = p99 / 2;
  d.p99 = p99;
  d.max = p99;
  d.count = 4;
  p.results.push_back({"time_to_first_token", "Time to First Token", "ms", d, std::nullopt});
  return p;
}
}  // namespace

TEST_CASE("multi-run: aggregate keys, failed runs and the CSV/JSON layout", "[results][multi_run]") {
  const phase_summary a = phase_with(100, 20), b = phase_with(110, 30), c = phase_with(120, 40);
  const std::vector<labelled_run> runs = {{"run_0001", &a}, {"run_0002", &b}, {"run_0004", &c}};
  const std::vector<failed_run> failed = {{"run_0003", "cannot connect"}};
  const confidence_aggregate agg = aggregate_runs(runs, failed, {.num_profile_runs = 4, .confidence_level = 0.95});

  REQUIRE(agg.metrics.size() == 1 + 14);  // one scalar (avg only), one distribution (every stat key)
  CHECK(agg.metrics[0].first == "request_throughput_avg");
  CHECK(agg.metrics[0].second.mean == Approx(110));
  CHECK(agg.metrics[0].second.std == Approx(10));
  CHECK(agg.metrics[0].second.unit == "requests/sec");
  CHECK(agg.metrics[1].first == "time_to_first_token_avg");
  auto const* p99 = &agg.metrics[0].second;
  for (auto const& [key, s] : agg.metrics)
    if (key == "time_to_first_token_p99") p99 = &s;
  CHECK(p99->mean == Approx(30));
  CHECK(p99->unit == "ms");

  const std::string json = render_aggregate_json(agg);
  CHECK(json.find("\"num_profile_runs\": 4,\n    \"num_successful_runs\": 3") != std::string::npos);
  CHECK(json.find("\"failed_runs\": [{\"label\": \"run_0003\", \"error\": \"cannot connect\"}]") != std::string::npos);
  CHECK(json.find("\"run_labels\": [\"run_0001\", \"run_0002\", \"run_0004\"]") != std::string::npos);
  CHECK(json.find("\"single_run\"") == std::string::npos);

  const std::string csv = render_aggregate_csv(agg);
  CHECK(csv.rfind("metric,mean,std,min,max,cv,se,ci_low,ci_high,t_critical,unit\r\n"
                  "request_throughput_avg,110.00,10.00,100.00,120.00,0.0909,5.7735,85.16,134.84,4.3027,requests/sec\r\n",
                  0) == 0);
  CHECK(csv.find("\r\n\r\nAggregation Type,confidence\r\nTotal Runs,4\r\nSuccessful Runs,3\r\nConfidence Level,0.95\r\n"
                 "Run Labels,\"['run_0001', 'run_0002', 'run_0004']\"\r\n") != std::string::npos);

  CHECK_THROWS_WITH(aggregate_runs({}, failed, {.num_profile_runs = 1}),
                    Catch::Contains("All runs failed - cannot compute confidence statistics"));
}

TEST_CASE("multi-run: one successful run is flagged single_run with a zero-width interval", "[results][multi_run]") {
  const phase_summary a = phase_with(100, 20);
  const std::vector<labelled_run> runs = {{"run_0001", &a}};
  const confidence_aggregate agg = aggregate_runs(runs, {}, {.num_profile_runs = 1});
  const std::string json = render_aggregate_json(agg);
  CHECK(json.find("\"single_run\": true") != std::string::npos);
  CHECK(json.find("\"request_throughput_avg\": {\"mean\": 100, \"std\": 0, \"min\": 100, \"max\": 100, \"cv\": 0, "
                  "\"se\": 0, \"ci_low\": 100, \"ci_high\": 100, \"unit\": \"requests/sec\"}") != std::string::npos);
}
