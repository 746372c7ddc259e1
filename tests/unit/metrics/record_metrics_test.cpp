// SPDX-License-Identifier: Apache-2.0
// compute_record(): every standard record metric on hand-built records, the spec §15 worked
// example, --use-server-token-count, errors, 0-output records and goodput SLO evaluation.
#include "catch.hpp"
#include "word_tokens.hpp"

#include <aiperf/metrics/record_values.hpp>

#include <string>
#include <string_view>

using namespace aiperf;
using namespace aiperf::metrics;

namespace {

using aiperf_test::words;
const token_counter count_words = words;

void add(request_record& r, std::int64_t t, std::string_view content, std::string_view reasoning = {},
         bool usage = false) {
  response_chunk c;
  c.recv_ns = t;
  c.content_bytes = static_cast<std::uint32_t>(content.size());
  c.reasoning_bytes = static_cast<std::uint32_t>(reasoning.size());
  c.has_usage = usage;
  r.content += content;
  r.reasoning += reasoning;
  r.chunks.push_back(c);
}

/// Spec measurement §15: role-only chunk, two reasoning chunks, two text chunks, usage-only tail.
request_record worked_example() {
  request_record r;
  r.start_ns = 1'000'000'000;
  r.wall_start_ns = 1'700'000'000'000'000'000;
  r.ack_ns = 1'040'000'000;
  r.input_tokens = 20;
  add(r, 1'050'000'000, "");                 // role-only delta
  add(r, 1'100'000'000, "", "Let me think");
  add(r, 1'120'000'000, "", " about it");
  add(r, 1'200'000'000, "Hello");
  add(r, 1'230'000'000, " world");
  add(r, 1'250'000'000, "", "", true);       // usage-only chunk
  r.usage.prompt_tokens = 20;
  r.usage.completion_tokens = 9;
  r.usage.reasoning_tokens = 5;
  r.end_ns = 1'260'000'000;
  return r;
}

double at(record_values const& v, slot::rv s) {
  REQUIRE(v.v[s].has_value());
  return *v.v[s];
}

}  // namespace

TEST_CASE("record metrics: spec §15 worked example (client token counts)", "[metrics][record]") {
  const auto r = worked_example();
  const auto v = compute_record(r, count_words, {.streaming = true});
  CHECK(at(v, slot::ttft) == 100'000'000);
  CHECK(at(v, slot::ttst) == 20'000'000);
  CHECK(at(v, slot::ttfo) == 200'000'000);
  CHECK(at(v, slot::request_latency) == 230'000'000);  // usage-only chunk excluded
  CHECK(at(v, slot::decode_duration) == 130'000'000);
  CHECK(at(v, slot::reasoning_token_count) == 5);
  CHECK(at(v, slot::output_token_count) == 2);
  CHECK(at(v, slot::osl) == 7);
  CHECK(at(v, slot::isl) == 20);
  CHECK(at(v, slot::itl) == Approx(130e6 / 6));
  CHECK(at(v, slot::itl) * 1e-6 == Approx(21.6667).epsilon(1e-5));
  CHECK(at(v, slot::otps_user) == Approx(46.1538).epsilon(1e-5));
  CHECK(at(v, slot::e2e_otps) == Approx(7 / 0.230));
  CHECK(at(v, slot::stream_setup) == 40'000'000);
  REQUIRE(v.has_icl);
  REQUIRE(v.icl.size() == 3);
  CHECK(v.icl[0] == 20'000'000);
  CHECK(v.icl[1] == 80'000'000);
  CHECK(v.icl[2] == 30'000'000);
  CHECK_FALSE(v.v[slot::error_isl]);
  CHECK_FALSE(v.v[slot::send_lateness]);  // no intended time: not scheduled
}

TEST_CASE("record metrics: spec §15 with --use-server-token-count", "[metrics][record]") {
  auto r = worked_example();
  r.input_tokens = -1;
  const auto v = compute_record(r, count_words, {.streaming = true, .use_server_token_count = true});
  CHECK(at(v, slot::isl) == 20);
  CHECK(at(v, slot::reasoning_token_count) == 5);
  CHECK(at(v, slot::output_token_count) == 4);
  CHECK(at(v, slot::osl) == 9);
  CHECK(at(v, slot::itl) == Approx(16.25e6));
}

TEST_CASE("record metrics: server counts requested but not reported leave tokens absent", "[metrics][record]") {
  auto r = worked_example();
  r.usage = {};
  const auto v = compute_record(r, count_words, {.streaming = true, .use_server_token_count = true});
  CHECK_FALSE(v.v[slot::output_token_count]);
  CHECK_FALSE(v.v[slot::osl]);
  CHECK_FALSE(v.v[slot::itl]);
  CHECK(at(v, slot::ttft) == 100'000'000);  // timing metrics do not depend on counts
}

TEST_CASE("record metrics: plain streaming text, TTFT equals TTFO", "[metrics][record]") {
  request_record r;
  r.start_ns = 1000;
  r.input_tokens = 11;
  add(r, 1500, "");  // role-only first chunk is not a content response
  add(r, 2000, "a b");
  add(r, 2600, " c");
  add(r, 3000, " d e");
  const auto v = compute_record(r, count_words, {.streaming = true});
  CHECK(at(v, slot::ttft) == 1000);
  CHECK(at(v, slot::ttfo) == 1000);
  CHECK(at(v, slot::ttst) == 600);
  CHECK(at(v, slot::request_latency) == 2000);
  CHECK(at(v, slot::osl) == 5);
  CHECK(at(v, slot::output_token_count) == 5);
  CHECK_FALSE(v.v[slot::reasoning_token_count]);
  CHECK(at(v, slot::itl) == Approx(1000.0 / 4));
  CHECK(at(v, slot::otps_user) == Approx(1e9 / 250));
  CHECK(v.icl == std::vector<double>{600, 400});
}

TEST_CASE("record metrics: non-streaming has latency and tokens but no streaming metrics", "[metrics][record]") {
  request_record r;
  r.start_ns = 10'000;
  r.input_tokens = 7;
  add(r, 5'010'000, "one two three four");
  const auto v = compute_record(r, count_words, {.streaming = false});
  CHECK(at(v, slot::request_latency) == 5'000'000);
  CHECK(at(v, slot::osl) == 4);
  CHECK(at(v, slot::isl) == 7);
  CHECK(at(v, slot::e2e_otps) == Approx(4 / 0.005));
  CHECK_FALSE(v.v[slot::ttft]);
  CHECK_FALSE(v.v[slot::ttst]);
  CHECK_FALSE(v.v[slot::itl]);
  CHECK_FALSE(v.v[slot::otps_user]);
  CHECK_FALSE(v.has_icl);
}

TEST_CASE("record metrics: single content chunk has no TTST, ICL or ITL for 1 token", "[metrics][record]") {
  request_record r;
  r.start_ns = 0;
  add(r, 100, "x");
  const auto v = compute_record(r, count_words, {.streaming = true});
  CHECK(at(v, slot::ttft) == 100);
  CHECK_FALSE(v.v[slot::ttst]);
  CHECK_FALSE(v.has_icl);
  CHECK(at(v, slot::osl) == 1);
  CHECK_FALSE(v.v[slot::itl]);  // needs OSL >= 2
  CHECK(at(v, slot::decode_duration) == 0);
}

TEST_CASE("record metrics: 0-output record has no token metrics", "[metrics][record]") {
  request_record r;
  r.start_ns = 0;
  r.input_tokens = 3;
  add(r, 100, "   ");  // whitespace only: counts 0 tokens
  const auto v = compute_record(r, count_words, {.streaming = true});
  CHECK_FALSE(v.v[slot::output_token_count]);
  CHECK_FALSE(v.v[slot::osl]);
  CHECK_FALSE(v.v[slot::itl]);
  CHECK_FALSE(v.v[slot::e2e_otps]);
  CHECK(at(v, slot::isl) == 3);
}

TEST_CASE("record metrics: error record yields only error_isl", "[metrics][record]") {
  request_record r;
  r.start_ns = 0;
  r.intended_ns = 0;
  r.input_tokens = 42;
  add(r, 100, "partial");
  r.error = error_info{500, "HTTPError", "Internal Server Error"};
  const auto v = compute_record(r, count_words, {.streaming = true});
  CHECK(at(v, slot::error_isl) == 42);
  for (std::size_t i = 0; i < record_values::n_scalars; ++i)
    if (i != slot::error_isl) CHECK_FALSE(v.v[i]);
  CHECK_FALSE(v.has_icl);
}

TEST_CASE("record metrics: schedule lateness and latency from intended send", "[metrics][record]") {
  request_record r;
  r.intended_ns = 1'000;
  r.start_ns = 1'250;
  add(r, 5'000, "a b");
  const auto v = compute_record(r, count_words, {.streaming = false});
  CHECK(at(v, slot::send_lateness) == 250);
  CHECK(at(v, slot::latency_from_intended) == 4'000);
  CHECK(at(v, slot::request_latency) == 3'750);
}

TEST_CASE("record metrics: goodput SLOs (all must hold, direction from larger_is_better)", "[metrics][goodput]") {
  const auto r = worked_example();  // TTFT 100 ms, ITL 21.67 ms, OTPS/user 46.15
  auto eval = [&](std::vector<std::pair<std::string_view, double>> slos) {
    metric_settings s{.streaming = true};
    for (auto [tag, threshold_display] : slos) {
      auto const* def = find_record_metric(tag);
      REQUIRE(def != nullptr);
      s.slos.emplace_back(def, threshold_display / def->scale);  // display -> storage units
    }
    return compute_record(r, count_words, s).good;
  };
  CHECK(eval({{"time_to_first_token", 100}}));  // equal passes
  CHECK_FALSE(eval({{"time_to_first_token", 99.9}}));
  CHECK(eval({{"time_to_first_token", 150}, {"inter_token_latency", 25}}));
  CHECK_FALSE(eval({{"time_to_first_token", 150}, {"inter_token_latency", 20}}));
  CHECK(eval({{"output_token_throughput_per_user", 40}}));  // larger is better: 46.15 >= 40
  CHECK_FALSE(eval({{"output_token_throughput_per_user", 50}}));
  CHECK_FALSE(eval({{"error_isl", 1000}}));  // value absent: the SLO fails
  CHECK_FALSE(compute_record(r, count_words, {.streaming = true}).good);  // no SLOs: not evaluated
}

TEST_CASE("record metrics: catalog lookups", "[metrics][catalog]") {
  auto const* d = find_record_metric("inter_token_latency");
  REQUIRE(d);
  CHECK(d->unit == "ms");
  CHECK(d->scale == 1e-6);
  CHECK((d->flags & streaming_only));
  CHECK(find_record_metric("no_such_metric") == nullptr);
  auto const* o = find_record_metric("output_token_throughput_per_user");
  REQUIRE(o);
  CHECK((o->flags & larger_is_better));
}
