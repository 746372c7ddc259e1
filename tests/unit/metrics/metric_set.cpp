// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/metric_set.hpp: a compile-time set of standard and user
// metrics, described (descriptors()) and evaluated per record (evaluate(), evaluator()) for the
// results pipeline; the docs/metrics.md custom-metric example; and "pay only for what is named":
// a set computes the standard values its metrics need and nothing else, and calls the token
// counter only when one of them needs output token counts.
#include "catch.hpp"

#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/exporters.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace aiperf;

namespace {

struct chunk_count {
  static constexpr std::string_view tag = "chunk_count";
  static constexpr std::string_view header = "Chunk Count";
  static constexpr std::string_view unit = "chunks";
  std::optional<double> compute(record_view const& r) const { return static_cast<double>(r.record.chunks.size()); }
};
struct not_a_metric {
  int compute(record_view const&) const { return 0; }
};

/// One record's evaluation, laid out as results::record_evaluator fills it.
struct evaluation {
  std::vector<double> scalars;
  std::vector<std::vector<double>> lists;
};
evaluation evaluate(results::record_evaluator const& e, request_record const& r) {
  evaluation out{std::vector<double>(e.metrics.size()), std::vector<std::vector<double>>(e.metrics.size())};
  e.evaluate(r, out.scalars.data(), out.lists.data());
  return out;
}

/// The summary of `records` through a collector fed by `e` (no JSONL, no goodput).
results::run_summary summarize(results::record_evaluator e, std::vector<request_record> const& records, bool streaming) {
  results::collector c(std::move(e), {.streaming = streaming});
  c.begin(clock_anchor{0, 0}, nullptr);
  for (auto const& r : records) c.add(r);
  return c.finish({});
}

}  // namespace

static_assert(Metric<chunk_count>);
static_assert(Metric<metrics::ttft>);
static_assert(!Metric<not_a_metric>);
static_assert(!Metric<int>);

TEST_CASE("metric set: evaluates standard and user metrics per record", "[metrics][metric_set]") {
  auto set = make_metric_set(metrics::request_latency{}, chunk_count{}, metrics::ttft{});
  STATIC_REQUIRE(decltype(set)::size() == 3);

  const auto d = set.descriptors();
  REQUIRE(d.size() == 3);
  CHECK(d[0].tag == "request_latency");
  CHECK(d[0].unit == "ms");
  CHECK(d[0].scale == 1e-6);
  CHECK(d[1].tag == "chunk_count");
  CHECK(d[1].header == "Chunk Count");
  CHECK(d[1].unit == "chunks");
  CHECK(d[1].scale == 1.0);  // the defaults of an undeclared optional member
  CHECK(d[1].flags == 0);
  CHECK(d[1].display_order == metrics::default_display_order);
  CHECK_FALSE(d[1].integer);
  CHECK_FALSE(d[1].list);
  CHECK(d[2].tag == "time_to_first_token");

  std::vector<request_record> records;
  for (int i = 1; i <= 4; ++i) {
    request_record r;
    r.start_ns = 0;
    r.chunks.assign(static_cast<std::size_t>(i), response_chunk{i * 1'000'000, 1, 0, false});
    r.content = std::string(static_cast<std::size_t>(i), 'x');
    records.push_back(r);
  }
  // Not streaming: ttft stays absent (NaN), the others have values in storage units.
  const auto e = set.evaluator({.streaming = false}, [](std::string_view t) { return t.size(); });
  REQUIRE(e.metrics.size() == 3);
  const evaluation first = evaluate(e, records[0]);
  CHECK(first.scalars[0] == 1'000'000);
  CHECK(first.scalars[1] == 1);
  CHECK(std::isnan(first.scalars[2]));

  const auto out = summarize(e, records, false).profiling;
  CHECK(out.find("time_to_first_token") == nullptr);  // had no values
  REQUIRE(out.find("request_latency"));
  CHECK(out.find("request_latency")->unit == "ms");
  CHECK(out.find("request_latency")->dist->avg == Approx(2.5));
  CHECK(out.find("request_latency")->dist->max == Approx(4.0));
  REQUIRE(out.find("chunk_count"));
  CHECK(out.find("chunk_count")->dist->sum == 10);
  results::run_summary s;
  s.profiling = out;
  const std::string table = results::render_console(s);
  CHECK_THAT(table, Catch::Contains("Request Latency (ms)"));
  CHECK_THAT(table, Catch::Contains("Chunk Count (chunks)"));
}

