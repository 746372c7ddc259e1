// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/exporters.hpp.  Golden files: a fixed set of records goes
// through a results::collector built from the driver's full metric set (words as tokens,
// --goodput time_to_first_token:20.5), which streams profile_export.jsonl; the run_summary it
// produces is rendered as JSON, CSV and console text; all four are compared byte for byte with
// tests/data/golden/*.  AIPERF_UPDATE_GOLDEN=1 rewrites the files (review the diff!).  Then the
// edge cases: non-finite values never written, CSV quoting, JSONL lines of failed and cancelled
// requests, inputs.json, the console's notes.
#include "catch.hpp"
#include "golden.hpp"
#include "temp_dir.hpp"
#include "word_tokens.hpp"

#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/console_table.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/metrics/flags.hpp>
#include <aiperf/results/goodput.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <simdjson.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using namespace aiperf;
using aiperf_test::check_golden;

namespace {

/// Eight streamed requests (one with reasoning), one HTTP error, one cancellation, one warmup.
std::vector<request_record> fixed_records() {
  std::vector<request_record> out;
  for (int i = 0; i < 8; ++i) {
    request_record r;
    r.request_num = static_cast<std::uint64_t>(i);
    r.session_num = static_cast<std::uint64_t>(i);
    r.conversation_index = static_cast<std::uint32_t>(i % 3);
    r.worker = static_cast<std::uint32_t>(i % 2);
    const std::int64_t t0 = 1'000'000'000 + i * 50'000'000;
    r.intended_ns = t0 - 2'000 - i * 1'000;
    r.start_ns = t0;
    r.wall_start_ns = 1'700'000'000'000'000'000 + (t0 - 1'000'000'000);
    r.ack_ns = t0 + 1'000'000;
    r.input_tokens = 100 + i;
    r.chunks.push_back(response_chunk{t0 + 1'200'000, 0, 0, false});  // role-only
    if (i == 3) {
      r.chunks.push_back(response_chunk{t0 + 10'000'000, 0, 6, false});
      r.reasoning = "hmm ok";
    }
    for (int k = 0; k < 4 + i; ++k) {
      r.chunks.push_back(response_chunk{t0 + 20'000'000 + i * 1'000'000 + k * (5'000'000 + i * 250'000), 4, 0, false});
      r.content += " tok";
    }
    r.end_ns = r.chunks.back().recv_ns + 100'000;
    out.push_back(std::move(r));
  }
  request_record err;
  err.request_num = 8;
  err.start_ns = 1'500'000'000;
  err.wall_start_ns = 1'700'000'000'500'000'000;
  err.end_ns = 1'502'000'000;
  err.input_tokens = 100;
  err.http_status = 503;
  err.error = error_info{503, "Service Unavailable", "{\"error\":\"overloaded, \\\"retry\\\"\"}"};
  out.push_back(err);
  request_record cancelled = err;
  cancelled.request_num = 9;
  cancelled.error = error_info{499, "RequestCancellationError", "Request cancelled by external signal"};
  cancelled.was_cancelled = true;
  cancelled.cancel_ns = 1'503'000'000;
  out.push_back(cancelled);
  request_record warm = out[0];
  warm.phase = benchmark_phase::warmup;
  out.push_back(warm);
  return out;
}

/// The fixed records through the one results pipeline, as the driver runs it.
struct golden_run {
  aiperf_test::temp_dir dir;
  std::vector<request_record> records = fixed_records();
  std::vector<conversation> conversations = {conversation{.id = "conv-a"}, conversation{.id = "conv-b"},
                                             conversation{.id = "conv-c"}};
  clock_anchor anchor{1'000'000'000, 1'700'000'000'000'000'000};
  results::run_summary summary;
  std::string jsonl;

  golden_run() {
    const auto jsonl_path = dir / "profile_export.jsonl";
    results::collector c(metrics::make_standard_metric_set().evaluator({.streaming = true}, aiperf_test::words),
                         {.streaming = true,
                          .goodput = results::parse_goodput("time_to_first_token:20.5"),
                          .jsonl_path = jsonl_path.string()});
    c.begin(anchor, &conversations);
    for (auto const& r : records) c.add(r);
    results::run_info info;
    info.benchmark_id = "0123456789ab";
    info.input_config_json = R"({"endpoint": {"model_names": ["m"]}})";
    info.cli_command = "aiperf profile -m m --streaming";
    info.seed = 42;
    info.start_wall_ns = 1'700'000'000'000'000'000;
    info.end_wall_ns = 1'700'000'000'600'000'000;
    summary = c.finish(std::move(info));
    jsonl = aiperf_test::read_file(jsonl_path);
  }
};

void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

}  // namespace

TEST_CASE("exporters: summary JSON, CSV and console match the golden files", "[results][exporters][golden]") {
  use_utc();
  golden_run run;
  CHECK(run.summary.profiling.ok == 8);
  CHECK(run.summary.profiling.failed == 2);
  check_golden("profile_export_aiperf.json", results::render_summary_json(run.summary));
  check_golden("profile_export_aiperf.csv", results::render_summary_csv(run.summary.profiling));
  check_golden("console.txt",
               results::render_console(run.summary, {"JSON Export: artifacts/x/profile_export_aiperf.json"}));
}

TEST_CASE("exporters: the streamed JSONL matches the golden file", "[results][exporters][golden]") {
  golden_run run;
  check_golden("profile_export.jsonl", run.jsonl);
}

TEST_CASE("exporters: summary numbers: goodput, rates and error groups", "[results][exporters]") {
  golden_run run;
  auto const& s = run.summary.profiling;
  // TTFTs are 20 + i ms for i = 0..7, except request 3 whose first (reasoning) token came at
  // 10 ms: an SLO of 20.5 ms passes requests 0 and 3.
  REQUIRE(s.find("good_request_count"));
  CHECK(*s.find("good_request_count")->scalar == 2);
  REQUIRE(s.find("time_to_first_token"));
  CHECK(s.find("time_to_first_token")->dist->min == Approx(10.0));
  CHECK(s.find("time_to_first_output_token")->dist->min == Approx(20.0));
  CHECK(s.find("time_to_first_token")->dist->max == Approx(27.0));
  REQUIRE(s.errors.size() == 2);
  CHECK(s.find("error_request_count")->scalar == 2);
  CHECK(s.find("request_count")->scalar == 8);
  REQUIRE(s.duration_s);
  CHECK(*s.find("request_throughput")->scalar == Approx(8 / *s.duration_s));
  // The warmup record is summarized apart.
  CHECK(run.summary.warmup.ok == 1);
  CHECK(run.summary.warmup.find("good_request_count") == nullptr);
}

TEST_CASE("exporters: non-finite values are never written to JSON or CSV", "[results][exporters][json][csv]") {
  results::run_summary s;
  results::metric_result r;
  r.tag = "weird";
  r.header = "Weird";
  r.unit = "ms";
  distribution d;
  d.count = 1;
  d.avg = std::numeric_limits<double>::infinity();
  d.min = 1;
  d.max = std::nan("");
  r.dist = d;
  s.profiling.results.push_back(r);
  results::metric_result sc;
  sc.tag = "rate";
  sc.header = "Rate";
  sc.unit = "requests/sec";
  sc.scalar = std::numeric_limits<double>::quiet_NaN();
  s.profiling.results.push_back(sc);
  const auto json = results::render_summary_json(s);
  CHECK(json.find(": inf") == std::string::npos);  // ("run_info" contains "inf")
  CHECK(json.find("\"avg\"") == std::string::npos);
  CHECK(json.find("nan") == std::string::npos);
  CHECK(json.find("NaN") == std::string::npos);
  CHECK(json.find("\"min\": 1") != std::string::npos);
  CHECK(json.find("\"max\"") == std::string::npos);
  const auto csv = results::render_summary_csv(s.profiling);
  CHECK(csv.find("Weird (ms),,1.00,,") != std::string::npos);
  CHECK(csv.find("Rate (requests/sec),\r\n") != std::string::npos);
  CHECK(csv.find("inf") == std::string::npos);
}

TEST_CASE("exporters: CSV cells with commas or quotes are quoted", "[results][exporters][csv]") {
  results::phase_summary s;
  auto scalar = [&](std::string tag, std::string header, std::string unit, double v, bool integer) {
    results::metric_result r;
    r.tag = std::move(tag);
    r.header = std::move(header);
    r.unit = std::move(unit);
    r.scalar = v;
    r.integer = integer;
    s.results.push_back(r);
  };
  scalar("a", "plain", "", 3, true);
  scalar("b", "a,b", "", 3.14159, false);
  scalar("c", "say \"hi\"", "", 2.5, true);
  scalar("d", "Lat", "ms, wall", 1, false);
  const auto csv = results::render_summary_csv(s);
  CHECK(csv.find("\r\nplain,3.00\r\n") != std::string::npos);  // upstream's values are floats: 3.00
  CHECK(csv.find("\r\n\"a,b\",3.14\r\n") != std::string::npos);
  CHECK(csv.find("\r\n\"say \"\"hi\"\"\",2.50\r\n") != std::string::npos);
  CHECK(csv.find("\r\n\"Lat (ms, wall)\",1.00\r\n") != std::string::npos);
  CHECK(csv.find("Metric,avg,min,max,sum,p1,p5,p10,p25,p50,p75,p90,p95,p99,std\r\n") == 0);
}

TEST_CASE("exporters: JSONL error and cancelled lines", "[results][exporters][jsonl]") {
  auto failed = [](int code, std::string type, std::string msg) {
    request_record r;
    r.start_ns = 100;
    r.wall_start_ns = 5'000'000'100;
    r.end_ns = 200;
    r.error = error_info{code, std::move(type), std::move(msg)};
    return r;
  };
  auto e = failed(0, "InvalidInferenceResults", "Invalid inference results");
  e.input_tokens = 7;
  auto c = failed(499, "RequestCancellationError", "Request was cancelled after 0.000 seconds");
  c.was_cancelled = true;
  c.cancel_ns = 150;
  const clock_anchor anchor{0, 5'000'000'000};
  const auto eval =
      metrics::make_standard_metric_set().evaluator({.streaming = true}, [](std::string_view s) { return s.size(); });
  auto line = [&](request_record const& r) {
    std::vector<double> scalars(eval.metrics.size());
    std::vector<std::vector<double>> lists(eval.metrics.size());
    eval.evaluate(r, scalars.data(), lists.data());
    std::string out;
    results::append_jsonl_record(out, r, eval.metrics, scalars.data(), lists.data(), "conv", anchor, true);
    return out;
  };
  const std::string a = line(e), b = line(c);
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

TEST_CASE("exporters: JSONL writes display units, integers as integers, lists as arrays", "[results][exporters][jsonl]") {
  results::metric_descriptor latency{"lat", "Latency", "ms", 0, 1, false, false, 1e-6};
  results::metric_descriptor tokens{"tok", "Tokens", "tokens", 0, 2, true, false, 1};
  results::metric_descriptor gaps{"gaps", "Gaps", "ms", 0, 3, false, true, 1e-6};
  results::metric_descriptor unset{"none", "None", "x", 0, 4, false, false, 1};
  results::metric_descriptor streamed{"s", "S", "x", metrics::streaming_only, 5, false, false, 1};
  results::metric_descriptor unrecorded{"u", "U", "x", metrics::no_records, 6, false, false, 1};
  const std::vector<results::metric_descriptor> ms = {latency, tokens, gaps, unset, streamed, unrecorded};
  const double scalars[] = {2'500'000, 12, 0, std::nan(""), 1, 1};
  const std::vector<double> lists[] = {{}, {}, {1'000'000, 3'000'000}, {}, {}, {}};
  request_record r;
  std::string out;
  results::append_jsonl_record(out, r, ms, scalars, lists, "c", clock_anchor{}, false);
  CHECK(out.find(R"("metrics":{"lat":{"value":2.5,"unit":"ms"},"tok":{"value":12,"unit":"tokens"},)"
                 R"("gaps":{"value":[1,3],"unit":"ms"}})") != std::string::npos);
}

TEST_CASE("exporters: inputs.json lists every encoded body by conversation", "[results][exporters][inputs]") {
  endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  std::vector<conversation> convs(2);
  convs[0].id = "first";
  convs[0].turns = {turn{.text = "hello"}, turn{.text = "again"}};
  convs[1].id = "second";
  convs[1].turns = {turn{.text = "x", .max_tokens = 5}};
  const prepared_dataset data = prepare_dataset(ep, convs, "localhost:1");
  const std::string json = results::render_inputs_json(data);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
  simdjson::dom::array sessions = root["data"].get_array();
  REQUIRE(sessions.size() == 2);
  std::size_t c = 0;
  for (simdjson::dom::element session : sessions) {
    CHECK(std::string_view(session["session_id"].get_string()) == convs[c].id);
    simdjson::dom::array payloads = session["payloads"].get_array();
    REQUIRE(payloads.size() == convs[c].turns.size());
    std::size_t t = 0;
    for (simdjson::dom::element p : payloads) {
      // Spliced verbatim: the payload is the encoded body (a separate parser: parsing again
      // would invalidate `root`).
      // A later turn of a multi-turn session has its history's answers in place, empty: they
      // only exist during the run.
      simdjson::dom::parser body_parser;
      conversation shown = convs[c];
      for (std::size_t i = 0; i < t; ++i) shown.turns[i].reply = "\x01";
      std::string body = ep.encode(shown, t++).body;
      for (std::size_t at; (at = body.find("\\u0001")) != std::string::npos;) body.erase(at, 6);
      CHECK(simdjson::minify(p) == simdjson::minify(body_parser.parse(body).value()));
    }
    ++c;
  }
  CHECK(json.find(R"({"role":"user","content":"hello"},{"role":"assistant","content":""},{"role":"user","content":"again"})") !=
        std::string::npos);
  CHECK(results::render_inputs_json(prepared_dataset{}) == "{\n  \"data\": []\n}\n");
}

TEST_CASE("exporters: console notes: cancellation, skipped ticks, no CLI line in a custom main", "[results][exporters]") {
  results::run_summary s;
  s.profiling.duration_s = 1.5;
  std::string out = results::render_console(s, {"CSV Export: x.csv"});
  CHECK(out.find("CLI Command") == std::string::npos);
  CHECK(out.find("Benchmark Duration: 1.50 sec\nCSV Export: x.csv\n") != std::string::npos);
  CHECK(out.find("cancelled") == std::string::npos);
  CHECK(out.find("Skipped") == std::string::npos);
  s.info.was_cancelled = true;
  s.info.skipped = 3;
  out = results::render_console(s);
  CHECK(out.find("The profile run was cancelled early.") != std::string::npos);
  CHECK(out.find("Benchmark Duration: 1.50 sec (cancelled early)") != std::string::npos);
  CHECK(out.find("Skipped: 3 scheduled request(s)") != std::string::npos);
}

TEST_CASE("exporters: console warning panels for usage discrepancies and OSL mismatches", "[results][exporters][panels]") {
  results::run_summary s;
  auto scalar = [&](std::string tag, double v) {
    results::metric_result r;
    r.tag = std::move(tag);
    r.unit = "requests";
    r.scalar = v;
    r.flags = metrics::hidden;
    s.profiling.results.push_back(r);
  };
  scalar("request_count", 10);
  scalar("usage_discrepancy_count", 0);
  scalar("osl_mismatch_count", 0);
  CHECK(results::render_console(s).find("Warning") == std::string::npos);  // nothing to warn about

  s.profiling.results.clear();
  scalar("request_count", 1'250);
  scalar("usage_discrepancy_count", 5);
  scalar("osl_mismatch_count", 250);
  results::metric_result diff;
  diff.tag = "osl_mismatch_diff_pct";
  diff.unit = "%";
  diff.dist = distribution{};
  diff.dist->avg = -31.25;
  s.profiling.results.push_back(diff);
  s.thresholds = {.usage_pct = 12.5, .osl_pct = 5, .osl_max_tokens = 50};
  const std::string out = results::render_console(s);
  const auto usage = out.find("─ Token Count Discrepancy Warning ─");
  const auto osl = out.find("─ Output Sequence Length Mismatch Warning ─");
  REQUIRE(usage != std::string::npos);
  REQUIRE(osl != std::string::npos);
  CHECK(usage < osl);  // upstream's order
  CHECK(out.find("│  5 of 1,250 requests (0.4%) show a difference exceeding 12.5% between:") != std::string::npos);
  CHECK(out.find("4. Adjust threshold: AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD=12.5") != std::string::npos);
  CHECK(out.find("│  250 of 1,250 requests (20.0%) have output length differing from requested by more than the "
                 "threshold.") != std::string::npos);
  CHECK(out.find("Threshold (tokens): min(requested × 5%, 50)") != std::string::npos);
  CHECK(out.find("Average mismatch: -31.2%") != std::string::npos);
  CHECK(out.find("AIPERF_METRICS_OSL_MISMATCH_MAX_TOKEN_THRESHOLD=50") != std::string::npos);
  // Every line of a panel is as wide as its borders.
  std::size_t line_start = out.rfind('\n', osl) + 1;
  const std::size_t width = results::text_width(out.substr(line_start, out.find('\n', osl) - line_start));
  for (std::size_t at = out.find('\n', osl) + 1; at < out.size() && (out.compare(at, 3, "│") == 0 || out.compare(at, 3, "╰") == 0);
       at = out.find('\n', at) + 1)
    CHECK(results::text_width(out.substr(at, out.find('\n', at) - at)) == width);
}

TEST_CASE("exporters: a console cell of several lines makes its row as tall, each line right-aligned", "[results][exporters]") {
  const std::string t = results::render_table("T", {"Metric", "avg"}, {{"Completed Requests (Success + Error)\n(requests)", "3.00"}});
  CHECK(t.find("│ Completed Requests (Success + Error) │ 3.00 │\n│                           (requests) │      │\n") !=
        std::string::npos);
}

TEST_CASE("exporters: iso_local_time writes microseconds", "[results][exporters]") {
  use_utc();
  CHECK(results::iso_local_time(1'700'000'000'123'456'789) == "2023-11-14T22:13:20.123456");
}

TEST_CASE("exporters: with_benchmark_id puts the id where AIPerf's UserConfig has it", "[results][exporters]") {
  using results::with_benchmark_id;
  // Right after cli_command, before our own block.
  CHECK(with_benchmark_id(R"({"endpoint": {"model_names": ["m"]}, "cli_command": "aiperf \"x\" {y}", "aiperf_cpp": {"a": 1}})",
                          "id1") ==
        R"({"endpoint": {"model_names": ["m"]}, "cli_command": "aiperf \"x\" {y}", "benchmark_id": "id1", "aiperf_cpp": {"a": 1}})");
  // A nested key named cli_command is not the top-level one.
  CHECK(with_benchmark_id(R"({"a": {"cli_command": "x"}})", "id") == R"({"a": {"cli_command": "x"}, "benchmark_id": "id"})");
  // No cli_command: before our block, else last.
  CHECK(with_benchmark_id(R"({"loadgen": {"concurrency": 1}, "aiperf_cpp": {}})", "id") ==
        R"({"loadgen": {"concurrency": 1}, "benchmark_id": "id", "aiperf_cpp": {}})");
  CHECK(with_benchmark_id(R"({"endpoint": {"model_names": ["m"]}})", "id") ==
        R"({"endpoint": {"model_names": ["m"]}, "benchmark_id": "id"})");
  CHECK(with_benchmark_id("{}", "id") == R"({"benchmark_id": "id"})");
  CHECK(with_benchmark_id("", "id") == R"({"benchmark_id": "id"})");
}
