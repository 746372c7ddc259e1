// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/impl/standard_values.ipp — definitions for standard_values.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/metrics/standard_values.hpp>

#include <cmath>

namespace aiperf {
inline namespace v0 {
namespace metrics {

AIPERF_DECL std::optional<double> standard_values::get(standard_value v) const noexcept {
  using enum standard_value;
  switch (v) {
    case ttft: return this->ttft;
    case ttst: return this->ttst;
    case ttfo: return this->ttfo;
    case request_latency: return this->request_latency;
    case decode_duration: return this->decode_duration;
    case itl: return this->itl;
    case output_token_throughput_per_user: return this->output_token_throughput_per_user;
    case e2e_output_token_throughput: return this->e2e_output_token_throughput;
    case osl: return this->osl;
    case isl: return this->isl;
    case output_token_count: return this->output_token_count;
    case reasoning_token_count: return this->reasoning_token_count;
    case error_isl: return this->error_isl;
    case send_lateness: return this->send_lateness;
    case latency_from_intended: return this->latency_from_intended;
    case stream_setup_latency: return this->stream_setup_latency;
    case inter_chunk_latency: return std::nullopt;
    case usage_prompt_tokens: return this->usage_prompt_tokens;
    case usage_completion_tokens: return this->usage_completion_tokens;
    case usage_reasoning_tokens: return this->usage_reasoning_tokens;
    case usage_total_tokens: return this->usage_total_tokens;
    case usage_prompt_tokens_diff_pct: return this->usage_prompt_tokens_diff_pct;
    case usage_completion_tokens_diff_pct: return this->usage_completion_tokens_diff_pct;
    case usage_reasoning_tokens_diff_pct: return this->usage_reasoning_tokens_diff_pct;
    case osl_mismatch_diff_pct: return this->osl_mismatch_diff_pct;
  }
  return std::nullopt;
}

AIPERF_DECL standard_values compute_standard_values(request_record const& r, value_mask needed,
                                                    value_settings const& s, token_counter const* count) {
  using enum standard_value;
  standard_values out;
  // ISL: the dataset knows it exactly; the server's count with --use-server-token-count.
  if (s.produces_tokens && (needed.has(isl) || needed.has(error_isl))) {
    std::optional<double> isl_v;
    if (s.use_server_token_count) {
      if (r.usage.prompt_tokens >= 0) isl_v = static_cast<double>(r.usage.prompt_tokens);
    } else if (r.input_tokens >= 0) {
      isl_v = static_cast<double>(r.input_tokens);
    }
    if (!r.ok()) {
      if (needed.has(error_isl)) out.error_isl = isl_v;
    } else if (needed.has(isl)) {
      out.isl = isl_v;
    }
  }
  if (!r.ok()) return out;
  if (needed.has(send_lateness) && r.intended_ns > 0) out.send_lateness = static_cast<double>(r.start_ns - r.intended_ns);

  const std::ptrdiff_t first = r.first_content(), last = r.last_content();
  if (last >= 0) {
    const std::int64_t last_ns = r.chunks[static_cast<std::size_t>(last)].recv_ns;
    if (needed.has(request_latency)) out.request_latency = static_cast<double>(last_ns - r.start_ns);
    if (needed.has(latency_from_intended) && r.intended_ns > 0)
      out.latency_from_intended = static_cast<double>(last_ns - r.intended_ns);
  }

  // Token counts (spec §5.1, §5.3): output = non-reasoning text, reasoning separately.
  if (s.produces_tokens && (needed.has(output_token_count) || needed.has(reasoning_token_count))) {
    std::optional<double> out_tokens, reasoning_tokens;
    if (s.use_server_token_count) {
      if (r.usage.completion_tokens >= 0) {
        const std::int64_t rt = r.usage.reasoning_tokens >= 0 ? r.usage.reasoning_tokens : 0;
        if (r.usage.completion_tokens - rt > 0) out_tokens = static_cast<double>(r.usage.completion_tokens - rt);
      }
      if (r.usage.reasoning_tokens >= 0) reasoning_tokens = static_cast<double>(r.usage.reasoning_tokens);
    } else if (count != nullptr) {
      if (!r.content.empty()) {
        const auto n = (*count)(r.content);
        if (n > 0) out_tokens = static_cast<double>(n);
      }
      if (!r.reasoning.empty()) reasoning_tokens = static_cast<double>((*count)(r.reasoning));
    }
    out.output_token_count = out_tokens;
    out.reasoning_token_count = reasoning_tokens;
    if (needed.has(osl) && (out_tokens || reasoning_tokens))
      out.osl = out_tokens.value_or(0) + reasoning_tokens.value_or(0);
  }
  if (needed.has(e2e_output_token_throughput) && out.osl && out.request_latency && *out.request_latency > 0)
    out.e2e_output_token_throughput = *out.osl / (*out.request_latency * 1e-9);

  // What the server says it counted (spec §3.5), and how far that is from the client's own
  // counts (§3.6: only when the client counted, so not with --use-server-token-count).
  auto reported = [](std::int64_t v) { return v >= 0 ? std::optional<double>(static_cast<double>(v)) : std::nullopt; };
  if (needed.has(usage_prompt_tokens) && s.produces_tokens) out.usage_prompt_tokens = reported(r.usage.prompt_tokens);
  if (needed.has(usage_completion_tokens)) out.usage_completion_tokens = reported(r.usage.completion_tokens);
  if (needed.has(usage_reasoning_tokens)) out.usage_reasoning_tokens = reported(r.usage.reasoning_tokens);
  if (needed.has(usage_total_tokens)) out.usage_total_tokens = reported(r.usage.total_tokens);
  auto diff_pct = [](std::int64_t server, std::optional<double> const& client) -> std::optional<double> {
    if (server < 0 || !client || *client <= 0) return std::nullopt;
    return std::abs(static_cast<double>(server) - *client) / *client * 100.0;
  };
  if (s.produces_tokens && !s.use_server_token_count) {
    if (needed.has(usage_prompt_tokens_diff_pct)) out.usage_prompt_tokens_diff_pct = diff_pct(r.usage.prompt_tokens, out.isl);
    if (needed.has(usage_completion_tokens_diff_pct))
      out.usage_completion_tokens_diff_pct = diff_pct(r.usage.completion_tokens, out.osl);
    if (needed.has(usage_reasoning_tokens_diff_pct))
      out.usage_reasoning_tokens_diff_pct = diff_pct(r.usage.reasoning_tokens, out.reasoning_token_count);
  }
  // Spec §3.7: signed, negative when the answer stopped before the requested length.
  if (needed.has(osl_mismatch_diff_pct) && s.produces_tokens && r.max_tokens > 0 && out.osl) {
    const double requested = static_cast<double>(r.max_tokens);
    out.osl_mismatch_diff_pct = (*out.osl - requested) / requested * 100.0;
  }

  if (!s.streaming || !s.produces_tokens || first < 0) return out;
  auto const& c = r.chunks;
  const auto f = static_cast<std::size_t>(first);
  const double t1 = static_cast<double>(c[f].recv_ns - r.start_ns);
  if (needed.has(ttft)) out.ttft = t1;
  if (needed.has(stream_setup_latency) && r.ack_ns > 0) out.stream_setup_latency = static_cast<double>(r.ack_ns - r.start_ns);
  if (needed.has(ttst) || needed.has(inter_chunk_latency)) {
    // The content chunks in order; TTST and the inter-chunk latencies are gaps between them.
    std::int64_t prev = c[f].recv_ns;
    bool second = false, gaps_ok = true;
    for (std::size_t i = f + 1; i < c.size(); ++i) {
      if (!c[i].is_content()) continue;
      const double gap = static_cast<double>(c[i].recv_ns - prev);
      if (!second) {
        if (needed.has(ttst)) out.ttst = gap;
        second = true;
        if (!needed.has(inter_chunk_latency)) break;
      }
      if (gap <= 0) gaps_ok = false;
      out.inter_chunk_latency.push_back(gap);
      prev = c[i].recv_ns;
    }
    if (!second || !gaps_ok) out.inter_chunk_latency.clear();
  }
  if (needed.has(ttfo))
    for (std::size_t i = f; i < c.size(); ++i)
      if (c[i].content_bytes > 0) {
        out.ttfo = static_cast<double>(c[i].recv_ns - r.start_ns);
        break;
      }
  if (needed.has(decode_duration) && out.request_latency) {
    const double decode = *out.request_latency - t1;
    out.decode_duration = decode;
    if (needed.has(itl) && out.osl && *out.osl >= 2) {
      const double itl_v = decode / (*out.osl - 1);
      out.itl = itl_v;
      if (needed.has(output_token_throughput_per_user) && itl_v > 0) out.output_token_throughput_per_user = 1e9 / itl_v;
    }
  }
  return out;
}

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
