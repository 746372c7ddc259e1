// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/record_values.hpp — the standard per-record metrics (spec measurement §3.1-§3.2,
// §4.3, §5): what each is called, its unit, how it is shown, and how one finished record's values
// are computed.  Non-template: one pass over a record computes them all, once, whoever asks.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace metrics {

enum metric_flag : std::uint32_t {
  streaming_only = 1u << 0,
  error_only = 1u << 1,
  larger_is_better = 1u << 4,
  hidden = 1u << 5,        // computed and exported, not in the default console table
  no_records = 1u << 11,   // never written per record
  fidelity = 1u << 20,     // ours: client fidelity (shown in its own table)
};

/// Values of one record, in storage units (ns, tokens).  Absent = not computable.
struct record_values {
  static constexpr std::size_t n_scalars = 16;
  std::optional<double> v[n_scalars];
  std::vector<double> icl;  // inter_chunk_latency (list)
  bool has_icl = false;
  bool good = false;        // passed every --goodput SLO
};

/// Index of each per-record scalar in record_values::v.
namespace slot {
enum rv : std::size_t {
  ttft, ttst, ttfo, request_latency, decode_duration, itl, otps_user, e2e_otps, osl, isl,
  output_token_count, reasoning_token_count, error_isl, send_lateness, latency_from_intended, stream_setup
};
}  // namespace slot

struct metric_def {
  std::string_view tag, header, unit;  // unit as displayed
  double scale;                        // storage -> display
  std::uint32_t flags;
  int display_order;                   // console order (0: not shown)
  int slot;                            // rv index, or -1 for aggregate/derived/list
  bool integer = false;                // values are integers (tokens)
};

inline constexpr metric_def record_metric_defs[] = {
    {"time_to_first_token", "Time to First Token", "ms", 1e-6, streaming_only, 100, slot::ttft},
    {"time_to_second_token", "Time to Second Token", "ms", 1e-6, streaming_only, 200, slot::ttst},
    {"time_to_first_output_token", "Time to First Output Token", "ms", 1e-6, streaming_only, 210, slot::ttfo},
    {"request_latency", "Request Latency", "ms", 1e-6, 0, 300, slot::request_latency},
    {"decode_duration", "Decode Duration", "ms", 1e-6, streaming_only | hidden, 350, slot::decode_duration},
    {"inter_token_latency", "Inter Token Latency", "ms", 1e-6, streaming_only, 400, slot::itl},
    {"output_token_throughput_per_user", "Output Token Throughput Per User", "tokens/sec/user", 1.0,
     streaming_only | larger_is_better, 500, slot::otps_user},
    {"e2e_output_token_throughput", "E2E Output Token Throughput", "tokens/sec", 1.0, larger_is_better | hidden, 510,
     slot::e2e_otps},
    {"output_sequence_length", "Output Sequence Length", "tokens", 1.0, larger_is_better, 600, slot::osl, true},
    {"input_sequence_length", "Input Sequence Length", "tokens", 1.0, larger_is_better, 700, slot::isl, true},
    {"output_token_count", "Output Token Count", "tokens", 1.0, larger_is_better | hidden, 0, slot::output_token_count, true},
    {"reasoning_token_count", "Reasoning Token Count", "tokens", 1.0, larger_is_better | hidden, 0,
     slot::reasoning_token_count, true},
    {"error_isl", "Error Input Sequence Length", "tokens", 1.0, error_only | hidden, 0, slot::error_isl, true},
    {"send_lateness", "Send Lateness (actual - intended send)", "us", 1e-3, fidelity, 1, slot::send_lateness},
    {"latency_from_intended", "Request Latency From Intended Send", "ms", 1e-6, fidelity, 2, slot::latency_from_intended},
    {"stream_setup_latency", "Stream Setup Latency", "ms", 1e-6, streaming_only | hidden, 0, slot::stream_setup},
};
inline constexpr metric_def inter_chunk_latency_def{"inter_chunk_latency", "Inter Chunk Latency", "ms", 1e-6,
                                                    streaming_only | hidden, 0, -1};

/// Looks a per-record metric up by tag (for --goodput).
inline metric_def const* find_record_metric(std::string_view tag) {
  for (auto const& d : record_metric_defs)
    if (d.tag == tag) return &d;
  return nullptr;
}

/// Counts tokens of text (the run's tokenizer).
using token_counter = std::function<std::size_t(std::string_view)>;

struct metric_settings {
  bool streaming = false;
  bool use_server_token_count = false;
  std::vector<std::pair<metric_def const*, double>> slos;  // threshold in storage units
};

