// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/telemetry/server_metrics.hpp and gpu_telemetry.hpp: the family
// rules of §8.2.2, the window statistics of §8.2.3 and §8.1.3 (gauges over in-window samples
// with sample std; counters and histograms as deltas from the last sample before the window),
// Prometheus histogram quantiles, unit inference, DCGM parsing and scaling, and the renderings.
#include "catch.hpp"

#include <aiperf/telemetry/gpu_telemetry.hpp>
#include <aiperf/telemetry/server_metrics.hpp>
#include <aiperf/telemetry/nvml.hpp>
#include <aiperf/telemetry/session.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace aiperf::telemetry;

namespace {
server_scrape scrape(std::int64_t t, std::string const& text) {
  return {.endpoint_url = "http://h:1/metrics", .timestamp_ns = t, .families = select_server_families(parse_prometheus(text))};
}
double stat(series_summary const& s, std::string_view name) {
  for (auto const& v : s.stats)
    if (v.name == name) return v.value;
  return std::nan("");
}
metric_summary const& find(std::vector<metric_summary> const& v, std::string_view name) {
  for (auto const& m : v)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  return v.front();
}
std::string page(double running, double success, double b1, double b2, double inf, double sum) {
  return "# TYPE running gauge\nrunning " + std::to_string(running) +
         "\n# TYPE app_request_success_total counter\napp_request_success_total{r=\"stop\"} " + std::to_string(success) +
         "\n# TYPE lat_seconds histogram\nlat_seconds_bucket{le=\"0.1\"} " + std::to_string(b1) +
         "\nlat_seconds_bucket{le=\"1\"} " + std::to_string(b2) + "\nlat_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(inf) + "\nlat_seconds_sum " + std::to_string(sum) + "\nlat_seconds_count " + std::to_string(inf) +
         "\n# TYPE process_start_time_seconds_created gauge\nprocess_start_time_seconds_created 5\n"
         "# TYPE up_uptime gauge\nup_uptime 1\n# TYPE rpc summary\nrpc_sum 1\nrpc_count 1\n";
}
}  // namespace

TEST_CASE("server metrics: §8.2.2 drops _created, _uptime and summaries, and _total from counters", "[telemetry][server]") {
  const auto f = select_server_families(parse_prometheus(page(1, 2, 0, 0, 0, 0) + "dup 1\ndup 2\n"));
  std::vector<std::string> names;
  for (auto const& x : f) names.push_back(x.name);
  CHECK(names == std::vector<std::string>{"running", "app_request_success", "lat_seconds", "dup"});
  REQUIRE(f[3].samples.size() == 1);
  CHECK(f[3].samples[0].value == 2);  // last sample of a label set wins
}