TEST_CASE("metric set: list metrics fill their list, cleared for every record", "[metrics][metric_set]") {
  auto set = make_metric_set(metrics::ttft{}, metrics::inter_chunk_latency{});
  request_record r;
  r.start_ns = 0;
  for (std::int64_t t : {10, 30, 60}) r.chunks.push_back(response_chunk{t, 1, 0, false});
  r.content = "abc";
  const auto e = set.evaluator({.streaming = true});
  CHECK(e.metrics[1].list);
  evaluation out{std::vector<double>(2), std::vector<std::vector<double>>(2, std::vector<double>{99.0})};
  e.evaluate(r, out.scalars.data(), out.lists.data());
  CHECK(out.scalars[0] == 10);
  CHECK(out.lists[1] == std::vector<double>{20, 30});
}

// ---- docs/metrics.md ---------------------------------------------------------------------------

namespace {
struct chars_per_token {  // as in docs/metrics.md
  static constexpr std::string_view tag = "chars_per_token", header = "Characters per Token", unit = "chars";
  std::optional<double> compute(aiperf::record_view const& r) const {
    auto osl = r.standard(aiperf::metrics::standard_value::output_token_count);
    if (!osl || *osl == 0) return std::nullopt;
    return static_cast<double>(r.record.content.size()) / *osl;
  }
};

aiperf::request_record streamed(std::int64_t first_ns, std::string_view a, std::string_view b) {
  aiperf::request_record r;
  r.start_ns = 0;
  for (auto [t, text] : {std::pair{first_ns, a}, std::pair{first_ns + 4'000'000, b}}) {
    aiperf::response_chunk c;
    c.recv_ns = t;
    c.content_bytes = static_cast<std::uint32_t>(text.size());
    r.content += text;
    r.chunks.push_back(c);
  }
  return r;
}
}  // namespace

TEST_CASE("docs/metrics.md custom metric: described, evaluated and summarized next to a standard one",
          "[metrics][metric_set][custom]") {
  // One token per byte pair: a deterministic counter for the test.
  const aiperf::metrics::token_counter count = [](std::string_view s) { return (s.size() + 1) / 2; };
  auto set = aiperf::make_metric_set(aiperf::metrics::ttft{}, chars_per_token{});
  static_assert(decltype(set)::size() == 2);
  // chars_per_token declares no `needs`: it gets every standard value, token counts included.
  STATIC_REQUIRE(decltype(set)::needs == aiperf::metrics::value_mask::all());

  const auto d = set.descriptors();
  REQUIRE(d.size() == 2);
  CHECK(d[0].tag == "time_to_first_token");
  CHECK(d[0].unit == "ms");
  CHECK(d[1].tag == "chars_per_token");
  CHECK(d[1].header == "Characters per Token");
  CHECK(d[1].unit == "chars");

  const std::vector<aiperf::request_record> recs = {streamed(10'000'000, "abcd", "efgh"),  // 8 chars, 4 tokens
                                                    streamed(30'000'000, "abc", "def")};   // 6 chars, 3 tokens
  const auto e = set.evaluator({.streaming = true}, count);
  const evaluation first = evaluate(e, recs[0]);
  CHECK(first.scalars[0] == 10'000'000);
  CHECK(first.scalars[1] == 2.0);

  const auto s = summarize(e, recs, true);
  auto const* ttft = s.find("time_to_first_token");
  REQUIRE(ttft);
  CHECK(ttft->unit == "ms");
  CHECK(ttft->dist->avg == Approx(20.0));  // (10 + 30) / 2 ms
  auto const* cpt = s.find("chars_per_token");
  REQUIRE(cpt);
  CHECK(cpt->dist->count == 2);
  CHECK(cpt->dist->min == 2.0);
  CHECK(cpt->dist->max == 2.0);
  const auto table = aiperf::results::render_console(s);
  CHECK(table.find("Characters per Token (chars)") != std::string::npos);
  CHECK(table.find("20.00") != std::string::npos);
}

// ---- pay only for what is named --------------------------------------------------------------

namespace {

/// Keeps the standard values it was given.  With `needs = {}`: it asks for none.
struct values_probe_needing_nothing {
  static constexpr std::string_view tag = "probe_nothing", header = "Probe Nothing", unit = "x";
  static constexpr metrics::value_mask needs = {};
  std::vector<metrics::standard_values>* seen;
  std::optional<double> compute(record_view const& r) const {
    seen->push_back(r.values);
    return 1.0;
  }
};

/// Keeps the standard values it was given.  No `needs`: it gets every one.
struct values_probe_needing_everything {
  static constexpr std::string_view tag = "probe_everything", header = "Probe Everything", unit = "x";
  std::vector<metrics::standard_values>* seen;
  std::optional<double> compute(record_view const& r) const {
    seen->push_back(r.values);
    return 1.0;
  }
};

/// A streamed record: one reasoning chunk, then three text chunks; ISL known.
request_record full_record() {
  request_record r;
  r.start_ns = 1'000;
  r.intended_ns = 900;
  r.ack_ns = 1'100;
  r.input_tokens = 12;
  r.chunks = {response_chunk{1'500, 0, 5, false}, response_chunk{2'000, 5, 0, false},
              response_chunk{3'000, 4, 0, false}, response_chunk{4'500, 6, 0, false}};
  r.reasoning = "think";
  r.content = "hello big world";
  r.end_ns = 5'000;
  return r;
}

/// A token counter that counts its calls.
struct counting_words {
  std::size_t* calls;
  std::size_t operator()(std::string_view s) const {
    ++*calls;
    std::size_t n = 0;
    bool in = false;
    for (char c : s) {
      const bool space = c == ' ';
      if (!space && !in) ++n;
      in = !space;
    }
    return n;
  }
};

}  // namespace

