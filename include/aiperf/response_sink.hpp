// SPDX-License-Identifier: Apache-2.0
// aiperf/response_sink.hpp — what an Endpoint reports about a response unit.  The transport
// stamps the arrival time of every socket read before any parsing; the Endpoint classifies the
// unit's payload by calling these members; the sink writes the record.  Non-template, no
// allocation beyond the record's reserved buffers.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <cstdint>
#include <string_view>

namespace aiperf {
inline namespace v0 {

class response_sink {
 public:
  explicit response_sink(request_record& r) noexcept : rec_(&r) {}

  /// Begins a response unit that arrived at steady time `recv_ns`.
  void begin_unit(std::int64_t recv_ns) {
    rec_->chunks.push_back(response_chunk{recv_ns, 0, 0, false, false});
  }
  /// Output text of the current unit (may be called more than once per unit).
  void content(std::string_view text) {
    if (text.empty()) return;
    rec_->content.append(text);
    current().content_bytes += static_cast<std::uint32_t>(text.size());
  }
  /// Reasoning ("thinking") text of the current unit.
  void reasoning(std::string_view text) {
    if (text.empty()) return;
    rec_->reasoning.append(text);
    current().reasoning_bytes += static_cast<std::uint32_t>(text.size());
  }
  /// A non-text output of the current unit: embedding vectors, rankings.  It makes the unit a
  /// content response (request latency ends at it) without adding output text or tokens.
  void output() { current().has_output = true; }
  /// A usage block.  Servers send cumulative counts, so the last one wins field by field.
  void usage(usage_info const& u) {
    current().has_usage = true;
    auto& r = rec_->usage;
    if (u.prompt_tokens >= 0) r.prompt_tokens = u.prompt_tokens;
    if (u.completion_tokens >= 0) r.completion_tokens = u.completion_tokens;
    if (u.reasoning_tokens >= 0) r.reasoning_tokens = u.reasoning_tokens;
    if (u.total_tokens >= 0) r.total_tokens = u.total_tokens;
  }
  /// The server reported an error inside a 2xx response (an SSE `error` event, an error
  /// object in the body).  The first error wins; the record becomes an error record.
  void error(int code, std::string_view type, std::string_view message) {
    if (rec_->error) return;
    rec_->error = error_info{code, std::string(type), std::string(message)};
  }
  /// The stream said it is finished (`[DONE]`).
  void done() noexcept { done_ = true; }
  /// A choice carried a finish_reason: the generation ended (a usage chunk may still follow,
  /// so this does not stop the stream the way done() does).
  void finish_reason_seen() noexcept { finished_ = true; }
  /// The stream signalled its end ([DONE] or a finish_reason); a stream cut before that is truncated.
  [[nodiscard]] bool saw_end_signal() const noexcept { return done_ || finished_; }

  [[nodiscard]] bool is_done() const noexcept { return done_; }
  [[nodiscard]] request_record& record() noexcept { return *rec_; }

 private:
  response_chunk& current() {
    if (rec_->chunks.empty()) rec_->chunks.push_back(response_chunk{});
    return rec_->chunks.back();
  }
  request_record* rec_;
  bool done_ = false;
  bool finished_ = false;
};

}  // namespace v0
}  // namespace aiperf
