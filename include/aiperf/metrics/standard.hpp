// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/standard.hpp — the standard per-record metrics as Metric policy types (spec
// measurement §3.1-§3.2, §5; §3.5-§3.7: the server's usage counts, their distance from ours, the
// OSL mismatch; plus two of ours: send lateness and latency from the intended send), and the
// driver's full set.  Each reads one standard value (metrics/standard_values.hpp) and names only
// that value in `needs`, so a set of them computes nothing else.
#pragma once
#include <aiperf/concepts/metric.hpp>
#include <aiperf/metrics/flags.hpp>
#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard_values.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace metrics {

/// How a standard metric is named, scaled (storage -> display unit) and shown.
struct standard_metric_def {
  standard_value value;
  std::string_view tag, header, unit;  // unit as displayed
  double scale;                        // storage (ns, tokens) -> display unit
  std::uint32_t flags;
  int display_order;                   // console position (hidden ones are not shown)
  bool integer = false;                // values are whole numbers (tokens)
};

// clang-format off
inline constexpr standard_metric_def standard_metric_defs[] = {
  {standard_value::ttft, "time_to_first_token", "Time to First Token", "ms", 1e-6, streaming_only | produces_tokens_only, 100},
  {standard_value::ttst, "time_to_second_token", "Time to Second Token", "ms", 1e-6, streaming_only | produces_tokens_only, 200},
  {standard_value::ttfo, "time_to_first_output_token", "Time to First Output Token", "ms", 1e-6, streaming_only | produces_tokens_only, 210},
  {standard_value::request_latency, "request_latency", "Request Latency", "ms", 1e-6, 0, 300},
  {standard_value::decode_duration, "decode_duration", "Decode Duration", "ms", 1e-6, streaming_only | produces_tokens_only, 350},
  {standard_value::itl, "inter_token_latency", "Inter Token Latency", "ms", 1e-6, streaming_only | produces_tokens_only, 400},
  {standard_value::output_token_throughput_per_user, "output_token_throughput_per_user", "Output Token Throughput Per User",
   "tokens/sec/user", 1.0, streaming_only | produces_tokens_only | larger_is_better, 500},
  {standard_value::e2e_output_token_throughput, "e2e_output_token_throughput", "E2E Output Token Throughput", "tokens/sec",
   1.0, produces_tokens_only | larger_is_better, 510},
  {standard_value::osl, "output_sequence_length", "Output Sequence Length", "tokens", 1.0, produces_tokens_only | larger_is_better, 600, true},
  {standard_value::isl, "input_sequence_length", "Input Sequence Length", "tokens", 1.0, produces_tokens_only | larger_is_better, 700, true},
  {standard_value::output_token_count, "output_token_count", "Output Token Count", "tokens", 1.0, produces_tokens_only | larger_is_better | hidden, 0, true},
  {standard_value::reasoning_token_count, "reasoning_token_count", "Reasoning Token Count", "tokens", 1.0,
   produces_tokens_only | larger_is_better | hidden, 0, true},
  {standard_value::error_isl, "error_isl", "Error Input Sequence Length", "tokens", 1.0, produces_tokens_only | error_only | hidden, 0, true},
  {standard_value::send_lateness, "send_lateness", "Send Lateness (actual - intended send)", "us", 1e-3, fidelity, 1},
  {standard_value::latency_from_intended, "latency_from_intended", "Request Latency From Intended Send", "ms", 1e-6,
   fidelity, 2},
  {standard_value::stream_setup_latency, "stream_setup_latency", "Stream Setup Latency", "ms", 1e-6, streaming_only | hidden, 0},
  {standard_value::inter_chunk_latency, "inter_chunk_latency", "Inter Chunk Latency", "ms", 1e-6, streaming_only | produces_tokens_only | hidden, 0},
  {standard_value::usage_prompt_tokens, "usage_prompt_tokens", "Usage Prompt Tokens", "tokens", 1.0, produces_tokens_only | hidden, 1000, true},
  {standard_value::usage_completion_tokens, "usage_completion_tokens", "Usage Completion Tokens", "tokens", 1.0, hidden, 1100, true},
  {standard_value::usage_reasoning_tokens, "usage_reasoning_tokens", "Usage Reasoning Tokens", "tokens", 1.0, hidden, 1110, true},
  {standard_value::usage_total_tokens, "usage_total_tokens", "Usage Total Tokens", "tokens", 1.0, hidden, 1200, true},
  {standard_value::usage_prompt_tokens_diff_pct, "usage_prompt_tokens_diff_pct", "Usage Prompt Diff %", "%", 1.0,
   produces_tokens_only | hidden, 0},
  {standard_value::usage_completion_tokens_diff_pct, "usage_completion_tokens_diff_pct", "Usage Completion Diff %", "%", 1.0,
   produces_tokens_only | hidden, 0},
  {standard_value::usage_reasoning_tokens_diff_pct, "usage_reasoning_tokens_diff_pct", "Usage Reasoning Diff %", "%", 1.0,
   produces_tokens_only | hidden, 0},
  {standard_value::osl_mismatch_diff_pct, "osl_mismatch_diff_pct", "OSL Mismatch Diff %", "%", 1.0, produces_tokens_only | hidden, 0},
};
// clang-format on

