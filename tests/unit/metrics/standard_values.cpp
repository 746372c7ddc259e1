// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/metrics/standard_values.hpp: every standard per-record value on
// hand-built records (spec measurement §3.1-§3.2, §4.3, §5; the spec §15 worked example),
// --use-server-token-count, errors, 0-output records; and the value_mask machinery that makes a
// run compute only the values its metrics name (with_dependencies, needs_output_tokenization).
#include "catch.hpp"
#include "word_tokens.hpp"

#include <aiperf/metrics/standard_values.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace aiperf;
using namespace aiperf::metrics;

namespace {

const token_counter count_words = aiperf_test::words;

/// Every standard value of `r` (what the driver's full metric set computes).
standard_values all_values(request_record const& r, value_settings const& s) {
  return compute_standard_values(r, value_mask::all(), s, &count_words);
}

/// The value, which must be present.
double at(std::optional<double> const& v) {
  REQUIRE(v.has_value());
  return *v;
}

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

}  // namespace

// ---- the values ------------------------------------------------------------------------------

TEST_CASE("standard values: streaming record: TTFT, TTST, ITL, ICL, OSL, throughput per user", "[metrics][values]") {
  // role-only chunk at 1200 (no text) must not count as the first token
  request_record r = streamed({{3000, " a"}, {5000, " b"}, {8000, " c d"}});
  r.chunks.insert(r.chunks.begin(), response_chunk{1200, 0, 0, false});
  const standard_values v = all_values(r, {.streaming = true});
  CHECK(*v.ttft == 2000);
  CHECK(*v.ttst == 2000);
  CHECK(*v.ttfo == 2000);
  CHECK(*v.request_latency == 7000);
  CHECK(*v.decode_duration == 5000);
  CHECK(*v.osl == 4);  // " a b c d"
  CHECK(*v.output_token_count == 4);
  CHECK_FALSE(v.reasoning_token_count);
  CHECK(*v.itl == Approx(5000.0 / 3));
  CHECK(*v.output_token_throughput_per_user == Approx(1e9 / (5000.0 / 3)));
  CHECK(*v.isl == 7);
  CHECK(*v.send_lateness == 100);
  CHECK(*v.latency_from_intended == 7100);
  CHECK(*v.stream_setup_latency == 500);
  REQUIRE_FALSE(v.inter_chunk_latency.empty());
  CHECK(v.inter_chunk_latency == std::vector<double>{2000, 3000});
}

TEST_CASE("standard values: reasoning first: TTFT at the first reasoning chunk, TTFO at the first answer",
          "[metrics][values]") {
  request_record r = streamed({});
  r.chunks = {response_chunk{2000, 0, 6, false}, response_chunk{4000, 0, 4, false}, response_chunk{7000, 3, 0, false}};
  r.reasoning = "think hard";
  r.content = " ok";
  const standard_values v = all_values(r, {.streaming = true});
  CHECK(*v.ttft == 1000);
  CHECK(*v.ttfo == 6000);
  CHECK(*v.reasoning_token_count == 2);
  CHECK(*v.output_token_count == 1);
  CHECK(*v.osl == 3);
}

TEST_CASE("standard values: non-streaming: latency only, server token counts when asked", "[metrics][values]") {
  request_record r;
  r.start_ns = 100;
  r.chunks = {response_chunk{900, 5, 0, false}};
  r.content = "a b c";
  r.usage.prompt_tokens = 11;
  r.usage.completion_tokens = 9;
  r.usage.reasoning_tokens = 4;
  const standard_values v = all_values(r, {});
  CHECK(*v.request_latency == 800);
  CHECK_FALSE(v.ttft);
  CHECK_FALSE(v.itl);
  CHECK(*v.osl == 3);
  CHECK_FALSE(v.isl);  // dataset did not know it, and client mode ignores usage
  const standard_values w = all_values(r, {.use_server_token_count = true});
  CHECK(*w.isl == 11);
  CHECK(*w.output_token_count == 5);
  CHECK(*w.reasoning_token_count == 4);
  CHECK(*w.osl == 9);
}

