// SPDX-License-Identifier: Apache-2.0
// aiperf/record.hpp — the record of one request: everything measured about it, success or
// failure.  Filled on the shard thread by the transport and the Endpoint; read by metrics and
// exporters after the request completes.  Plain data: no formatting, no virtuals.
#pragma once
#include <aiperf/config.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// Which phase a request belongs to; summaries use profiling records only.
enum class benchmark_phase : std::uint8_t { warmup, profiling };

inline constexpr std::string_view to_string(benchmark_phase p) noexcept {
  return p == benchmark_phase::warmup ? "warmup" : "profiling";
}

/// Token counts a server reported in a `usage` block.  -1 means "not reported".
struct usage_info {
  std::int64_t prompt_tokens = -1;
  std::int64_t completion_tokens = -1;
  std::int64_t reasoning_tokens = -1;  // completion_tokens_details.reasoning_tokens
  std::int64_t total_tokens = -1;

  [[nodiscard]] bool any() const noexcept {
    return prompt_tokens >= 0 || completion_tokens >= 0 || reasoning_tokens >= 0 ||
           total_tokens >= 0;
  }
};

/// Why a request failed.  `code` is the HTTP status (or 499 for cancellation); 0 = null.
struct error_info {
  int code = 0;
  std::string type;     // e.g. "HTTPError", "RequestTimeoutError", "ConnectionError"
  std::string message;  // human-readable, one line

  friend bool operator==(error_info const&, error_info const&) = default;
};

/// One response unit as it arrived: an SSE event, or the whole body when not streaming.
/// The text it carried is appended to the record's `content` / `reasoning` strings; the byte
/// counts say how much of each belongs to this unit, so per-chunk text can be recovered.
struct response_chunk {
  std::int64_t recv_ns = 0;          // steady ns of the socket read that completed the unit
  std::uint32_t content_bytes = 0;   // bytes appended to record.content by this unit
  std::uint32_t reasoning_bytes = 0; // bytes appended to record.reasoning by this unit
  bool has_usage = false;            // unit carried a usage block
  bool has_output = false;           // unit carried a non-text output (embeddings, rankings)

  /// A "content response" in AIPerf's sense: carries text, reasoning or a non-text output
  /// (an embeddings or rankings answer).  Only these count for TTFT / ITL / request latency
  /// (role-only chunks, usage-only chunks and [DONE] do not).
  [[nodiscard]] bool is_content() const noexcept { return content_bytes + reasoning_bytes > 0 || has_output; }
};

/// Everything measured about one request.  All `*_ns` are steady-clock ns (aiperf/clock.hpp)
/// unless the name says wall; 0 means "did not happen".
struct request_record {
  // -- identity -------------------------------------------------------------------------
  std::uint64_t request_num = 0;         // 0-based credit index within its phase (all shards)
  std::uint64_t session_num = 0;         // 0-based session index within its phase
  std::uint32_t conversation_index = 0;  // index into the dataset's conversations
  std::uint32_t turn_index = 0;          // 0-based turn within the conversation
  std::uint32_t worker = 0;              // shard that sent it
  benchmark_phase phase = benchmark_phase::profiling;
  std::array<char, 36> x_request_id = {};  // the X-Request-ID sent (a UUID; all '\0' when none was)
  std::string x_correlation_id = {};       // the session's X-Correlation-ID (spec §5.7)
  std::optional<std::uint32_t> url_index;  // which --url it went to, with several (spec §8.2)

  // -- time -----------------------------------------------------------------------------
  std::int64_t intended_ns = 0;  // when the schedule meant it to be sent
  std::int64_t start_ns = 0;     // actual send: stamped just before the request is written
  std::int64_t ack_ns = 0;       // response status line + headers complete
  std::int64_t end_ns = 0;       // response complete, or the error was detected
  std::int64_t wall_start_ns = 0;  // start_ns on the wall clock (epoch ns)

  // -- response -------------------------------------------------------------------------
  int http_status = 0;
  std::vector<response_chunk> chunks;
  std::string content;    // concatenated non-reasoning output text
  std::string reasoning;  // concatenated reasoning text
  usage_info usage;       // last usage block seen (servers send cumulative usage)

  // -- input ----------------------------------------------------------------------------
  std::int64_t input_tokens = -1;  // prompt token count known from the dataset (-1: unknown)
  std::int64_t max_tokens = -1;    // requested output cap (-1: none)

  // -- outcome --------------------------------------------------------------------------
  std::optional<error_info> error;
  bool was_cancelled = false;
  std::int64_t cancel_ns = 0;

  [[nodiscard]] bool ok() const noexcept { return !error.has_value(); }

  /// Index of the first / last content chunk, or -1.
  [[nodiscard]] std::ptrdiff_t first_content() const noexcept {
    for (std::size_t i = 0; i < chunks.size(); ++i)
      if (chunks[i].is_content()) return static_cast<std::ptrdiff_t>(i);
    return -1;
  }
  [[nodiscard]] std::ptrdiff_t last_content() const noexcept {
    for (std::size_t i = chunks.size(); i-- > 0;)
      if (chunks[i].is_content()) return static_cast<std::ptrdiff_t>(i);
    return -1;
  }
};

}  // namespace v0
}  // namespace aiperf
