// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/sse.ipp — the SSE framer's definitions, compiled once (src/aiperf.cpp)
// or inline in every TU (header-only); see sse.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/transport/sse.hpp>

#include <cstring>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// The end of the line that starts at `p`: its first CR or LF, or `end`.  Two memchr scans
/// (vectorised by the C library) rather than a byte loop: a CR is rare, so the second scan
/// stops at the LF the first one found.
inline char const* sse_line_end(char const* p, char const* end) noexcept {
  auto const* lf = static_cast<char const*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
  char const* const stop = lf ? lf : end;
  auto const* cr = static_cast<char const*>(std::memchr(p, '\r', static_cast<std::size_t>(stop - p)));
  return cr ? cr : stop;
}

}  // namespace detail

AIPERF_DECL void sse_framer::feed(std::string_view in, on_event_fn on_event) {
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

AIPERF_DECL void sse_framer::finish(on_event_fn on_event) {
  if (!overflow_) {
    if (!line_.empty()) {
      process_line(std::string_view(line_), on_event);
      line_.clear();
    }
    dispatch(on_event);
  }
  reset();
}

AIPERF_DECL void sse_framer::reset() noexcept {
  line_.clear();
  clear_event();
  id_.clear();
  skip_lf_ = false;
  overflow_ = false;
  bom_state_ = 0;
  retry_ms_ = -1;
}

AIPERF_DECL void sse_framer::feed_lines(std::string_view in, on_event_fn on_event) {
  const char* p = in.data();
  const char* const end = p + in.size();
  if (skip_lf_ && p < end) {
    skip_lf_ = false;
    if (*p == '\n') ++p;
  }
  while (p < end) {
    const char* e = detail::sse_line_end(p, end);
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

AIPERF_DECL void sse_framer::process_line(std::string_view line, on_event_fn on_event) {
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

AIPERF_DECL void sse_framer::dispatch(on_event_fn on_event) {
  if (has_data_ || !event_.empty()) {
    sse_event ev{event_, data_, id_, has_comment_ ? std::string_view(comment_) : std::string_view{},
                 has_data_};
    on_event(static_cast<sse_event const&>(ev));
  }
  clear_event();
}

AIPERF_DECL void sse_framer::clear_event() noexcept {
  data_.clear();
  event_.clear();
  comment_.clear();
  has_data_ = false;
  has_comment_ = false;
}

AIPERF_DECL void sse_framer::set_overflow() noexcept {
  overflow_ = true;
  line_.clear();
  clear_event();
}

}  // namespace v0
}  // namespace aiperf