TEST_CASE("standard values: zero output is absent, one token has no ITL, gaps of 0 drop ICL", "[metrics][values]") {
  const value_settings s{.streaming = true};
  request_record empty = streamed({{3000, " "}});
  CHECK_FALSE(all_values(empty, s).output_token_count);
  request_record one = streamed({{3000, " a"}});
  const auto v1 = all_values(one, s);
  CHECK(*v1.osl == 1);
  CHECK_FALSE(v1.itl);
  CHECK_FALSE(v1.ttst);
  request_record same_read = streamed({{3000, " a"}, {3000, " b"}});
  const auto v2 = all_values(same_read, s);
  CHECK(*v2.ttst == 0);
  CHECK(v2.inter_chunk_latency.empty());
}

TEST_CASE("standard values: error records carry only error_isl", "[metrics][values]") {
  request_record r = streamed({{3000, " a"}});
  r.error = error_info{500, "Internal Server Error", "boom"};
  const standard_values v = all_values(r, {.streaming = true});
  CHECK(*v.error_isl == 7);
  CHECK_FALSE(v.ttft);
  CHECK_FALSE(v.request_latency);
}

TEST_CASE("standard values: spec §15 worked example (client token counts)", "[metrics][values]") {
  const auto r = worked_example();
  const auto v = all_values(r, {.streaming = true});
  CHECK(at(v.ttft) == 100'000'000);
  CHECK(at(v.ttst) == 20'000'000);
  CHECK(at(v.ttfo) == 200'000'000);
  CHECK(at(v.request_latency) == 230'000'000);  // usage-only chunk excluded
  CHECK(at(v.decode_duration) == 130'000'000);
  CHECK(at(v.reasoning_token_count) == 5);
  CHECK(at(v.output_token_count) == 2);
  CHECK(at(v.osl) == 7);
  CHECK(at(v.isl) == 20);
  CHECK(at(v.itl) == Approx(130e6 / 6));
  CHECK(at(v.itl) * 1e-6 == Approx(21.6667).epsilon(1e-5));
  CHECK(at(v.output_token_throughput_per_user) == Approx(46.1538).epsilon(1e-5));
  CHECK(at(v.e2e_output_token_throughput) == Approx(7 / 0.230));
  CHECK(at(v.stream_setup_latency) == 40'000'000);
  REQUIRE(v.inter_chunk_latency.size() == 3);
  CHECK(v.inter_chunk_latency[0] == 20'000'000);
  CHECK(v.inter_chunk_latency[1] == 80'000'000);
  CHECK(v.inter_chunk_latency[2] == 30'000'000);
  CHECK_FALSE(v.error_isl);
  CHECK_FALSE(v.send_lateness);  // no intended time: not scheduled
}

TEST_CASE("standard values: spec §15 with --use-server-token-count", "[metrics][values]") {
  auto r = worked_example();
  r.input_tokens = -1;
  const auto v = all_values(r, {.streaming = true, .use_server_token_count = true});
  CHECK(at(v.isl) == 20);
  CHECK(at(v.reasoning_token_count) == 5);
  CHECK(at(v.output_token_count) == 4);
  CHECK(at(v.osl) == 9);
  CHECK(at(v.itl) == Approx(16.25e6));
}

TEST_CASE("standard values: server counts requested but not reported leave tokens absent", "[metrics][values]") {
  auto r = worked_example();
  r.usage = {};
  const auto v = all_values(r, {.streaming = true, .use_server_token_count = true});
  CHECK_FALSE(v.output_token_count);
  CHECK_FALSE(v.osl);
  CHECK_FALSE(v.itl);
  CHECK(at(v.ttft) == 100'000'000);  // timing values do not depend on counts
}

