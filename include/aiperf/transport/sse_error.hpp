// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/sse_error.hpp — AIPerf-compatible detection of error events inside a 2xx
// SSE stream (spec load-generation §9.3).  Separate from sse.hpp because it needs simdjson.
//
//   * data containing "error" that parses as a JSON object with a truthy `error` member:
//       error is an object → code = error.code if an integer in 400..599 else 502,
//                            message = error.message if a non-empty string, else the JSON text;
//       otherwise          → code 502, message = the string (or JSON text) of the value;
//   * else an event whose type is "error" (case-insensitive): message = its first comment,
//     or "Unknown error in SSE response: <data>" (code 502).
// Every message is prefixed "Error occurred in SSE response: ".  Cheap when there is no error:
// one substring search per event; JSON is parsed only when "error" occurs in the data.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/transport/sse.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {

struct sse_error {
  int code = 502;
  std::string message;  // "Error occurred in SSE response: ..."
  friend bool operator==(sse_error const&, sse_error const&) = default;
};

namespace detail {
/// The structured form (a JSON object with a truthy `error` member) found in `data`, if any.
AIPERF_DECL std::optional<sse_error> structured_sse_error(std::string_view data);
}  // namespace detail

/// Whether `ev` reports an error, and which.  Not an error → nullopt.
AIPERF_DECL std::optional<sse_error> check_sse_error(sse_event const& ev);

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/transport/impl/sse_error.ipp>
#endif
