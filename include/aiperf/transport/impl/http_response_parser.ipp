// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/http_response_parser.ipp — the response parser's definitions, compiled
// once (src/aiperf.cpp) or inline in every TU (header-only); see http_response_parser.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/http_response_parser.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace aiperf {
inline namespace v0 {

AIPERF_DECL void http_response_parser::reset(bool head_request) noexcept {
  state_ = st::head;
  head_.clear();
  head_request_ = head_request;
  status_ = 0;
  minor_ = 1;
  kind_ = body_kind::none;
  keep_alive_ = true;
  remaining_ = 0;
  body_bytes_ = 0;
  content_length_ = -1;
  chunk_digits_ = 0;
  line_len_ = 0;
  trailer_bytes_ = 0;
  reason_ = ctype_ = cenc_ = tenc_ = {0, 0};
  error_.clear();
}

AIPERF_DECL std::size_t http_response_parser::feed(std::string_view in, on_headers_fn on_headers,
                                                  on_body_fn on_body) {
  const char* const begin = in.data();
  const char* p = begin;
  const char* const end = begin + in.size();
  while (p < end) {
    switch (state_) {
      case st::head: {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* stop = nl ? nl + 1 : end;
        if (head_.size() + static_cast<std::size_t>(stop - p) > max_header_)
          return fail(p, "response header section exceeds " + std::to_string(max_header_) + " bytes");
        const std::size_t old_size = head_.size();
        head_.append(p, stop);
        p = stop;
        // A CR must start a CRLF (RFC 9112 §2.2): a bare CR is rejected, not guessed at.
        for (std::size_t i = old_size ? old_size - 1 : 0; i + 1 < head_.size(); ++i)
          if (head_[i] == '\r' && head_[i + 1] != '\n') return fail(p, "bare CR in response header section");
        if (!nl) break;
        const std::size_t n = head_.size();
        const bool blank = (n >= 2 && head_[n - 2] == '\n') ||
                           (n >= 3 && head_[n - 2] == '\r' && head_[n - 3] == '\n');
        if (!blank) {
          if (n <= 2 && (head_ == "\n" || head_ == "\r\n")) return fail(p, "empty line before status line");
          break;
        }
        if (!parse_head()) return static_cast<std::size_t>(p - begin);
        if (status_ < 200) {  // interim response: forget it, parse the next head
          head_.clear();
          break;
        }
        on_headers();
        begin_body();
        if (state_ == st::done) return static_cast<std::size_t>(p - begin);
        break;
      }
      case st::length: {
        const std::size_t take = std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(end - p));
        deliver(on_body, p, take);
        p += take;
        remaining_ -= take;
        if (remaining_ == 0) {
          state_ = st::done;
          return static_cast<std::size_t>(p - begin);
        }
        break;
      }
      case st::until_close: {
        deliver(on_body, p, static_cast<std::size_t>(end - p));
        p = end;
        break;
      }
      case st::chunk_size: {
        const char c = *p;
        const int d = hex(c);
        if (d >= 0) {
          if (remaining_ > (std::uint64_t{1} << 59)) return fail(p, "chunk size too large");
          remaining_ = remaining_ * 16 + static_cast<unsigned>(d);
          ++chunk_digits_;
          ++p;
        } else if (chunk_digits_ == 0) {
          return fail(p, "invalid character in chunk size");
        } else if (c == ';' || c == ' ' || c == '\t') {
          state_ = st::chunk_ext;
          ext_ = c == ';' ? ext::name_start : ext::bws_semi;
          line_len_ = 0;
          ++p;
        } else if (c == '\r') {
          state_ = st::chunk_size_lf;
          ++p;
        } else {
          return fail(p, "invalid character in chunk size");
        }
        break;
      }
      case st::chunk_ext: {
        // chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ), RFC 9112 §7.1.1
        const char c = *p;
        const bool ws = c == ' ' || c == '\t';
        if (++line_len_ > 4096) return fail(p, "chunk extension too long");
        if (ext_ == ext::quoted) {
          if (c == '"') ext_ = ext::bws;
          else if (c == '\\') ext_ = ext::quoted_escape;
          else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail(p, "invalid character in chunk extension");
          ++p;
          break;
        }
        if (ext_ == ext::quoted_escape) {
          if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail(p, "invalid character in chunk extension");
          ext_ = ext::quoted;
          ++p;
          break;
        }
        if (c == '\r' && ext_ != ext::name_start && ext_ != ext::value_start && ext_ != ext::bws_semi) {
          state_ = st::chunk_size_lf;
        } else if (c == ';' && ext_ != ext::name_start && ext_ != ext::value_start) {
          ext_ = ext::name_start;
        } else if (ws && ext_ != ext::name && ext_ != ext::value) {
          // BWS: stays in the same place of the grammar
        } else if (ws) {
          ext_ = ext_ == ext::name ? ext::after_name : ext::bws;
        } else if (c == '=' && (ext_ == ext::name || ext_ == ext::after_name)) {
          ext_ = ext::value_start;
        } else if (c == '"' && ext_ == ext::value_start) {
          ext_ = ext::quoted;
        } else if (is_tchar(c) && (ext_ == ext::name_start || ext_ == ext::name)) {
          ext_ = ext::name;
        } else if (is_tchar(c) && (ext_ == ext::value_start || ext_ == ext::value)) {
          ext_ = ext::value;
        } else {
          return fail(p, "invalid character in chunk extension");
        }
        ++p;
        break;
      }
      case st::chunk_size_lf:
        if (*p != '\n') return fail(p, "expected LF after chunk size");
        ++p;
        end_size_line();
        break;
      case st::chunk_data: {
        const std::size_t take = std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(end - p));
        deliver(on_body, p, take);
        p += take;
        remaining_ -= take;
        if (remaining_ == 0) state_ = st::chunk_data_cr;
        break;
      }
      case st::chunk_data_cr:
        if (*p == '\r') {
          state_ = st::chunk_data_lf;
          ++p;
        } else {
          return fail(p, "expected CRLF after chunk data");
        }
        break;
      case st::chunk_data_lf:
        if (*p != '\n') return fail(p, "expected CRLF after chunk data");
        ++p;
        start_chunk();
        break;
      case st::trailer: {
        // Trailer fields are validated like header fields and dropped; their size is bounded.
        const char c = *p++;
        if (++trailer_bytes_ > max_header_) return fail(p, "trailer section too large");
        if (c == '\r') {
          state_ = st::trailer_lf;
        } else if (c == '\n') {
          return fail(p, "expected CRLF in trailer section");
        } else if (trailer_in_name_) {
          if (c == ':' && line_len_ > 0) trailer_in_name_ = false;
          else if (!is_tchar(c)) return fail(p, "invalid character in trailer field name");
          ++line_len_;
        } else {
          if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail(p, "invalid character in trailer field value");
          ++line_len_;
        }
        break;
      }
      case st::trailer_lf: {
        if (*p++ != '\n') return fail(p, "expected CRLF in trailer section");
        ++trailer_bytes_;
        if (line_len_ == 0) {
          state_ = st::done;
          return static_cast<std::size_t>(p - begin);
        }
        if (trailer_in_name_) return fail(p, "malformed trailer line");
        line_len_ = 0;
        trailer_in_name_ = true;
        state_ = st::trailer;
        break;
      }
      case st::done:
      case st::error:
        return static_cast<std::size_t>(p - begin);
    }
  }
  return static_cast<std::size_t>(p - begin);
}