TEST_CASE("standard values: plain streaming text, TTFT equals TTFO", "[metrics][values]") {
  request_record r;
  r.start_ns = 1000;
  r.input_tokens = 11;
  add(r, 1500, "");  // role-only first chunk is not a content response
  add(r, 2000, "a b");
  add(r, 2600, " c");
  add(r, 3000, " d e");
  const auto v = all_values(r, {.streaming = true});
  CHECK(at(v.ttft) == 1000);
  CHECK(at(v.ttfo) == 1000);
  CHECK(at(v.ttst) == 600);
  CHECK(at(v.request_latency) == 2000);
  CHECK(at(v.osl) == 5);
  CHECK(at(v.output_token_count) == 5);
  CHECK_FALSE(v.reasoning_token_count);
  CHECK(at(v.itl) == Approx(1000.0 / 4));
  CHECK(at(v.output_token_throughput_per_user) == Approx(1e9 / 250));
  CHECK(v.inter_chunk_latency == std::vector<double>{600, 400});
}

TEST_CASE("standard values: non-streaming has latency and tokens but no streaming values", "[metrics][values]") {
  request_record r;
  r.start_ns = 10'000;
  r.input_tokens = 7;
  add(r, 5'010'000, "one two three four");
  const auto v = all_values(r, {.streaming = false});
  CHECK(at(v.request_latency) == 5'000'000);
  CHECK(at(v.osl) == 4);
  CHECK(at(v.isl) == 7);
  CHECK(at(v.e2e_output_token_throughput) == Approx(4 / 0.005));
  CHECK_FALSE(v.ttft);
  CHECK_FALSE(v.ttst);
  CHECK_FALSE(v.itl);
  CHECK_FALSE(v.output_token_throughput_per_user);
  CHECK(v.inter_chunk_latency.empty());
}

TEST_CASE("standard values: single content chunk has no TTST, ICL or ITL for 1 token", "[metrics][values]") {
  request_record r;
  r.start_ns = 0;
  add(r, 100, "x");
  const auto v = all_values(r, {.streaming = true});
  CHECK(at(v.ttft) == 100);
  CHECK_FALSE(v.ttst);
  CHECK(v.inter_chunk_latency.empty());
  CHECK(at(v.osl) == 1);
  CHECK_FALSE(v.itl);  // needs OSL >= 2
  CHECK(at(v.decode_duration) == 0);
}

TEST_CASE("standard values: 0-output record has no token values", "[metrics][values]") {
  request_record r;
  r.start_ns = 0;
  r.input_tokens = 3;
  add(r, 100, "   ");  // whitespace only: counts 0 tokens
  const auto v = all_values(r, {.streaming = true});
  CHECK_FALSE(v.output_token_count);
  CHECK_FALSE(v.osl);
  CHECK_FALSE(v.itl);
  CHECK_FALSE(v.e2e_output_token_throughput);
  CHECK(at(v.isl) == 3);
}

TEST_CASE("standard values: an error record yields only error_isl", "[metrics][values]") {
  request_record r;
  r.start_ns = 0;
  r.intended_ns = 0;
  r.input_tokens = 42;
  add(r, 100, "partial");
  r.error = error_info{500, "HTTPError", "Internal Server Error"};
  const auto v = all_values(r, {.streaming = true});
  CHECK(at(v.error_isl) == 42);
  for (std::size_t i = 0; i < standard_value_count; ++i) {
    const auto which = static_cast<standard_value>(i);
    INFO("standard value " << i);
    if (which != standard_value::error_isl) CHECK_FALSE(v.get(which));
  }
  CHECK(v.inter_chunk_latency.empty());
}

