// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/http_response_parser.hpp — incremental HTTP/1.1 response parser (no I/O).
//
// Feed it bytes as they arrive, in pieces of any size (one byte at a time works); it calls
// `on_headers()` once the final (non-1xx) header section is complete and `on_body(view)` with
// decoded body bytes in arrival order.  Views passed to on_body point into the input.
// Body kinds: Content-Length, chunked (extensions, trailers), close-delimited (ends at eof()),
// none (HEAD, 1xx, 204, 304).  Interim 1xx responses are skipped.  Malformed input puts the
// parser into the error state with a message; memory is bounded by `max_header_bytes` (the
// header section and the trailer section are the only buffered parts).
//
// Leniencies, chosen because real servers do these and refusing would lose measurements:
// bare LF line ends in the header section (chunk framing and trailers need CRLF, as in
// llhttp: a lenient chunk parser is a response-splitting risk); a chunked body whose final CRLF (after `0\r\n`) never comes before EOF
// counts as complete.  Both Transfer-Encoding and Content-Length: Transfer-Encoding wins
// (RFC 9112 §6.3) and the connection is not reused.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

class http_response_parser {
 public:
  static constexpr std::size_t default_max_header_bytes = 64 * 1024;
  enum class body_kind : std::uint8_t { none, length, chunked, until_close };

  explicit http_response_parser(std::size_t max_header_bytes = default_max_header_bytes)
      : max_header_(max_header_bytes) {
    head_.reserve(1024);
  }

  /// Prepares for the next response.  `head_request`: the request was HEAD (no body follows).
  void reset(bool head_request = false) noexcept {
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
    reason_ = ctype_ = cenc_ = {0, 0};
    error_.clear();
  }

  /// Consumes bytes; returns how many were used.  It stops early only when the response is
  /// complete (the rest belongs to no request) or on error.
  template <class OnHeaders, class OnBody>
  std::size_t feed(std::string_view in, OnHeaders&& on_headers, OnBody&& on_body) {
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

  /// The peer closed the connection.  A close-delimited body completes; anything unfinished
  /// becomes an error.  Returns done().
  bool eof() {
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

  [[nodiscard]] bool headers_complete() const noexcept { return state_ != st::head && status_ >= 200; }
  [[nodiscard]] bool done() const noexcept { return state_ == st::done; }
  [[nodiscard]] bool failed() const noexcept { return state_ == st::error; }
  [[nodiscard]] std::string_view error() const noexcept { return error_; }
  [[nodiscard]] int status() const noexcept { return status_; }
  [[nodiscard]] int http_minor() const noexcept { return minor_; }
  [[nodiscard]] std::string_view reason() const noexcept { return view(reason_); }
  [[nodiscard]] std::string_view content_type() const noexcept { return view(ctype_); }
  /// Content-Encoding value ("" when absent).  The body is delivered as received (not decoded).
  [[nodiscard]] std::string_view content_encoding() const noexcept { return view(cenc_); }
  [[nodiscard]] std::int64_t content_length() const noexcept { return content_length_; }
  [[nodiscard]] body_kind kind() const noexcept { return kind_; }
  [[nodiscard]] std::uint64_t body_bytes() const noexcept { return body_bytes_; }
  /// The connection may carry another request after this response.
  [[nodiscard]] bool keep_alive() const noexcept { return keep_alive_ && state_ == st::done; }

 private:
  enum class st : std::uint8_t {
    head, length, until_close, chunk_size, chunk_ext, chunk_size_lf, chunk_data, chunk_data_cr,
    chunk_data_lf, trailer, trailer_lf, done, error
  };
  enum class ext : std::uint8_t { bws, bws_semi, name_start, name, after_name, value_start, value, quoted, quoted_escape };
  struct span {
    std::uint32_t off, len;
  };

  static int hex(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  static char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
  static bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (lower(a[i]) != lower(b[i])) return false;
    return true;
  }
  static bool is_tchar(char c) noexcept {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  }
  static std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }
  std::string_view view(span s) const noexcept { return std::string_view(head_).substr(s.off, s.len); }
  span span_of(std::string_view v) const noexcept {
    return {static_cast<std::uint32_t>(v.data() - head_.data()), static_cast<std::uint32_t>(v.size())};
  }

  void set_error(std::string msg) {
    state_ = st::error;
    keep_alive_ = false;
    error_ = std::move(msg);
  }
  std::size_t fail(const char* /*at*/, std::string msg) {
    set_error(std::move(msg));
    return 0;  // callers stop feeding on error; the exact count is irrelevant then
  }

  template <class OnBody>
  void deliver(OnBody& on_body, const char* p, std::size_t n) {
    if (n == 0) return;
    body_bytes_ += n;
    on_body(std::string_view(p, n));
  }

  void start_chunk() noexcept {
    state_ = st::chunk_size;
    remaining_ = 0;
    chunk_digits_ = 0;
  }
  void end_size_line() noexcept {
    if (remaining_ == 0) {
      state_ = st::trailer;
      line_len_ = 0;
      trailer_bytes_ = 0;
      trailer_in_name_ = true;
    } else {
      state_ = st::chunk_data;
    }
  }

  // Parses the complete head in head_ (status line + fields).  false → error state.
  bool parse_head() {
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
    ctype_ = cenc_ = {0, 0};
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
      const std::string_view value = trim(line.substr(colon + 1));
      for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
          set_error("invalid character in header value");
          return false;
        }
      if (iequals(name, "content-length")) {
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
      } else if (iequals(name, "transfer-encoding")) {
        have_te = true;
        // The final coding decides: chunked last → chunked framing; otherwise read to close.
        std::string_view last = value;
        if (const auto comma = value.rfind(','); comma != std::string_view::npos) last = value.substr(comma + 1);
        te_chunked = iequals(trim(last), "chunked");
      } else if (iequals(name, "connection")) {
        std::string_view v = value;
        while (!v.empty()) {
          const auto comma = v.find(',');
          const std::string_view tok = trim(v.substr(0, comma));
          if (iequals(tok, "close")) connection_close = true;
          else if (iequals(tok, "keep-alive")) connection_keep_alive = true;
          if (comma == std::string_view::npos) break;
          v.remove_prefix(comma + 1);
        }
      } else if (iequals(name, "content-type")) {
        ctype_ = span_of(value);
      } else if (iequals(name, "content-encoding")) {
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

  void begin_body() noexcept {
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

  std::string head_;
  std::string error_;
  std::size_t max_header_;
  std::uint64_t remaining_ = 0;
  std::uint64_t body_bytes_ = 0;
  std::uint64_t trailer_bytes_ = 0;
  std::int64_t content_length_ = -1;
  std::uint32_t chunk_digits_ = 0;
  std::uint32_t line_len_ = 0;
  span reason_{0, 0};
  span ctype_{0, 0};
  span cenc_{0, 0};
  int status_ = 0;
  int minor_ = 1;
  st state_ = st::head;
  body_kind kind_ = body_kind::none;
  bool head_request_ = false;
  bool keep_alive_ = true;
  bool trailer_in_name_ = true;
  ext ext_ = ext::bws;
};

}  // namespace v0
}  // namespace aiperf
