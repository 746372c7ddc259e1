// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/record_values.hpp: every standard metric on hand-built
// records (spec measurement §3.1-§3.2, §4.3, §5; the spec's worked example style).
#include "catch.hpp"
#include "word_tokens.hpp"

#include <aiperf/metrics/record_values.hpp>

using namespace aiperf;
using namespace aiperf::metrics;

namespace {
using aiperf_test::words;

/// start at 1000 ns; chunks at the given times carrying `text` content each.
request_record streamed(std::vector<std::pair<std::int64_t, std::string>> chunks) {
  request_record r;
  r.intended_ns = 900;
  r.start_ns = 1000;
  r.ack_ns = 1500;
  r.input_tokens = 7;
  for (auto& [t, text] : chunks) {
    r.chunks.push_back(response_chunk{t, static_cast<std::uint32_t>(text.size()), 0, false});
    r.content += text;
  }
  r.end_ns = r.chunks.empty() ? 2000 : r.chunks.back().recv_ns + 10;
  return r;
}
}  // namespace

TEST_CASE("streaming record: TTFT, TTST, ITL, ICL, OSL, throughput per user", "[metrics]") {
  // role-only chunk at 1200 (no text) must not count as the first token
  request_record r = streamed({{3000, " a"}, {5000, " b"}, {8000, " c d"}});
  r.chunks.insert(r.chunks.begin(), response_chunk{1200, 0, 0, false});
  metric_settings s;
  s.streaming = true;
  const record_values v = compute_record(r, words, s);
  CHECK(*v.v[slot::ttft] == 2000);
  CHECK(*v.v[slot::ttst] == 2000);
  CHECK(*v.v[slot::ttfo] == 2000);
  CHECK(*v.v[slot::request_latency] == 7000);
  CHECK(*v.v[slot::decode_duration] == 5000);
  CHECK(*v.v[slot::osl] == 4);  // " a b c d"
  CHECK(*v.v[slot::output_token_count] == 4);
  CHECK_FALSE(v.v[slot::reasoning_token_count]);
  CHECK(*v.v[slot::itl] == Approx(5000.0 / 3));
  CHECK(*v.v[slot::otps_user] == Approx(1e9 / (5000.0 / 3)));
  CHECK(*v.v[slot::isl] == 7);
  CHECK(*v.v[slot::send_lateness] == 100);
  CHECK(*v.v[slot::latency_from_intended] == 7100);
  CHECK(*v.v[slot::stream_setup] == 500);
  REQUIRE(v.has_icl);
  CHECK(v.icl == std::vector<double>{2000, 3000});
}

TEST_CASE("reasoning first: TTFT at the first reasoning chunk, TTFO at the first answer", "[metrics]") {
  request_record r = streamed({});
  r.chunks = {response_chunk{2000, 0, 6, false}, response_chunk{4000, 0, 4, false}, response_chunk{7000, 3, 0, false}};
  r.reasoning = "think hard";
  r.content = " ok";
  metric_settings s;
  s.streaming = true;
  const record_values v = compute_record(r, words, s);
  CHECK(*v.v[slot::ttft] == 1000);
  CHECK(*v.v[slot::ttfo] == 6000);
  CHECK(*v.v[slot::reasoning_token_count] == 2);
  CHECK(*v.v[slot::output_token_count] == 1);
  CHECK(*v.v[slot::osl] == 3);
}

TEST_CASE("non-streaming: latency only, server token counts when asked", "[metrics]") {
  request_record r;
  r.start_ns = 100;
  r.chunks = {response_chunk{900, 5, 0, false}};
  r.content = "a b c";
  r.usage.prompt_tokens = 11;
  r.usage.completion_tokens = 9;
  r.usage.reasoning_tokens = 4;
  metric_settings client;
  const record_values v = compute_record(r, words, client);
  CHECK(*v.v[slot::request_latency] == 800);
  CHECK_FALSE(v.v[slot::ttft]);
  CHECK_FALSE(v.v[slot::itl]);
  CHECK(*v.v[slot::osl] == 3);
  CHECK_FALSE(v.v[slot::isl]);  // dataset did not know it, and client mode ignores usage
  metric_settings server;
  server.use_server_token_count = true;
  const record_values w = compute_record(r, words, server);
  CHECK(*w.v[slot::isl] == 11);
  CHECK(*w.v[slot::output_token_count] == 5);
  CHECK(*w.v[slot::reasoning_token_count] == 4);
  CHECK(*w.v[slot::osl] == 9);
}

TEST_CASE("zero output is absent, one token has no ITL, gaps of 0 drop ICL", "[metrics]") {
  metric_settings s;
  s.streaming = true;
  request_record empty = streamed({{3000, " "}});
  CHECK_FALSE(compute_record(empty, words, s).v[slot::output_token_count]);
  request_record one = streamed({{3000, " a"}});
  const auto v1 = compute_record(one, words, s);
  CHECK(*v1.v[slot::osl] == 1);
  CHECK_FALSE(v1.v[slot::itl]);
  CHECK_FALSE(v1.v[slot::ttst]);
  request_record same_read = streamed({{3000, " a"}, {3000, " b"}});
  const auto v2 = compute_record(same_read, words, s);
  CHECK(*v2.v[slot::ttst] == 0);
  CHECK_FALSE(v2.has_icl);
}

TEST_CASE("error records carry only error_isl", "[metrics]") {
  request_record r = streamed({{3000, " a"}});
  r.error = error_info{500, "Internal Server Error", "boom"};
  metric_settings s;
  s.streaming = true;
  const record_values v = compute_record(r, words, s);
  CHECK(*v.v[slot::error_isl] == 7);
  CHECK_FALSE(v.v[slot::ttft]);
  CHECK_FALSE(v.v[slot::request_latency]);
  CHECK_FALSE(v.good);
}

TEST_CASE("goodput: every SLO must hold, direction from the metric, missing fails", "[metrics][goodput]") {
  request_record r = streamed({{3000, " a"}, {5000, " b"}});
  metric_settings s;
  s.streaming = true;
  s.slos = {{find_record_metric("time_to_first_token"), 2000.0}};  // ttft == 2000: ties pass
  CHECK(compute_record(r, words, s).good);
  s.slos = {{find_record_metric("time_to_first_token"), 1999.0}};
  CHECK_FALSE(compute_record(r, words, s).good);
  s.slos = {{find_record_metric("output_token_throughput_per_user"), 1e9 / 2000.0}};  // larger is better
  CHECK(compute_record(r, words, s).good);
  s.slos = {{find_record_metric("output_token_throughput_per_user"), 1e9 / 1999.0}};
  CHECK_FALSE(compute_record(r, words, s).good);
  request_record one = streamed({{3000, " a"}});  // no ITL -> an ITL SLO fails
  s.slos = {{find_record_metric("inter_token_latency"), 1e12}};
  CHECK_FALSE(compute_record(one, words, s).good);
}