TEST_CASE("pay only for what is named: TTFT + request latency never tokenize output", "[metrics][metric_set][needs]") {
  std::vector<metrics::standard_values> seen;
  auto set = make_metric_set(metrics::ttft{}, metrics::request_latency{}, values_probe_needing_nothing{&seen});
  using set_t = decltype(set);
  STATIC_REQUIRE(set_t::needs == metrics::value_mask{metrics::standard_value::ttft, metrics::standard_value::request_latency});
  STATIC_REQUIRE_FALSE(set_t::needs_tokenizer(false));

  std::size_t calls = 0;
  const auto e = set.evaluator({.streaming = true}, counting_words{&calls});
  const request_record r = full_record();
  REQUIRE(r.first_content() == 0);
  const evaluation out = evaluate(e, r);
  CHECK(calls == 0);
  CHECK(out.scalars[0] == 500);    // TTFT: the reasoning chunk at 1500
  CHECK(out.scalars[1] == 3'500);  // request latency: last content at 4500
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].ttft == 500.0);
  CHECK(seen[0].request_latency == 3'500.0);
  CHECK_FALSE(seen[0].osl);
  CHECK_FALSE(seen[0].output_token_count);
  CHECK_FALSE(seen[0].isl);
  CHECK_FALSE(seen[0].itl);
  CHECK(seen[0].inter_chunk_latency.empty());
}

TEST_CASE("pay only for what is named: a metric with needs = {} computes nothing standard",
          "[metrics][metric_set][needs]") {
  std::vector<metrics::standard_values> seen;
  auto set = make_metric_set(values_probe_needing_nothing{&seen});
  STATIC_REQUIRE(decltype(set)::needs.empty());
  STATIC_REQUIRE_FALSE(decltype(set)::needs_tokenizer(false));
  std::size_t calls = 0;
  const evaluation out = evaluate(set.evaluator({.streaming = true}, counting_words{&calls}), full_record());
  CHECK(calls == 0);
  CHECK(out.scalars[0] == 1.0);
  REQUIRE(seen.size() == 1);
  for (std::size_t i = 0; i < metrics::standard_value_count; ++i) {
    INFO("standard value " << i);
    CHECK_FALSE(seen[0].get(static_cast<metrics::standard_value>(i)));
  }
  CHECK(seen[0].inter_chunk_latency.empty());
}

TEST_CASE("pay only for what is named: a metric without needs gets every value", "[metrics][metric_set][needs]") {
  std::vector<metrics::standard_values> seen;
  auto set = make_metric_set(values_probe_needing_everything{&seen});
  STATIC_REQUIRE(metrics::metric_traits<values_probe_needing_everything>::needs == metrics::value_mask::all());
  STATIC_REQUIRE(decltype(set)::needs == metrics::value_mask::all());
  STATIC_REQUIRE(decltype(set)::needs_tokenizer(false));
  STATIC_REQUIRE_FALSE(decltype(set)::needs_tokenizer(true));  // server counts: no tokenizer
  std::size_t calls = 0;
  evaluate(set.evaluator({.streaming = true}, counting_words{&calls}), full_record());
  CHECK(calls == 2);  // the content and the reasoning
  REQUIRE(seen.size() == 1);
  auto const& v = seen[0];
  CHECK(v.ttft == 500.0);
  CHECK(v.ttfo == 1'000.0);
  CHECK(v.ttst == 500.0);
  CHECK(v.request_latency == 3'500.0);
  CHECK(v.decode_duration == 3'000.0);
  CHECK(v.output_token_count == 3.0);
  CHECK(v.reasoning_token_count == 1.0);
  CHECK(v.osl == 4.0);
  CHECK(v.itl == 1'000.0);
  CHECK(v.output_token_throughput_per_user == 1e6);
  CHECK(v.isl == 12.0);
  CHECK(v.send_lateness == 100.0);
  CHECK(v.latency_from_intended == 3'600.0);
  CHECK(v.stream_setup_latency == 100.0);
  CHECK(v.inter_chunk_latency == std::vector<double>{500, 1'000, 1'500});
  CHECK_FALSE(v.error_isl);  // a successful record has none
}