/// The record metrics of one finished record (spec §3.1-§3.2, §5).
AIPERF_DECL record_values compute_record(request_record const& r, token_counter const& count,
                                    metric_settings const& s) {
  record_values out;
  auto set = [&](slot::rv i, double x) { out.v[i] = x; };
  // ISL: the dataset knows it exactly; the server's count with --use-server-token-count.
  std::optional<double> isl_v;
  if (s.use_server_token_count) {
    if (r.usage.prompt_tokens >= 0) isl_v = static_cast<double>(r.usage.prompt_tokens);
  } else if (r.input_tokens >= 0) {
    isl_v = static_cast<double>(r.input_tokens);
  }
  if (!r.ok()) {
    if (isl_v) set(slot::error_isl, *isl_v);
    return out;
  }
  if (isl_v) set(slot::isl, *isl_v);
  if (r.intended_ns > 0) set(slot::send_lateness, static_cast<double>(r.start_ns - r.intended_ns));

  const std::ptrdiff_t first = r.first_content(), last = r.last_content();
  if (last >= 0) {
    const double lat = static_cast<double>(r.chunks[static_cast<std::size_t>(last)].recv_ns - r.start_ns);
    set(slot::request_latency, lat);
    if (r.intended_ns > 0)
      set(slot::latency_from_intended, static_cast<double>(r.chunks[static_cast<std::size_t>(last)].recv_ns - r.intended_ns));
  }

  // Token counts (spec §5.1, §5.3): output = non-reasoning text, reasoning separately.
  std::optional<double> out_tokens, reasoning_tokens;
  if (s.use_server_token_count) {
    if (r.usage.completion_tokens >= 0) {
      const std::int64_t rt = r.usage.reasoning_tokens >= 0 ? r.usage.reasoning_tokens : 0;
      if (r.usage.completion_tokens - rt > 0) out_tokens = static_cast<double>(r.usage.completion_tokens - rt);
    }
    if (r.usage.reasoning_tokens >= 0) reasoning_tokens = static_cast<double>(r.usage.reasoning_tokens);
  } else {
    if (!r.content.empty()) {
      const auto n = count(r.content);
      if (n > 0) out_tokens = static_cast<double>(n);
    }
    if (!r.reasoning.empty()) reasoning_tokens = static_cast<double>(count(r.reasoning));
  }
  if (out_tokens) set(slot::output_token_count, *out_tokens);
  if (reasoning_tokens) set(slot::reasoning_token_count, *reasoning_tokens);
  std::optional<double> osl_v;
  if (out_tokens || reasoning_tokens) osl_v = out_tokens.value_or(0) + reasoning_tokens.value_or(0);
  if (osl_v) set(slot::osl, *osl_v);
  if (osl_v && out.v[slot::request_latency] && *out.v[slot::request_latency] > 0)
    set(slot::e2e_otps, *osl_v / (*out.v[slot::request_latency] * 1e-9));

  if (s.streaming && first >= 0) {
    auto const& c = r.chunks;
    const auto f = static_cast<std::size_t>(first);
    const double t1 = static_cast<double>(c[f].recv_ns - r.start_ns);
    set(slot::ttft, t1);
    if (r.ack_ns > 0) set(slot::stream_setup, static_cast<double>(r.ack_ns - r.start_ns));
    // The content chunks in order; TTST and ICL are gaps between them.
    std::int64_t prev = c[f].recv_ns;
    bool second = false, gaps_ok = true;
    for (std::size_t i = f + 1; i < c.size(); ++i) {
      if (!c[i].is_content()) continue;
      const double gap = static_cast<double>(c[i].recv_ns - prev);
      if (!second) {
        set(slot::ttst, gap);
        second = true;
      }
      if (gap <= 0) gaps_ok = false;
      out.icl.push_back(gap);
      prev = c[i].recv_ns;
    }
    out.has_icl = second && gaps_ok;
    if (!out.has_icl) out.icl.clear();
    for (std::size_t i = f; i < c.size(); ++i)
      if (c[i].content_bytes > 0) {
        set(slot::ttfo, static_cast<double>(c[i].recv_ns - r.start_ns));
        break;
      }
    if (out.v[slot::request_latency]) {
      const double decode = *out.v[slot::request_latency] - t1;
      set(slot::decode_duration, decode);
      if (osl_v && *osl_v >= 2) {
        const double itl_v = decode / (*osl_v - 1);
        set(slot::itl, itl_v);
        if (itl_v > 0) set(slot::otps_user, 1e9 / itl_v);
      }
    }
  }

  // Goodput: every SLO must hold; a missing value fails (spec §4.3).
  if (!s.slos.empty()) {
    out.good = true;
    for (auto const& [def, threshold] : s.slos) {
      auto const& val = out.v[static_cast<std::size_t>(def->slot)];
      if (!val || ((def->flags & larger_is_better) ? *val < threshold : *val > threshold)) {
        out.good = false;
        break;
      }
    }
  }
  return out;
}

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
