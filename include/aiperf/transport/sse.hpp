// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/sse.hpp — incremental Server-Sent Events framer (WHATWG rules, no I/O).
//
// Lines end in LF, CRLF or CR (a CR at the end of one feed and an LF at the start of the next
// are one line end).  A leading UTF-8 BOM is dropped.  `:` lines are comments.  Field values
// lose one leading space.  `data` lines are joined with "\n"; `event` sets the type; `id`
// sets the last event id (kept across events, ignored if it contains NUL); `retry` (digits
// only) sets retry_ms().  A blank line dispatches the event.
//
// Dispatch rule: WHATWG dispatches only when at least one `data` line was seen; this framer
// additionally dispatches a block that set `event:` without data (has_data = false), because
// servers report errors as `event: error` + a comment (AIPerf §9.3).  Consumers that want the
// browser behaviour skip events with has_data == false.  Comment-only blocks (keep-alive
// pings) are never dispatched.  At end of stream, finish() flushes a final event that lacked
// its blank line (servers do omit it; AIPerf parses it too).
//
// Allocation: the partial-line and data buffers are reused; after warm-up no allocation.
// Views in sse_event are valid only during the callback.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/function_ref.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

struct sse_event {
  std::string_view event;    // type from `event:`; empty means "message"
  std::string_view data;     // data lines joined with "\n"
  std::string_view id;       // last event id
  std::string_view comment;  // first comment line of the block (without ':' and one space)
  bool has_data = false;     // at least one `data` line
};

class sse_framer {
 public:
  static constexpr std::size_t default_max_event_bytes = std::size_t{16} << 20;
  /// Receives each dispatched event; the views are valid only during the call.
  using on_event_fn = detail::function_ref<void(sse_event const&)>;

  explicit sse_framer(std::size_t max_event_bytes = default_max_event_bytes) : max_(max_event_bytes) {
    line_.reserve(256);
    data_.reserve(1024);
  }

  AIPERF_DECL void feed(std::string_view in, on_event_fn on_event);

  /// End of stream: a last line without terminator and a last event without blank line
  /// are processed; the framer is then ready for a new stream.
  AIPERF_DECL void finish(on_event_fn on_event);

  /// Forget everything (new stream).
  AIPERF_DECL void reset() noexcept;

  /// An event or line exceeded max_event_bytes; input is ignored until reset()/finish().
  [[nodiscard]] bool overflowed() const noexcept { return overflow_; }
  /// Last `retry:` value in ms, or -1.
  [[nodiscard]] std::int64_t retry_ms() const noexcept { return retry_ms_; }

 private:
  AIPERF_DECL void feed_lines(std::string_view in, on_event_fn on_event);
  AIPERF_DECL void process_line(std::string_view line, on_event_fn on_event);
  AIPERF_DECL void dispatch(on_event_fn on_event);
  AIPERF_DECL void clear_event() noexcept;
  AIPERF_DECL void set_overflow() noexcept;

  std::string line_;     // a line split across feeds
  std::string data_;     // joined data lines of the current event
  std::string event_;
  std::string id_;       // persists across events (WHATWG "last event ID")
  std::string comment_;
  std::size_t max_;
  std::int64_t retry_ms_ = -1;
  unsigned bom_state_ = 0;
  bool has_data_ = false;
  bool has_comment_ = false;
  bool skip_lf_ = false;
  bool overflow_ = false;
};

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/sse.ipp>
#endif
