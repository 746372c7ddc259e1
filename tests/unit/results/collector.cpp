// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/collector.hpp: the one results pipeline.  Errors group by
// {code, type, message}; error-only and non-streaming runs; the benchmark-duration window;
// goodput (every SLO must hold, direction from larger_is_better, a missing value fails, tags
// checked against the set); the JSONL streamed as records arrive, custom metrics included; a
// custom metric in every rendering; warmup kept apart from profiling.
#include "catch.hpp"
#include "temp_dir.hpp"
#include "word_tokens.hpp"

#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/exporters.hpp>

#include <simdjson.h>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

/// `records` through a collector of the full standard set (bytes as tokens unless told).
results::run_summary collect(std::vector<request_record> const& records, bool streaming,
                             std::vector<results::goodput_slo> goodput = {},
                             metrics::token_counter count = bytes_as_tokens) {
  results::collector c(metrics::make_standard_metric_set().evaluator({.streaming = streaming}, std::move(count)),
                       {.streaming = streaming, .goodput = std::move(goodput)});
  c.begin(clock_anchor{0, 5'000'000'000}, nullptr);
  for (auto const& r : records) c.add(r);
  CHECK(c.records() == records.size());
  return c.finish({});
}

/// Tokens per content chunk: a user metric (larger is better, so goodput treats it as a floor).
struct tokens_per_chunk {
  static constexpr std::string_view tag = "tokens_per_chunk";
  static constexpr std::string_view header = "Tokens Per Chunk";
  static constexpr std::string_view unit = "tokens";
  static constexpr metrics::value_mask needs = {metrics::standard_value::osl};
  static constexpr std::uint32_t flags = metrics::larger_is_better;
  std::optional<double> compute(record_view const& r) const {
    const auto osl = r.standard(metrics::standard_value::osl);
    std::size_t chunks = 0;
    for (auto const& c : r.record.chunks) chunks += c.is_content() ? 1 : 0;
    if (!osl || chunks == 0) return std::nullopt;
    return *osl / static_cast<double>(chunks);
  }
};

/// "a b c ..." streamed one word per chunk, 1 ms apart, first at `first_ms`.
request_record words_record(std::int64_t first_ms, int n_words, std::string_view word = "w") {
  request_record r;
  r.start_ns = 0;
  r.wall_start_ns = 1'000'000'000;
  r.ack_ns = 500'000;
  r.input_tokens = 4;
  for (int i = 0; i < n_words; ++i) {
    const std::string text = std::string(i ? " " : "") + std::string(word);
    r.chunks.push_back(response_chunk{(first_ms + i) * 1'000'000, static_cast<std::uint32_t>(text.size()), 0, false});
    r.content += text;
  }
  r.end_ns = r.chunks.back().recv_ns + 1;
  return r;
}

}  // namespace

// ---- summaries -------------------------------------------------------------------------------

TEST_CASE("collector: errors group by {code, type, message}, most frequent first", "[results][collector][errors]") {
  const auto summary = collect({failed(500, "HTTPError", "boom"), failed(503, "HTTPError", "busy"),
                                failed(503, "HTTPError", "busy"), failed(500, "HTTPError", "boom!"),
                                failed(503, "HTTPError", "busy")},
                               true);
  auto const& s = summary.profiling;
  CHECK(s.ok == 0);
  CHECK(s.failed == 5);
  REQUIRE(s.errors.size() == 3);
  CHECK(s.errors[0].error == error_info{503, "HTTPError", "busy"});
  CHECK(s.errors[0].count == 3);
  CHECK(s.errors[1].count == 1);
  CHECK(s.errors[2].count == 1);
  // Ties keep the (code, type, message) order: the output is stable.
  CHECK(s.errors[1].error.message == "boom");
  CHECK(s.errors[2].error.message == "boom!");
  // An error-only run has no duration, no rates and no request_count, but counts its errors.
  CHECK_FALSE(s.duration_s);
  CHECK(s.find("request_throughput") == nullptr);
  CHECK(s.find("request_count") == nullptr);
  REQUIRE(s.find("error_request_count"));
  CHECK(*s.find("error_request_count")->scalar == 5);
  CHECK(*s.find("completed_request_count")->scalar == 5);
  const auto json = results::render_summary_json(summary);
  CHECK(json.find(R"({"error_details": {"code": 503, "type": "HTTPError", "message": "busy"}, "count": 3})") !=
        std::string::npos);
  const auto console = results::render_console(summary);
  CHECK(console.find("aiperf | Error Summary") != std::string::npos);
  CHECK(console.find("│  503 │ HTTPError │    busy │     3 │") != std::string::npos);
}

TEST_CASE("collector: non-streaming run has no streaming-only metrics, duration and rates exact", "[results][collector]") {
  // Starts at 0 and 1 s, last responses at 0.5 s and 2 s: the window is 2 s.
  const auto summary =
      collect({ok_record(0, 500'000'000, "abcd", 10), ok_record(1'000'000'000, 2'000'000'000, "abcdef", 30)}, false);
  auto const& s = summary.profiling;
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

TEST_CASE("collector: usage counts, their distance from ours, OSL mismatches (spec 3.5-3.7)", "[results][collector][usage]") {
  // Bytes as tokens: "abcd" is OSL 4, "abcdefghij" OSL 10.
  auto with_usage = [](request_record r, std::int64_t prompt, std::int64_t completion, std::int64_t max_tokens) {
    r.usage.prompt_tokens = prompt;
    r.usage.completion_tokens = completion;
    r.usage.total_tokens = prompt + completion;
    r.max_tokens = max_tokens;
    return r;
  };
  std::vector<request_record> rs = {
      // ISL 10 vs 11 (10 %: not over), OSL 4 vs 4; asked 4: no mismatch.
      with_usage(ok_record(0, 500'000'000, "abcd", 10), 11, 4, 4),
      // ISL 10 vs 10, OSL 10 vs 12 (20 %: a discrepancy); asked 20: 10 short, allowed min(1, 50).
      with_usage(ok_record(100'000'000, 1'000'000'000, "abcdefghij", 10), 10, 12, 20),
      // No usage block, no max_tokens: compared with nothing.
      ok_record(200'000'000, 1'500'000'000, "abcd", 30),
      failed(500, "HTTPError", "boom"),
  };
  rs.back().input_tokens = 7;
  const auto summary = collect(rs, false);
  auto const& s = summary.profiling;
  auto const* prompt_diff = s.find("usage_prompt_tokens_diff_pct");
  REQUIRE(prompt_diff);
  CHECK(prompt_diff->dist->count == 2);
  CHECK(prompt_diff->dist->max == Approx(10.0));
  CHECK(prompt_diff->dist->min == Approx(0.0));
  auto const* completion_diff = s.find("usage_completion_tokens_diff_pct");
  REQUIRE(completion_diff);
  CHECK(completion_diff->dist->max == Approx(20.0));
  CHECK(s.find("usage_reasoning_tokens_diff_pct") == nullptr);  // no reasoning anywhere
  auto const* osl_diff = s.find("osl_mismatch_diff_pct");
  REQUIRE(osl_diff);
  CHECK(osl_diff->dist->count == 2);
  CHECK(osl_diff->dist->min == Approx(-50.0));  // signed: 10 of 20 asked
  CHECK(osl_diff->dist->max == Approx(0.0));
  CHECK(*s.find("usage_discrepancy_count")->scalar == 1);
  CHECK(*s.find("osl_mismatch_count")->scalar == 1);
  CHECK(*s.find("total_usage_prompt_tokens")->scalar == 21);
  CHECK(*s.find("total_usage_completion_tokens")->scalar == 16);
  CHECK(*s.find("total_usage_total_tokens")->scalar == 37);
  CHECK(s.find("total_usage_reasoning_tokens") == nullptr);
  CHECK(s.find("usage_prompt_tokens")->dist->max == 11);
  CHECK(*s.find("total_error_isl")->scalar == 7);
  // 50 input tokens over the 1.5 s window.
  CHECK(*s.find("input_token_throughput")->scalar == Approx(50.0 / 1.5));
}

TEST_CASE("collector: with the server's token counts there is nothing to compare them with", "[results][collector][usage]") {
  request_record r = ok_record(0, 500'000'000, "abcd", 10);
  r.usage.prompt_tokens = 30;
  r.usage.completion_tokens = 9;
  results::collector c(metrics::make_standard_metric_set().evaluator({.use_server_token_count = true}), {});
  c.begin(clock_anchor{0, 5'000'000'000}, nullptr);
  c.add(r);
  const auto s = c.finish({}).profiling;
  CHECK(s.find("usage_prompt_tokens_diff_pct") == nullptr);
  CHECK(s.find("usage_discrepancy_count") == nullptr);
  CHECK(s.find("input_sequence_length")->dist->max == 30);
  CHECK(s.find("usage_completion_tokens")->dist->max == 9);
}

TEST_CASE("collector: totals exist only for the metrics in the set", "[results][collector]") {
  results::collector c(make_metric_set(metrics::request_latency{}).evaluator({}), {});
  c.begin(clock_anchor{0, 5'000'000'000}, nullptr);
  c.add(ok_record(0, 500'000'000, "abcd"));
  const auto s = c.finish({}).profiling;
  CHECK(s.find("request_latency") != nullptr);
  CHECK(s.find("request_throughput") != nullptr);
  CHECK(s.find("output_token_throughput") == nullptr);
  CHECK(s.find("total_isl") == nullptr);
  CHECK(s.find("total_osl") == nullptr);
  CHECK(s.find("output_sequence_length") == nullptr);
}

TEST_CASE("collector: warmup records are summarized apart from profiling", "[results][collector][warmup]") {
  auto warm = ok_record(0, 100'000'000, "ab");
  warm.phase = benchmark_phase::warmup;
  auto warm_failed = failed(500, "HTTPError", "cold");
  warm_failed.phase = benchmark_phase::warmup;
  const auto summary = collect({warm, warm_failed, ok_record(0, 300'000'000, "abcdef"), ok_record(0, 500'000'000, "ab")}, false);
  CHECK(summary.profiling.ok == 2);
  CHECK(summary.profiling.failed == 0);
  CHECK(summary.profiling.errors.empty());
  CHECK(summary.profiling.find("request_latency")->dist->count == 2);
  CHECK(summary.profiling.find("request_latency")->dist->min == Approx(300.0));
  CHECK(summary.warmup.ok == 1);
  CHECK(summary.warmup.failed == 1);
  REQUIRE(summary.warmup.errors.size() == 1);
  CHECK(summary.warmup.errors[0].error.message == "cold");
  CHECK(summary.warmup.find("request_latency")->dist->count == 1);
  CHECK(summary.warmup.find("request_latency")->dist->max == Approx(100.0));
  const auto json = results::render_summary_json(summary);
  CHECK(json.find("\"warmup_metrics\": {") != std::string::npos);
  CHECK(json.find("\"message\": \"cold\"") == std::string::npos);  // the error summary is profiling's
  // A run without warmup records has an empty warmup phase.
  const auto no_warmup = collect({ok_record(0, 1, "a")}, false);
  CHECK(no_warmup.warmup.ok + no_warmup.warmup.failed == 0);
  CHECK(no_warmup.warmup.find("request_latency") == nullptr);
}

// ---- goodput ---------------------------------------------------------------------------------

namespace {
/// Whether `r` is a good request under `slos` (display units), words as tokens.
bool good(request_record const& r, std::vector<results::goodput_slo> slos) {
  // Keep the summary alive: find() points into it.
  auto const summary = collect({r}, true, std::move(slos), aiperf_test::words);
  auto const* n = summary.profiling.find("good_request_count");
  REQUIRE(n);
  return *n->scalar == 1;
}

request_record two_tokens() {  // TTFT 2000 ns, ITL 2000 ns, OTPS/user 5e5 tokens/s
  request_record r = ok_record(1000, 3000, " a");
  r.chunks.push_back(response_chunk{5000, 2, 0, false});
  r.content += " b";
  return r;
}

/// Spec measurement §15: TTFT 100 ms, ITL 21.67 ms, OTPS/user 46.15.
request_record worked_example() {
  request_record r;
  r.start_ns = 1'000'000'000;
  r.wall_start_ns = 6'000'000'000;
  r.input_tokens = 20;
  auto add = [&](std::int64_t t, std::string_view content, std::string_view reasoning) {
    r.chunks.push_back(response_chunk{t, static_cast<std::uint32_t>(content.size()),
                                      static_cast<std::uint32_t>(reasoning.size()), false});
    r.content += content;
    r.reasoning += reasoning;
  };
  add(1'050'000'000, "", "");
  add(1'100'000'000, "", "Let me think");
  add(1'120'000'000, "", " about it");
  add(1'200'000'000, "Hello", "");
  add(1'230'000'000, " world", "");
  r.end_ns = 1'260'000'000;
  return r;
}

/// Whether the worked example is good under `slos`, with words as tokens (OSL 7).
bool worked_example_good(std::vector<results::goodput_slo> slos) {
  results::collector c(metrics::make_standard_metric_set().evaluator({.streaming = true}, aiperf_test::words),
                       {.streaming = true, .goodput = std::move(slos)});
  c.begin({}, nullptr);
  c.add(worked_example());
  return *c.finish({}).profiling.find("good_request_count")->scalar == 1;
}
}  // namespace

TEST_CASE("collector goodput: every SLO must hold, direction from the metric, a missing value fails",
          "[results][collector][goodput]") {
  // The SLO is compared in display units: value x scale, computed here the same way, so ties are exact.
  const double ttft_ms = 2000.0 * metrics::ttft::scale;
  CHECK(good(two_tokens(), {{"time_to_first_token", ttft_ms}}));  // ties pass
  CHECK_FALSE(good(two_tokens(), {{"time_to_first_token", 1999.0 * metrics::ttft::scale}}));
  CHECK(good(two_tokens(), {{"output_token_throughput_per_user", 1e9 / 2000.0}}));  // larger is better
  CHECK_FALSE(good(two_tokens(), {{"output_token_throughput_per_user", 1e9 / 1999.0}}));
  request_record one = ok_record(1000, 3000, " a");  // one token: no ITL -> an ITL SLO fails
  CHECK_FALSE(good(one, {{"inter_token_latency", 1e12}}));
  auto err = two_tokens();
  err.error = error_info{500, "HTTPError", "boom"};
  CHECK_FALSE(good(err, {{"time_to_first_token", 1e12}}));  // a failed request is never good
}

TEST_CASE("collector goodput: spec §15 worked example, thresholds in display units", "[results][collector][goodput]") {
  CHECK(worked_example_good({{"time_to_first_token", 100}}));  // equal passes
  CHECK_FALSE(worked_example_good({{"time_to_first_token", 99.9}}));
  CHECK(worked_example_good({{"time_to_first_token", 150}, {"inter_token_latency", 25}}));
  CHECK_FALSE(worked_example_good({{"time_to_first_token", 150}, {"inter_token_latency", 20}}));
  CHECK(worked_example_good({{"output_token_throughput_per_user", 40}}));  // larger is better: 46.15 >= 40
  CHECK_FALSE(worked_example_good({{"output_token_throughput_per_user", 50}}));
}

TEST_CASE("collector goodput: no SLOs, no goodput results", "[results][collector][goodput]") {
  const auto s = collect({two_tokens()}, true).profiling;
  CHECK(s.find("good_request_count") == nullptr);
  CHECK(s.find("goodput") == nullptr);
  const auto with = collect({two_tokens(), failed(500, "x", "y")}, true, {{"request_latency", 1e9}}).profiling;
  CHECK(*with.find("good_request_count")->scalar == 1);
  REQUIRE(with.find("goodput"));
  CHECK(with.find("goodput")->unit == "requests/sec");
}

TEST_CASE("collector goodput: a custom metric's SLO uses its own direction", "[results][collector][goodput]") {
  auto set = make_metric_set(metrics::ttft{}, tokens_per_chunk{});
  auto is_good = [&](double floor) {
    results::collector c(set.evaluator({.streaming = true}, aiperf_test::words),
                         {.streaming = true, .goodput = {{"tokens_per_chunk", floor}}});
    c.begin({}, nullptr);
    c.add(words_record(10, 4));  // 4 tokens in 4 chunks: 1.0
    return *c.finish({}).profiling.find("good_request_count")->scalar == 1;
  };
  CHECK(is_good(1.0));
  CHECK(is_good(0.5));
  CHECK_FALSE(is_good(1.5));
}

TEST_CASE("collector goodput: tags are checked against the metric set", "[results][collector][goodput]") {
  auto make = [](std::string tag, bool streaming) {
    results::collector c(metrics::make_standard_metric_set().evaluator({.streaming = streaming}, bytes_as_tokens),
                         {.streaming = streaming, .goodput = {{std::move(tag), 1.0}}});
  };
  CHECK_THROWS_WITH(make("no_such_metric", true), "Unknown metric tag in --goodput: no_such_metric");
  // Not usable as an SLO: a list, an error-only metric, a client-fidelity metric.
  CHECK_THROWS_WITH(make("inter_chunk_latency", true), "Unknown metric tag in --goodput: inter_chunk_latency");
  CHECK_THROWS_WITH(make("error_isl", true), "Unknown metric tag in --goodput: error_isl");
  CHECK_THROWS_WITH(make("send_lateness", true), "Unknown metric tag in --goodput: send_lateness");
  CHECK_THROWS_WITH(make("time_to_first_token", false),
                    "Invalid --goodput: metric(s) ['time_to_first_token'] are not applicable to the current "
                    "endpoint/configuration.");
  CHECK_THROWS_AS(make("time_to_first_token", false), std::invalid_argument);
  CHECK_NOTHROW(make("time_to_first_token", true));
  CHECK_NOTHROW(make("request_latency", false));
  // A metric the set does not name is unknown to this run.
  auto ttft_only = [] {
    results::collector c(make_metric_set(metrics::ttft{}).evaluator({.streaming = true}),
                         {.streaming = true, .goodput = {{"request_latency", 1.0}}});
  };
  CHECK_THROWS_WITH(ttft_only(), "Unknown metric tag in --goodput: request_latency");
}

// ---- the JSONL and a custom metric in every rendering --------------------------------------------

TEST_CASE("collector: the JSONL is streamed, one line per record, custom metrics in every line",
          "[results][collector][jsonl]") {
  aiperf_test::temp_dir dir;
  const auto path = dir / "profile_export.jsonl";
  const std::vector<conversation> convs = {conversation{.id = "conv-0"}, conversation{.id = "conv-1"}};
  auto set = make_metric_set(metrics::ttft{}, tokens_per_chunk{}, metrics::osl{});
  results::collector c(set.evaluator({.streaming = true}, aiperf_test::words),
                       {.streaming = true, .jsonl_path = path.string()});
  c.begin(clock_anchor{0, 1'000'000'000}, &convs);
  CHECK(std::filesystem::exists(path));  // opened by begin()
  std::vector<request_record> records;
  for (int i = 0; i < 6; ++i) {
    auto r = words_record(10 + i, 2 + i);
    r.request_num = static_cast<std::uint64_t>(i);
    r.conversation_index = static_cast<std::uint32_t>(i % 2);
    if (i == 5) r.phase = benchmark_phase::warmup;
    c.add(r);
  }
  c.add(failed(500, "HTTPError", "boom"));
  const auto summary = c.finish({});
  const std::string jsonl = aiperf_test::read_file(path);

  std::istringstream lines(jsonl);
  std::string line;
  std::size_t n = 0;
  simdjson::dom::parser parser;
  while (std::getline(lines, line)) {
    INFO("line " << n << ": " << line);
    simdjson::dom::element e;
    REQUIRE(parser.parse(line).get(e) == simdjson::SUCCESS);
    if (n < 6) {
      CHECK(std::string_view(e["metadata"]["conversation_id"].get_string()) == (n % 2 ? "conv-1" : "conv-0"));
      CHECK(std::string_view(e["metadata"]["benchmark_phase"].get_string()) == (n == 5 ? "warmup" : "profiling"));
      CHECK(double(e["metrics"]["tokens_per_chunk"]["value"]) == 1.0);
      CHECK(std::string_view(e["metrics"]["tokens_per_chunk"]["unit"].get_string()) == "tokens");
      CHECK(int64_t(e["metrics"]["output_sequence_length"]["value"]) == static_cast<std::int64_t>(2 + n));
      CHECK(double(e["metrics"]["time_to_first_token"]["value"]) == static_cast<double>(10 + n));
    } else {
      CHECK(e["metrics"]["tokens_per_chunk"].error() == simdjson::NO_SUCH_FIELD);  // a failed request has none
      CHECK(int64_t(e["error"]["code"]) == 500);
    }
    ++n;
  }
  CHECK(n == 7);
  CHECK(summary.profiling.ok == 5);
  CHECK(summary.profiling.failed == 1);
  CHECK(summary.warmup.ok == 1);
}

TEST_CASE("collector: a custom metric reaches the console, the JSON and the CSV", "[results][collector][custom]") {
  auto set = make_metric_set(metrics::ttft{}, tokens_per_chunk{}, metrics::osl{});
  results::collector c(set.evaluator({.streaming = true}, aiperf_test::words), {.streaming = true});
  c.begin({}, nullptr);
  c.add(words_record(10, 4));
  auto two_per_chunk = words_record(20, 4, "x y");  // 8 tokens in 4 chunks
  c.add(two_per_chunk);
  const auto summary = c.finish({});
  auto const* tpc = summary.find("tokens_per_chunk");
  REQUIRE(tpc);
  CHECK(tpc->unit == "tokens");
  CHECK(tpc->dist->count == 2);
  CHECK(tpc->dist->avg == 1.5);
  CHECK(tpc->display_order == metrics::default_display_order);

  const auto console = results::render_console(summary);
  // avg, min, max (column widths depend on the other rows).
  CHECK(std::regex_search(console, std::regex("Tokens Per Chunk \\(tokens\\) │ +1\\.50 │ +1\\.00 │ +2\\.00 │")));
  CHECK(console.find("Time to First Token (ms)") != std::string::npos);
  // After the standard record rows (display order 750 > OSL's 600).
  CHECK(console.find("Tokens Per Chunk") > console.find("Output Sequence Length"));

  const auto json = results::render_summary_json(summary);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
  CHECK(std::string_view(root["tokens_per_chunk"]["unit"].get_string()) == "tokens");
  CHECK(double(root["tokens_per_chunk"]["avg"]) == 1.5);
  CHECK(uint64_t(root["tokens_per_chunk"]["count"]) == 2);

  const auto csv = results::render_summary_csv(summary.profiling);
  CHECK(csv.find("\r\nTokens Per Chunk (tokens),1.50,1.00,2.00,3.00,") != std::string::npos);
}

TEST_CASE("collector: an unwritable JSONL path is one clear error", "[results][collector][jsonl]") {
  aiperf_test::temp_dir dir;
  const std::string path = (dir / "missing" / "profile_export.jsonl").string();
  results::collector c(make_metric_set(metrics::ttft{}).evaluator({.streaming = true}),
                       {.streaming = true, .jsonl_path = path});
  CHECK_THROWS_WITH(c.begin({}, nullptr), Catch::StartsWith("cannot write " + path + ": "));  // and why
}

TEST_CASE("collector: an endpoint that produces no tokens has no token metric anywhere", "[results][collector]") {
  // Embeddings/rankings answers: one non-text output each, a usage block with prompt tokens.
  auto vector_record = [](std::int64_t start, std::int64_t last) {
    request_record r;
    r.start_ns = start;
    r.wall_start_ns = 5'000'000'000 + start;
    r.input_tokens = 10;
    response_chunk c;
    c.recv_ns = last;
    c.has_output = true;
    r.chunks.push_back(c);
    r.usage.prompt_tokens = 10;
    r.end_ns = last + 1'000;
    return r;
  };
  aiperf_test::temp_dir dir;
  const std::string jsonl = (dir / "records.jsonl").string();
  results::collector c(
      metrics::make_standard_metric_set().evaluator({.streaming = false, .produces_tokens = false}, bytes_as_tokens),
      {.streaming = false, .produces_tokens = false, .jsonl_path = jsonl});
  c.begin(clock_anchor{0, 5'000'000'000}, nullptr);
  c.add(vector_record(0, 500'000'000));
  c.add(vector_record(1'000'000'000, 2'000'000'000));
  const auto s = c.finish({}).profiling;
  REQUIRE(s.find("request_latency"));
  CHECK(s.find("request_latency")->dist->max == Approx(1000.0));
  CHECK(*s.find("request_throughput")->scalar == Approx(1.0));
  CHECK(*s.find("request_count")->scalar == 2);
  for (auto tag : {"input_sequence_length", "output_sequence_length", "output_token_count", "output_token_throughput",
                   "total_token_throughput", "total_isl", "total_osl", "e2e_output_token_throughput"})
    CHECK(s.find(tag) == nullptr);
  std::ifstream in(jsonl);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    CHECK(line.find("\"request_latency\"") != std::string::npos);
    CHECK(line.find("input_sequence_length") == std::string::npos);
  }
  CHECK(lines == 2);
  // A goodput SLO on a token metric is not applicable.
  CHECK_THROWS_WITH(results::collector(metrics::make_standard_metric_set().evaluator({.produces_tokens = false}),
                                       {.produces_tokens = false, .goodput = {{"output_sequence_length", 5}}}),
                    Catch::Contains("not applicable"));
}
