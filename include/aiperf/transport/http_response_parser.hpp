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
#include <aiperf/detail/function_ref.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

class http_response_parser {
 public:
  static constexpr std::size_t default_max_header_bytes = 64 * 1024;
  enum class body_kind : std::uint8_t { none, length, chunked, until_close };
  /// Called once the final header section is complete.
  using on_headers_fn = detail::function_ref<void()>;
  /// Called with decoded body bytes (a view into the input) in arrival order.
  using on_body_fn = detail::function_ref<void(std::string_view)>;

  explicit http_response_parser(std::size_t max_header_bytes = default_max_header_bytes)
      : max_header_(max_header_bytes) {
    head_.reserve(1024);
  }

  /// Prepares for the next response.  `head_request`: the request was HEAD (no body follows).
  AIPERF_DECL void reset(bool head_request = false) noexcept;

  /// Consumes bytes; returns how many were used.  It stops early only when the response is
  /// complete (the rest belongs to no request) or on error.
  AIPERF_DECL std::size_t feed(std::string_view in, on_headers_fn on_headers, on_body_fn on_body);

  /// The peer closed the connection.  A close-delimited body completes; anything unfinished
  /// becomes an error.  Returns done().
  AIPERF_DECL bool eof();

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
  /// Transfer-Encoding value ("" when absent; the last such header).  Only `chunked` framing is
  /// removed: any other coding (gzip, deflate, ...) stays in the body.
  [[nodiscard]] std::string_view transfer_encoding() const noexcept { return view(tenc_); }
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

  AIPERF_DECL static int hex(char c) noexcept;
  AIPERF_DECL static bool is_tchar(char c) noexcept;
  // HTTP optional white space (RFC 9110 §5.6.3) is SP and HTAB only, unlike detail::ascii_trim:
  // any other control character around a field value must reach the validity check and fail.
  AIPERF_DECL static std::string_view ows_trim(std::string_view s) noexcept;
  std::string_view view(span s) const noexcept { return std::string_view(head_).substr(s.off, s.len); }
  span span_of(std::string_view v) const noexcept {
    return {static_cast<std::uint32_t>(v.data() - head_.data()), static_cast<std::uint32_t>(v.size())};
  }

  AIPERF_DECL void set_error(std::string msg);
  AIPERF_DECL std::size_t fail(const char* at, std::string msg);
  AIPERF_DECL void deliver(on_body_fn on_body, const char* p, std::size_t n);
  AIPERF_DECL void start_chunk() noexcept;
  AIPERF_DECL void end_size_line() noexcept;
  // Parses the complete head in head_ (status line + fields).  false → error state.
  AIPERF_DECL bool parse_head();
  AIPERF_DECL void begin_body() noexcept;

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
  span tenc_{0, 0};
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

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/http_response_parser.ipp>
#endif