/// The definition of standard value `v` (a compile-time error if it has none).
consteval standard_metric_def const& standard_def(standard_value v) {
  for (auto const& d : standard_metric_defs)
    if (d.value == v) return d;
  throw "no standard metric for this value";
}

/// The standard metric that reports standard value V.
template <standard_value V>
struct standard_metric {
  static constexpr standard_metric_def const& def = standard_def(V);
  static constexpr std::string_view tag = def.tag;
  static constexpr std::string_view header = def.header;
  static constexpr std::string_view unit = def.unit;
  static constexpr value_mask needs = {V};
  static constexpr std::uint32_t flags = def.flags;
  static constexpr int display_order = def.display_order;
  static constexpr bool integer = def.integer;
  static constexpr double scale = def.scale;

  [[nodiscard]] std::optional<double> compute(record_view const& r) const noexcept { return r.values.get(V); }
};

/// Inter-chunk latency: every gap between content chunks of a streamed response (a list metric).
template <>
struct standard_metric<standard_value::inter_chunk_latency> {
  static constexpr standard_metric_def const& def = standard_def(standard_value::inter_chunk_latency);
  static constexpr std::string_view tag = def.tag;
  static constexpr std::string_view header = def.header;
  static constexpr std::string_view unit = def.unit;
  static constexpr value_mask needs = {standard_value::inter_chunk_latency};
  static constexpr std::uint32_t flags = def.flags;
  static constexpr int display_order = def.display_order;
  static constexpr double scale = def.scale;

  void compute(record_view const& r, std::vector<double>& out) const {
    out.insert(out.end(), r.values.inter_chunk_latency.begin(), r.values.inter_chunk_latency.end());
  }
};

using ttft = standard_metric<standard_value::ttft>;
using ttst = standard_metric<standard_value::ttst>;
using ttfo = standard_metric<standard_value::ttfo>;
using request_latency = standard_metric<standard_value::request_latency>;
using decode_duration = standard_metric<standard_value::decode_duration>;
using itl = standard_metric<standard_value::itl>;
using output_token_throughput_per_user = standard_metric<standard_value::output_token_throughput_per_user>;
using e2e_output_token_throughput = standard_metric<standard_value::e2e_output_token_throughput>;
using osl = standard_metric<standard_value::osl>;
using isl = standard_metric<standard_value::isl>;
using output_token_count = standard_metric<standard_value::output_token_count>;
using reasoning_token_count = standard_metric<standard_value::reasoning_token_count>;
using error_isl = standard_metric<standard_value::error_isl>;
using send_lateness = standard_metric<standard_value::send_lateness>;
using latency_from_intended = standard_metric<standard_value::latency_from_intended>;
using stream_setup_latency = standard_metric<standard_value::stream_setup_latency>;
using inter_chunk_latency = standard_metric<standard_value::inter_chunk_latency>;
using usage_prompt_tokens = standard_metric<standard_value::usage_prompt_tokens>;
using usage_completion_tokens = standard_metric<standard_value::usage_completion_tokens>;
using usage_reasoning_tokens = standard_metric<standard_value::usage_reasoning_tokens>;
using usage_total_tokens = standard_metric<standard_value::usage_total_tokens>;
using usage_prompt_tokens_diff_pct = standard_metric<standard_value::usage_prompt_tokens_diff_pct>;
using usage_completion_tokens_diff_pct = standard_metric<standard_value::usage_completion_tokens_diff_pct>;
using usage_reasoning_tokens_diff_pct = standard_metric<standard_value::usage_reasoning_tokens_diff_pct>;
using osl_mismatch_diff_pct = standard_metric<standard_value::osl_mismatch_diff_pct>;

static_assert(Metric<ttft> && Metric<itl> && Metric<osl> && Metric<send_lateness> && ListMetric<inter_chunk_latency>);

/// Every standard metric, in AIPerf's record order: the driver's set (each request's JSONL line
/// lists them in this order).
using standard_metric_set =
    metric_set<ttft, ttst, ttfo, request_latency, decode_duration, itl, output_token_throughput_per_user,
               e2e_output_token_throughput, osl, isl, output_token_count, reasoning_token_count, error_isl,
               send_lateness, latency_from_intended, stream_setup_latency, inter_chunk_latency, usage_prompt_tokens,
               usage_completion_tokens, usage_reasoning_tokens, usage_total_tokens, usage_prompt_tokens_diff_pct,
               usage_completion_tokens_diff_pct, usage_reasoning_tokens_diff_pct, osl_mismatch_diff_pct>;

inline standard_metric_set make_standard_metric_set() { return standard_metric_set{}; }

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
