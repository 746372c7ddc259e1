// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/standard_values.hpp — the standard per-record values every built-in metric
// (and any custom one) builds on: TTFT, ITL, latency, token counts, ... (spec measurement
// §3.1-§3.2, §5), in storage units (ns, tokens).  A run computes only the values its metrics
// need: each metric names them in a value_mask, the set's masks are joined and closed over the
// dependencies below, and compute_standard_values() skips everything else — client-side
// tokenization of the output above all, which only OSL and the token counts need.
// Non-template: one copy serves every metric set.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace metrics {

/// One standard per-record value.  Names follow the metric tags (ttft = time_to_first_token).
enum class standard_value : std::uint8_t {
  ttft,                              // first content or reasoning chunk - send (streaming)
  ttst,                              // second content chunk - first (streaming)
  ttfo,                              // first non-reasoning content chunk - send (streaming)
  request_latency,                   // last content chunk - send
  decode_duration,                   // request_latency - ttft (streaming)
  itl,                               // decode_duration / (osl - 1) (streaming, osl >= 2)
  output_token_throughput_per_user,  // 1 s / itl
  e2e_output_token_throughput,       // osl / request_latency
  osl,                               // output + reasoning tokens
  isl,                               // prompt tokens (the dataset's, or the server's)
  output_token_count,                // non-reasoning output tokens
  reasoning_token_count,             // reasoning tokens
  error_isl,                         // isl of a failed request
  send_lateness,                     // actual - intended send (ours)
  latency_from_intended,             // last content chunk - intended send (ours)
  stream_setup_latency,              // response headers - send (streaming)
  inter_chunk_latency,               // gaps between content chunks: a list (streaming)
  usage_prompt_tokens,               // the server's usage block, as reported (spec §3.5)
  usage_completion_tokens,
  usage_reasoning_tokens,
  usage_total_tokens,
  usage_prompt_tokens_diff_pct,      // |usage prompt - isl| / isl, % (spec §3.6; client counts only)
  usage_completion_tokens_diff_pct,  // |usage completion - osl| / osl, %
  usage_reasoning_tokens_diff_pct,   // |usage reasoning - reasoning tokens| / reasoning tokens, %
  osl_mismatch_diff_pct,             // (osl - requested max_tokens) / requested, signed % (spec §3.7)
};
inline constexpr std::size_t standard_value_count = 25;

/// A set of standard values.
class value_mask {
 public:
  constexpr value_mask() noexcept = default;
  constexpr value_mask(std::initializer_list<standard_value> vs) noexcept {
    for (auto v : vs) bits_ |= bit(v);
  }
  static constexpr value_mask all() noexcept { return value_mask((1u << standard_value_count) - 1u); }

  [[nodiscard]] constexpr bool has(standard_value v) const noexcept { return (bits_ & bit(v)) != 0; }
  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  [[nodiscard]] constexpr std::uint32_t bits() const noexcept { return bits_; }
  constexpr value_mask operator|(value_mask o) const noexcept { return value_mask(bits_ | o.bits_); }
  constexpr value_mask& operator|=(value_mask o) noexcept { return bits_ |= o.bits_, *this; }
  constexpr bool operator==(value_mask const&) const noexcept = default;

 private:
  constexpr explicit value_mask(std::uint32_t b) noexcept : bits_(b) {}
  static constexpr std::uint32_t bit(standard_value v) noexcept { return 1u << static_cast<unsigned>(v); }
  std::uint32_t bits_ = 0;
};

/// What computing each value reads first (ITL needs the decode duration and OSL, ...).
constexpr value_mask direct_dependencies(standard_value v) noexcept {
  using enum standard_value;
  switch (v) {
    case decode_duration: return {request_latency, ttft};
    case itl: return {decode_duration, osl};
    case output_token_throughput_per_user: return {itl};
    case e2e_output_token_throughput: return {osl, request_latency};
    case osl: return {output_token_count, reasoning_token_count};
    case usage_prompt_tokens_diff_pct: return {isl};
    case usage_completion_tokens_diff_pct: return {osl};
    case usage_reasoning_tokens_diff_pct: return {reasoning_token_count};
    case osl_mismatch_diff_pct: return {osl};
    default: return {};
  }
}

/// `m` plus everything its values depend on, transitively.
constexpr value_mask with_dependencies(value_mask m) noexcept {
  for (;;) {
    value_mask next = m;
    for (std::size_t i = 0; i < standard_value_count; ++i)
      if (m.has(static_cast<standard_value>(i))) next |= direct_dependencies(static_cast<standard_value>(i));
    if (next == m) return m;
    m = next;
  }
}

/// Whether computing `m` counts output tokens with the client's tokenizer (OSL and the token
/// counts do, unless the server's usage counts are used).
constexpr bool needs_output_tokenization(value_mask m, bool use_server_token_count) noexcept {
  return !use_server_token_count &&
         (m.has(standard_value::output_token_count) || m.has(standard_value::reasoning_token_count));
}

/// The standard values of one record, in storage units (ns, tokens).  Absent = not computed
/// (not asked for) or not computable (a non-streamed request has no TTFT).
struct standard_values {
  std::optional<double> ttft, ttst, ttfo, request_latency, decode_duration, itl, output_token_throughput_per_user,
      e2e_output_token_throughput, osl, isl, output_token_count, reasoning_token_count, error_isl, send_lateness,
      latency_from_intended, stream_setup_latency, usage_prompt_tokens, usage_completion_tokens, usage_reasoning_tokens,
      usage_total_tokens, usage_prompt_tokens_diff_pct, usage_completion_tokens_diff_pct, usage_reasoning_tokens_diff_pct,
      osl_mismatch_diff_pct;
  std::vector<double> inter_chunk_latency;  // empty: absent (fewer than two chunks, or a gap <= 0)

  /// A scalar value by name (nullopt for inter_chunk_latency, a list).
  [[nodiscard]] std::optional<double> get(standard_value v) const noexcept;
};

/// Counts tokens of a text (the run's tokenizer).
using token_counter = std::function<std::size_t(std::string_view)>;

struct value_settings {
  bool streaming = false;               // TTFT, ITL, ... exist only for streamed responses
  bool use_server_token_count = false;  // token counts from the response usage block
  /// The endpoint produces tokens (chat, completions).  False for embeddings and rankings:
  /// no ISL, OSL or other token count is computed (spec measurement §1.6, §5.6).
  bool produces_tokens = true;
};

/// The values in `needed` (close it with with_dependencies() first) for one finished record.
/// `count` is only called when needs_output_tokenization(needed, ...) holds; it may be null
/// otherwise.
AIPERF_DECL standard_values compute_standard_values(request_record const& r, value_mask needed,
                                                    value_settings const& settings, token_counter const* count);

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/metrics/impl/standard_values.ipp>
#endif