TEST_CASE("standard values: schedule lateness and latency from intended send", "[metrics][values]") {
  request_record r;
  r.intended_ns = 1'000;
  r.start_ns = 1'250;
  add(r, 5'000, "a b");
  const auto v = all_values(r, {.streaming = false});
  CHECK(at(v.send_lateness) == 250);
  CHECK(at(v.latency_from_intended) == 4'000);
  CHECK(at(v.request_latency) == 3'750);
}

TEST_CASE("standard values: get() reads every scalar by name, nothing for the list", "[metrics][values]") {
  const auto v = all_values(worked_example(), {.streaming = true});
  CHECK(v.get(standard_value::ttft) == v.ttft);
  CHECK(v.get(standard_value::ttst) == v.ttst);
  CHECK(v.get(standard_value::ttfo) == v.ttfo);
  CHECK(v.get(standard_value::request_latency) == v.request_latency);
  CHECK(v.get(standard_value::decode_duration) == v.decode_duration);
  CHECK(v.get(standard_value::itl) == v.itl);
  CHECK(v.get(standard_value::output_token_throughput_per_user) == v.output_token_throughput_per_user);
  CHECK(v.get(standard_value::e2e_output_token_throughput) == v.e2e_output_token_throughput);
  CHECK(v.get(standard_value::osl) == v.osl);
  CHECK(v.get(standard_value::isl) == v.isl);
  CHECK(v.get(standard_value::output_token_count) == v.output_token_count);
  CHECK(v.get(standard_value::reasoning_token_count) == v.reasoning_token_count);
  CHECK(v.get(standard_value::stream_setup_latency) == v.stream_setup_latency);
  CHECK_FALSE(v.get(standard_value::inter_chunk_latency));
  CHECK_FALSE(v.inter_chunk_latency.empty());
}

// ---- value_mask: what is computed --------------------------------------------------------------

TEST_CASE("value_mask: a set of values; all() has every one", "[metrics][value_mask]") {
  using enum standard_value;
  constexpr value_mask none;
  STATIC_REQUIRE(none.empty());
  constexpr value_mask some = {ttft, osl};
  STATIC_REQUIRE(some.has(ttft));
  STATIC_REQUIRE(some.has(osl));
  STATIC_REQUIRE_FALSE(some.has(itl));
  STATIC_REQUIRE((some | value_mask{itl}).has(itl));
  STATIC_REQUIRE(some == value_mask{osl, ttft});
  for (std::size_t i = 0; i < standard_value_count; ++i) CHECK(value_mask::all().has(static_cast<standard_value>(i)));
  CHECK(value_mask::all().bits() == (1u << standard_value_count) - 1u);
  value_mask m;
  m |= {request_latency};
  CHECK(m == value_mask{request_latency});
}

TEST_CASE("value_mask: with_dependencies closes a mask over what each value reads", "[metrics][value_mask]") {
  using enum standard_value;
  // ITL = decode_duration / (OSL - 1): decode needs latency and TTFT, OSL needs both token counts.
  STATIC_REQUIRE(with_dependencies({itl}) ==
                 value_mask{itl, decode_duration, request_latency, ttft, osl, output_token_count, reasoning_token_count});
  STATIC_REQUIRE(with_dependencies({output_token_throughput_per_user}) ==
                 (with_dependencies({itl}) | value_mask{output_token_throughput_per_user}));
  STATIC_REQUIRE(with_dependencies({e2e_output_token_throughput}) ==
                 value_mask{e2e_output_token_throughput, osl, request_latency, output_token_count, reasoning_token_count});
  STATIC_REQUIRE(with_dependencies({decode_duration}) == value_mask{decode_duration, request_latency, ttft});
  STATIC_REQUIRE(with_dependencies({osl}) == value_mask{osl, output_token_count, reasoning_token_count});
  // Leaves read nothing else.
  STATIC_REQUIRE(with_dependencies({ttft, request_latency}) == value_mask{ttft, request_latency});
  STATIC_REQUIRE(with_dependencies({}) == value_mask{});
  STATIC_REQUIRE(with_dependencies(value_mask::all()) == value_mask::all());
  // Idempotent.
  STATIC_REQUIRE(with_dependencies(with_dependencies({itl})) == with_dependencies({itl}));
}

TEST_CASE("value_mask: only the token counts tokenize output, and not with server counts", "[metrics][value_mask]") {
  using enum standard_value;
  STATIC_REQUIRE_FALSE(needs_output_tokenization(with_dependencies({ttft, request_latency, isl}), false));
  STATIC_REQUIRE(needs_output_tokenization(with_dependencies({osl}), false));
  STATIC_REQUIRE(needs_output_tokenization(with_dependencies({itl}), false));
  STATIC_REQUIRE_FALSE(needs_output_tokenization(with_dependencies({itl}), true));
  STATIC_REQUIRE(needs_output_tokenization({reasoning_token_count}, false));
}

TEST_CASE("value_mask: only the named values are computed, the counter only when tokens are needed",
          "[metrics][value_mask]") {
  using enum standard_value;
  const request_record r = worked_example();
  std::size_t calls = 0;
  const token_counter counting = [&](std::string_view s) {
    ++calls;
    return aiperf_test::words(s);
  };

  const auto timing = compute_standard_values(r, with_dependencies({ttft, request_latency}), {.streaming = true}, &counting);
  CHECK(calls == 0);
  CHECK(at(timing.ttft) == 100'000'000);
  CHECK(at(timing.request_latency) == 230'000'000);
  for (std::size_t i = 0; i < standard_value_count; ++i) {
    const auto which = static_cast<standard_value>(i);
    INFO("standard value " << i);
    if (which != ttft && which != request_latency) CHECK_FALSE(timing.get(which));
  }
  CHECK(timing.inter_chunk_latency.empty());

  // No counter at all is fine when no token value is asked for.
  const auto no_counter = compute_standard_values(r, {ttft}, {.streaming = true}, nullptr);
  CHECK(at(no_counter.ttft) == 100'000'000);

  // ITL pulls the counts in: the counter runs once for the content, once for the reasoning.
  const auto with_itl = compute_standard_values(r, with_dependencies({itl}), {.streaming = true}, &counting);
  CHECK(calls == 2);
  CHECK(at(with_itl.itl) == Approx(130e6 / 6));
  CHECK(at(with_itl.osl) == 7);
  CHECK_FALSE(with_itl.isl);
  CHECK_FALSE(with_itl.ttst);
  CHECK(with_itl.inter_chunk_latency.empty());

  // Server counts: the counter is never called.
  calls = 0;
  const auto server =
      compute_standard_values(r, with_dependencies({itl}), {.streaming = true, .use_server_token_count = true}, &counting);
  CHECK(calls == 0);
  CHECK(at(server.osl) == 9);

  // The list value alone.
  const auto icl = compute_standard_values(r, {inter_chunk_latency}, {.streaming = true}, nullptr);
  CHECK(icl.inter_chunk_latency == std::vector<double>{20'000'000, 80'000'000, 30'000'000});
  CHECK_FALSE(icl.ttst);
}

TEST_CASE("an endpoint that produces no tokens: latency from its output, no token value", "[metrics][values]") {
  // An embeddings answer: one unit with a non-text output and a usage block.
  request_record r;
  r.intended_ns = 900;
  r.start_ns = 1000;
  r.input_tokens = 12;
  response_chunk c;
  c.recv_ns = 4000;
  c.has_output = true;
  c.has_usage = true;
  r.chunks.push_back(c);
  r.usage.prompt_tokens = 12;
  r.end_ns = 4010;
  for (bool server_counts : {false, true}) {
    const auto v = all_values(r, {.streaming = true, .use_server_token_count = server_counts, .produces_tokens = false});
    CHECK(at(v.request_latency) == 3000);
    CHECK(at(v.latency_from_intended) == 3100);
    CHECK_FALSE(v.isl);
    CHECK_FALSE(v.osl);
    CHECK_FALSE(v.output_token_count);
    CHECK_FALSE(v.ttft);
    CHECK_FALSE(v.itl);
    CHECK_FALSE(v.e2e_output_token_throughput);
  }
  // The same record from a token endpoint would have an ISL.
  CHECK(at(all_values(r, {}).isl) == 12);
  r.error = error_info{500, "HTTPError", "x"};
  CHECK_FALSE(all_values(r, {.produces_tokens = false}).error_isl);
}