AIPERF_DECL bool http_response_parser::eof() {
  switch (state_) {
    case st::done:
    case st::error: break;
    case st::until_close: state_ = st::done; keep_alive_ = false; break;
    case st::head:
      set_error(head_.empty() ? "connection closed before the response started"
                              : "connection closed inside the response header section");
      break;
    case st::length:
      set_error("connection closed after " + std::to_string(body_bytes_) + " of " +
                std::to_string(content_length_) + " body bytes (Content-Length)");
      break;
    case st::trailer:
      if (line_len_ == 0 && trailer_bytes_ == 0) {  // "0\r\n" then EOF: body is complete
        state_ = st::done;
        keep_alive_ = false;
        break;
      }
      [[fallthrough]];
    default:
      set_error("connection closed inside the chunked body after " + std::to_string(body_bytes_) +
                " body bytes");
  }
  return state_ == st::done;
}

AIPERF_DECL int http_response_parser::hex(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

AIPERF_DECL bool http_response_parser::is_tchar(char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

AIPERF_DECL std::string_view http_response_parser::ows_trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

AIPERF_DECL void http_response_parser::set_error(std::string msg) {
  state_ = st::error;
  keep_alive_ = false;
  error_ = std::move(msg);
}

AIPERF_DECL std::size_t http_response_parser::fail(const char* /*at*/, std::string msg) {
  set_error(std::move(msg));
  return 0;  // callers stop feeding on error; the exact count is irrelevant then
}

AIPERF_DECL void http_response_parser::deliver(on_body_fn on_body, const char* p, std::size_t n) {
  if (n == 0) return;
  body_bytes_ += n;
  on_body(std::string_view(p, n));
}

AIPERF_DECL void http_response_parser::start_chunk() noexcept {
  state_ = st::chunk_size;
  remaining_ = 0;
  chunk_digits_ = 0;
}

AIPERF_DECL void http_response_parser::end_size_line() noexcept {
  if (remaining_ == 0) {
    state_ = st::trailer;
    line_len_ = 0;
    trailer_bytes_ = 0;
    trailer_in_name_ = true;
  } else {
    state_ = st::chunk_data;
  }
}

AIPERF_DECL bool http_response_parser::parse_head() {
  std::string_view h = head_;
  auto next_line = [&h]() {
    const auto nl = h.find('\n');
    std::string_view line = h.substr(0, nl);
    h.remove_prefix(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  std::string_view sl = next_line();
  // HTTP/1.x SP 3DIGIT [SP reason]
  if (sl.size() < 12 || sl.substr(0, 5) != "HTTP/" || sl[5] != '1' || sl[6] != '.' ||
      sl[7] < '0' || sl[7] > '1' || sl[8] != ' ') {
    set_error("malformed status line");
    return false;
  }
  minor_ = sl[7] - '0';
  int code = 0;
  for (int i = 9; i < 12; ++i) {
    if (sl[static_cast<std::size_t>(i)] < '0' || sl[static_cast<std::size_t>(i)] > '9') {
      set_error("malformed status code");
      return false;
    }
    code = code * 10 + (sl[static_cast<std::size_t>(i)] - '0');
  }
  if (code < 100) {
    set_error("malformed status code");
    return false;
  }
  if (sl.size() > 12 && sl[12] != ' ') {
    set_error("malformed status line");
    return false;
  }
  status_ = code;
  const std::string_view reason = sl.size() > 13 ? sl.substr(13) : std::string_view{};
  for (char c : reason)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
      set_error("invalid character in reason phrase");
      return false;
    }
  reason_ = span_of(reason.empty() ? sl.substr(sl.size()) : reason);

  bool connection_close = false, connection_keep_alive = false;
  bool have_cl = false, have_te = false, te_chunked = false;
  std::uint64_t cl = 0;
  ctype_ = cenc_ = tenc_ = {0, 0};
  for (;;) {
    std::string_view line = next_line();
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      set_error("obsolete header line folding is not supported");
      return false;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      set_error("malformed header line");
      return false;
    }
    const std::string_view name = line.substr(0, colon);
    for (char c : name)
      if (!is_tchar(c)) {
        set_error("invalid character in header name");
        return false;
      }
    const std::string_view value = ows_trim(line.substr(colon + 1));
    for (char c : value)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
        set_error("invalid character in header value");
        return false;
      }
    if (detail::ascii_iequals(name, "content-length")) {
      if (have_cl) {
        set_error("duplicate Content-Length header");
        return false;
      }
      if (value.empty() || value.size() > 18) {
        set_error("invalid Content-Length");
        return false;
      }
      for (char c : value) {
        if (c < '0' || c > '9') {
          set_error("invalid Content-Length");
          return false;
        }
        cl = cl * 10 + static_cast<unsigned>(c - '0');
      }
      have_cl = true;
    } else if (detail::ascii_iequals(name, "transfer-encoding")) {
      have_te = true;
      tenc_ = span_of(value);
      // The final coding decides: chunked last → chunked framing; otherwise read to close.
      std::string_view last = value;
      if (const auto comma = value.rfind(','); comma != std::string_view::npos) last = value.substr(comma + 1);
      te_chunked = detail::ascii_iequals(ows_trim(last), "chunked");
    } else if (detail::ascii_iequals(name, "connection")) {
      std::string_view v = value;
      while (!v.empty()) {
        const auto comma = v.find(',');
        const std::string_view tok = ows_trim(v.substr(0, comma));
        if (detail::ascii_iequals(tok, "close")) connection_close = true;
        else if (detail::ascii_iequals(tok, "keep-alive")) connection_keep_alive = true;
        if (comma == std::string_view::npos) break;
        v.remove_prefix(comma + 1);
      }
    } else if (detail::ascii_iequals(name, "content-type")) {
      ctype_ = span_of(value);
    } else if (detail::ascii_iequals(name, "content-encoding")) {
      cenc_ = span_of(value);
    }
  }
  if (status_ == 101) {
    set_error("unexpected 101 Switching Protocols");
    return false;
  }
  keep_alive_ = minor_ == 0 ? (connection_keep_alive && !connection_close) : !connection_close;
  if (status_ < 200) return true;
  if (head_request_ || status_ == 204 || status_ == 304) {
    kind_ = body_kind::none;
    content_length_ = have_cl && !have_te ? static_cast<std::int64_t>(cl) : -1;
  } else if (have_te) {
    kind_ = te_chunked ? body_kind::chunked : body_kind::until_close;
    if (have_cl || !te_chunked) keep_alive_ = false;  // smuggling-shaped or close-framed
  } else if (have_cl) {
    kind_ = body_kind::length;
    content_length_ = static_cast<std::int64_t>(cl);
  } else {
    kind_ = body_kind::until_close;
    keep_alive_ = false;
  }
  return true;
}

AIPERF_DECL void http_response_parser::begin_body() noexcept {
  switch (kind_) {
    case body_kind::none: state_ = st::done; break;
    case body_kind::length:
      remaining_ = static_cast<std::uint64_t>(content_length_);
      state_ = remaining_ == 0 ? st::done : st::length;
      break;
    case body_kind::chunked: start_chunk(); break;
    case body_kind::until_close: state_ = st::until_close; break;
  }
}

}  // namespace v0
}  // namespace aiperf
