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

#include <cstddef>
#include <cstdint>
#include <cstring>
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

  explicit sse_framer(std::size_t max_event_bytes = default_max_event_bytes) : max_(max_event_bytes) {
    line_.reserve(256);
    data_.reserve(1024);
  }

  template <class F>
  void feed(std::string_view in, F&& on_event) {
    if (overflow_) return;
    if (bom_state_ < 3) {
      static constexpr char bom[] = "\xEF\xBB\xBF";
      while (bom_state_ < 3 && !in.empty()) {
        if (in.front() == bom[bom_state_]) {
          ++bom_state_;
          in.remove_prefix(1);
        } else {
          const unsigned matched = bom_state_;
          bom_state_ = 3;  // not a BOM: the bytes matched so far are ordinary text
          if (matched) feed_lines(std::string_view(bom, matched), on_event);
        }
      }
      if (in.empty()) return;
    }
    feed_lines(in, on_event);
  }

  /// End of stream: a last line without terminator and a last event without blank line
  /// are processed; the framer is then ready for a new stream.
  template <class F>
  void finish(F&& on_event) {
    if (!overflow_) {
      if (!line_.empty()) {
        process_line(std::string_view(line_), on_event);
        line_.clear();
      }
      dispatch(on_event);
    }
    reset();
  }

  /// Forget everything (new stream).
  void reset() noexcept {
    line_.clear();
    clear_event();
    id_.clear();
    skip_lf_ = false;
    overflow_ = false;
    bom_state_ = 0;
    retry_ms_ = -1;
  }

  /// An event or line exceeded max_event_bytes; input is ignored until reset()/finish().
  [[nodiscard]] bool overflowed() const noexcept { return overflow_; }
  /// Last `retry:` value in ms, or -1.
  [[nodiscard]] std::int64_t retry_ms() const noexcept { return retry_ms_; }

 private:
  template <class F>
  void feed_lines(std::string_view in, F& on_event) {
    const char* p = in.data();
    const char* const end = p + in.size();
    if (skip_lf_ && p < end) {
      skip_lf_ = false;
      if (*p == '\n') ++p;
    }
    while (p < end) {
      const char* e = p;
      while (e < end && *e != '\n' && *e != '\r') ++e;
      if (e == end) {
        if (line_.size() + static_cast<std::size_t>(end - p) > max_) return set_overflow();
        line_.append(p, end);
        return;
      }
      if (line_.empty()) {
        process_line(std::string_view(p, static_cast<std::size_t>(e - p)), on_event);
      } else {
        if (line_.size() + static_cast<std::size_t>(e - p) > max_) return set_overflow();
        line_.append(p, e);
        process_line(std::string_view(line_), on_event);
        line_.clear();
      }
      if (overflow_) return;
      if (*e == '\r') {
        ++e;
        if (e == end) skip_lf_ = true;
        else if (*e == '\n') ++e;
      } else {
        ++e;
      }
      p = e;
    }
  }

  template <class F>
  void process_line(std::string_view line, F& on_event) {
    if (line.empty()) {
      dispatch(on_event);
      return;
    }
    const auto colon = line.find(':');
    std::string_view name = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
      value = line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (colon == 0) {
      if (!has_comment_) {
        comment_.assign(value);
        has_comment_ = true;
      }
      return;
    }
    if (name == "data") {
      if (data_.size() + value.size() + 1 > max_) return set_overflow();
      if (has_data_) data_.push_back('\n');
      data_.append(value);
      has_data_ = true;
    } else if (name == "event") {
      event_.assign(value);
    } else if (name == "id") {
      if (value.find('\0') == std::string_view::npos) id_.assign(value);
    } else if (name == "retry") {
      if (value.empty() || value.size() > 18) return;
      std::int64_t v = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return;
        v = v * 10 + (c - '0');
      }
      retry_ms_ = v;
    }
  }

  template <class F>
  void dispatch(F& on_event) {
    if (has_data_ || !event_.empty()) {
      sse_event ev{event_, data_, id_, has_comment_ ? std::string_view(comment_) : std::string_view{},
                   has_data_};
      on_event(static_cast<sse_event const&>(ev));
    }
    clear_event();
  }

  void clear_event() noexcept {
    data_.clear();
    event_.clear();
    comment_.clear();
    has_data_ = false;
    has_comment_ = false;
  }
  void set_overflow() noexcept {
    overflow_ = true;
    line_.clear();
    clear_event();
  }

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