TEST_CASE("server metrics: window statistics (gauge, counter, histogram deltas)", "[telemetry][server]") {
  const std::int64_t s = 1'000'000'000;
  // Before the window (reference), three in it, one after it (ignored).
  std::vector<server_scrape> scrapes = {scrape(s - 100, page(9, 10, 1, 2, 2, 0.5)), scrape(s, page(1, 10, 1, 2, 2, 0.5)),
                                        scrape(s + 1'000'000'000, page(2, 14, 3, 5, 6, 2.5)),
                                        scrape(s + 2'000'000'000, page(6, 20, 5, 8, 10, 4.5)),
                                        scrape(s + 3'000'000'000, page(100, 99, 9, 9, 99, 99))};
  const auto m = summarize_server_metrics(scrapes, s, s + 2'000'000'000);
  REQUIRE(m.size() == 3);

  auto const& g = find(m, "running");
  CHECK(g.type == "gauge");
  REQUIRE(g.series.size() == 1);
  CHECK(stat(g.series[0], "avg") == 3);
  CHECK(stat(g.series[0], "min") == 1);
  CHECK(stat(g.series[0], "max") == 6);
  CHECK(stat(g.series[0], "std") == Approx(std::sqrt(7.0)));  // sample std of {1, 2, 6}
  CHECK(stat(g.series[0], "p50") == 2);

  auto const& c = find(m, "app_request_success");
  CHECK(c.type == "counter");
  CHECK(c.unit == "requests");
  CHECK(c.series[0].labels.size() == 1);
  CHECK(stat(c.series[0], "total") == 10);  // 20 - 10 (the reference before the window)
  CHECK(stat(c.series[0], "rate") == Approx(10.0 / (2.0 + 1e-7)));

  auto const& h = find(m, "lat_seconds");
  CHECK(h.type == "histogram");
  CHECK(h.unit == "seconds");
  auto const& hs = h.series[0];
  CHECK(stat(hs, "count") == 8);
  CHECK(stat(hs, "sum") == Approx(4.0));
  CHECK(stat(hs, "avg") == Approx(0.5));
  REQUIRE(hs.buckets);
  CHECK(*hs.buckets == std::vector<std::pair<std::string, double>>{{"0.1", 4}, {"1", 6}, {"+Inf", 8}});
  // Deltas: 4 in (0, 0.1], 2 in (0.1, 1], 2 above.  p50: rank 4 -> 0.1; p25: rank 2 -> 0.05.
  CHECK(stat(hs, "p50_estimate") == Approx(0.1));
  CHECK(stat(hs, "p25_estimate") == Approx(0.05));
  CHECK(stat(hs, "p99_estimate") == Approx(1.0));  // in +Inf: the highest finite bound
}

TEST_CASE("server metrics: a histogram that went backwards withholds buckets; no traffic gives count 0",
          "[telemetry][server]") {
  const std::int64_t s = 1'000;
  std::vector<server_scrape> restart = {scrape(s, page(0, 0, 5, 5, 5, 1)), scrape(s + 10, page(0, 0, 1, 7, 7, 2))};
  const auto after_restart = summarize_server_metrics(restart, s, s + 10);
  auto const& h = find(after_restart, "lat_seconds");
  CHECK(stat(h.series[0], "count") == 2);
  CHECK_FALSE(h.series[0].buckets);
  CHECK(std::isnan(stat(h.series[0], "p50_estimate")));

  std::vector<server_scrape> idle = {scrape(s, page(0, 0, 5, 5, 5, 1)), scrape(s + 10, page(0, 0, 5, 5, 5, 1))};
  const auto no_traffic = summarize_server_metrics(idle, s, s + 10);
  auto const& i = find(no_traffic, "lat_seconds");
  REQUIRE(i.series[0].stats.size() == 1);
  CHECK(stat(i.series[0], "count") == 0);
  REQUIRE(i.series[0].buckets);
  for (auto const& [le, n] : *i.series[0].buckets) CHECK(n == 0);
}

TEST_CASE("server metrics: histogram_quantile interpolates linearly inside the bucket", "[telemetry][server]") {
  const std::vector<std::pair<double, double>> b = {{1, 10}, {2, 30}, {INFINITY, 40}};
  CHECK(histogram_quantile(0.5, b) == Approx(1.5));   // rank 20: halfway through (1, 2]
  CHECK(histogram_quantile(0.1, b) == Approx(0.4));   // rank 4 in (0, 1]
  CHECK(histogram_quantile(0.9, b) == 2);             // rank 36 in +Inf
  CHECK(std::isnan(histogram_quantile(0.5, std::vector<std::pair<double, double>>{{1, 0}, {INFINITY, 0}})));
}

TEST_CASE("server metrics: unit inference from the name (§8.2.4)", "[telemetry][server]") {
  CHECK(infer_unit("vllm:e2e_request_latency_seconds") == "seconds");
  CHECK(infer_unit("x_seconds_total") == "seconds");
  CHECK(infer_unit("vllm:prompt_tokens") == "tokens");
  CHECK(infer_unit("vllm:request_success") == "requests");
  CHECK(infer_unit("vllm:kv_cache_usage_perc") == "percent");
  CHECK(infer_unit("nv_inference_request_duration_us") == "");
  CHECK(infer_unit("q_duration_ms") == "milliseconds");
  CHECK(infer_unit("nv_gpu_memory_used_bytes") == "bytes");
  CHECK(infer_unit("things_total") == "count");
  CHECK(infer_unit("trtllm_request_success") == "requests");
  CHECK(infer_unit("vllm:num_requests_running") == "");
}

TEST_CASE("server metrics: CSV sections, JSON and JSONL renderings", "[telemetry][server]") {
  std::vector<server_scrape> scrapes = {scrape(10, page(1, 1, 0, 0, 0, 0)), scrape(20, page(3, 4, 1, 1, 1, 0.05))};
  scrapes[1].endpoint_latency_ns = 7;
  const auto m = summarize_server_metrics(scrapes, 10, 20);
  const server_metrics_context ctx{.benchmark_id = "bid", .start_ns = 10, .end_ns = 20,
                                   .endpoints_configured = {"http://h:1/metrics"},
                                   .endpoints_successful = {"http://h:1/metrics"}};
  const std::string csv = render_server_metrics_csv(m, ctx);
  CHECK(csv.starts_with("# AIPerf Server Metrics Export (CSV)\r\n# aiperf_version: "));
  CHECK(csv.find("Endpoint,Type,Metric,Unit,avg,min,max,std,p1,") != std::string::npos);
  CHECK(csv.find("http://h:1/metrics,gauge,running,,2.0000,1.0000,3.0000,1.4142,") != std::string::npos);
  CHECK(csv.find("Endpoint,Type,Metric,Unit,total,rate,rate_avg,rate_min,rate_max,rate_std,r,Description\r\n"
                 "http://h:1/metrics,counter,app_request_success,requests,3.0000,") != std::string::npos);
  CHECK(csv.find(",0.1=1;1=1;+Inf=1\r\n") != std::string::npos);
  const std::string json = render_server_metrics_json(scrapes, m, ctx);
  CHECK(json.find("\"app_request_success\": {\"type\": \"counter\", \"unit\": \"requests\", \"series\": [\n      "
                  "{\"endpoint_url\": \"http://h:1/metrics\", \"labels\": {\"r\": \"stop\"}, \"stats\": {\"total\": 3, "
                  "\"rate\": 300000000") != std::string::npos);
  CHECK(json.find("\"total_fetches\": 2") != std::string::npos);
  std::string line;
  append_server_scrape_jsonl(line, scrapes[1]);
  CHECK(line.starts_with("{\"endpoint_url\":\"http://h:1/metrics\",\"timestamp_ns\":20,\"endpoint_latency_ns\":7,"
                         "\"metrics\":{\"running\":[{\"value\":3.0}]"));
  CHECK(line.find("\"lat_seconds\":[{\"buckets\":{\"0.1\":1.0,\"1\":1.0,\"+Inf\":1.0},\"sum\":0.05,\"count\":1.0}]") !=
        std::string::npos);
}

TEST_CASE("gpu telemetry: DCGM pages become per-GPU records in the schema 1.5 units", "[telemetry][gpu]") {
  const auto fam = parse_prometheus(
      "# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
      "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\",UUID=\"U1\",modelName=\"H100\",Hostname=\"n\",pci_bus_id=\"p\",device=\"nvidia1\"} 100\n"
      "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"U0\",modelName=\"H100\"} 50\n"
      "DCGM_FI_DEV_FB_USED{gpu=\"0\"} 1000\n"
      "DCGM_FI_PROF_SM_ACTIVE{gpu=\"0\"} 0.25\n"
      "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION_total{gpu=\"0\"} 2e9\n"
      "DCGM_FI_DEV_POWER_VIOLATION{gpu=\"0\"} 5000\n"
      "DCGM_FI_DEV_GPU_UTIL{gpu=\"x\"} 1\nDCGM_FI_DEV_GPU_UTIL 1\nOTHER{gpu=\"0\"} 1\n");
  const auto r = parse_dcgm(fam, "http://h:9400/metrics", 5);
  REQUIRE(r.size() == 2);
  CHECK(r[0].gpu_index == 0);
  CHECK(r[0].gpu_uuid == "U0");
  CHECK(r[1].hostname == "n");
  CHECK(r[1].device == "nvidia1");
  auto value = [&](gpu_record const& g, std::string_view f) {
    for (auto const& [k, v] : g.values)
      if (k == f) return v;
    return std::nan("");
  };
  CHECK(value(r[0], "nvidia_power_usage") == 50);
  CHECK(value(r[0], "nvidia_memory_used") == Approx(1.048576));
  CHECK(value(r[0], "nvidia_sm_utilization") == Approx(25));
  CHECK(value(r[0], "nvidia_energy_consumption") == Approx(2.0));
  CHECK(value(r[0], "nvidia_power_violation") == Approx(5.0));
  CHECK(std::isnan(value(r[0], "nvidia_gpu_utilization")));  // no integer gpu label
  CHECK(endpoint_display("http://h:9400/metrics") == "h:9400");
  CHECK(endpoint_display("pynvml://localhost") == "pynvml://localhost");
}

TEST_CASE("gpu telemetry: window statistics, counters from the last sample before the window", "[telemetry][gpu]") {
  std::vector<gpu_record> recs;
  auto add = [&](std::int64_t t, double power, double energy) {
    recs.push_back({.timestamp_ns = t, .source = "http://h:1/metrics", .gpu_index = 0, .gpu_uuid = "U",
                    .gpu_model_name = "G", .values = {{"nvidia_power_usage", power}, {"nvidia_energy_consumption", energy}}});
  };
  add(5, 1000, 1.0);  // before the window: the energy reference, not a power sample
  add(10, 100, 1.5);
  add(20, 200, 2.0);
  add(30, 300, 4.0);
  add(40, 9999, 99);  // after it
  const auto g = summarize_gpus(recs, 10, 30);
  REQUIRE(g.size() == 1);
  REQUIRE(g[0].metrics.size() == 2);
  auto const& p = g[0].metrics[0];
  CHECK(p.field->name == "nvidia_power_usage");
  auto st = [](gpu_summary::field_stats const& m, std::string_view n) {
    for (auto const& s : m.stats)
      if (s.name == n) return s.value;
    return std::nan("");
  };
  CHECK(st(p, "avg") == 200);
  CHECK(st(p, "std") == 100);  // sample std (ddof 1)
  CHECK(st(p, "count") == 3);
  CHECK(st(p, "sum") == 600);
  CHECK(st(g[0].metrics[1], "avg") == 3.0);  // 4.0 - 1.0
  CHECK(g[0].metrics[1].stats.size() == 1);

  const gpu_telemetry_context ctx{.endpoints_configured = {"http://h:1/metrics"}, .endpoints_successful = {"http://h:1/metrics"}};
  const std::string json = render_telemetry_data_json(g, ctx);
  CHECK(json.find("\"h:1\": {\n        \"gpus\": {\n          \"gpu_0\": {\n            \"gpu_index\": 0, \"gpu_name\": \"G\"") !=
        std::string::npos);
  CHECK(json.find("\"nvidia_energy_consumption\": {\"avg\": 3, \"unit\": \"MJ\"}") != std::string::npos);
  const std::string csv = render_telemetry_csv(g);
  CHECK(csv.starts_with("Endpoint,GPU_Index,GPU_Name,GPU_UUID,Platform,Metric,avg,min,max,sum,p1,"));
  CHECK(csv.find("h:1,0,G,U,nvidia,NVIDIA GPU Power Usage (W),200.00,100.00,300.00,600.00,") != std::string::npos);
  CHECK(csv.find("NVIDIA Energy Consumption (MJ),3.00,,,,") != std::string::npos);
  CHECK(render_telemetry_console(g, ctx).find("1/1 telemetry sources reachable") != std::string::npos);
  std::string line;
  append_gpu_record_jsonl(line, recs[1]);
  CHECK(line == "{\"timestamp_ns\":10,\"dcgm_url\":\"http://h:1/metrics\",\"gpu_index\":0,\"gpu_uuid\":\"U\","
                "\"gpu_model_name\":\"G\",\"pci_bus_id\":null,\"device\":null,\"hostname\":null,\"namespace\":null,"
                "\"pod_name\":null,\"platform\":\"nvidia\",\"telemetry_data\":{\"nvidia_power_usage\":100,"
                "\"nvidia_energy_consumption\":1.5}}");
}

TEST_CASE("telemetry session: URL normalisation (§8.1.1)", "[telemetry][session]") {
  CHECK(normalize_metrics_url("localhost:8000") == "http://localhost:8000/metrics");
  CHECK(normalize_metrics_url("http://host/v1/") == "http://host/v1/metrics");
  CHECK(normalize_metrics_url("http://host:9400/metrics") == "http://host:9400/metrics");
  CHECK(normalize_metrics_url("https://h/prometheus/metrics/") == "https://h/prometheus/metrics");
}

TEST_CASE("gpu telemetry: NVML is loaded at run time; without the library one clear sentence", "[telemetry][nvml]") {
  const nvml_collector nvml;
  if (!nvml.ok()) {
    CHECK(nvml.error().find("libnvidia-ml.so.1") != std::string::npos);
    CHECK(nvml.error().find('\n') == std::string::npos);
    CHECK(nvml.sample().empty());
  } else {
    const auto records = nvml.sample();  // a machine with a driver: one record per GPU
    CHECK(records.size() == nvml.device_count());
    for (auto const& r : records) CHECK(r.source == nvml_source);
  }
}
