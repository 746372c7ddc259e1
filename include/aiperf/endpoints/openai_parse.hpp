// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_parse.hpp — reading OpenAI-style response payloads (one SSE event's
// data, or a whole body) into a response_sink.  Non-template and shared by every OpenAI-family
// endpoint, so it exists once however many endpoints a program instantiates.
//
// Rules (spec load-generation §8.4, §8.5, §8.12, §9.3):
//   `[DONE]` ends the stream; an object with a truthy `error` is an in-stream error (code from
//   error.code when it is 400-599, else 502); chat reads choices[0].delta (chunks) or
//   choices[0].message (bodies): content, reasoning_content | reasoning, tool_calls
//   (function name + arguments count as output text); completions read choices[0].text;
//   `usage` is read with its vendor synonyms (prompt|input_tokens, completion|output_tokens,
//   completion|output_tokens_details.reasoning_tokens).
//   The Responses, Anthropic and TGI shapes: see impl/vendor_parse.ipp.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/response_sink.hpp>

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Per-copy simdjson state.  Copying gives the copy its own parser (parsers are not
/// shareable), so an Endpoint holding one stays copy_constructible and each shard parses
/// with its own buffers.
class json_scratch {
 public:
  json_scratch() = default;
  json_scratch(json_scratch const&) : json_scratch() {}
  json_scratch& operator=(json_scratch const&) noexcept { return *this; }

  /// A padded copy of `s` that simdjson may read past the end of.  Text whose brackets do not
  /// balance (outside strings), or with an unterminated string, comes back empty, which
  /// iterate() refuses: simdjson 3.0's On Demand does not check the nesting of what it walks,
  /// and a payload such as `[` made it read past the padding (found by tests/fuzz).
  simdjson::padded_string_view pad(std::string_view s) {
    if (!balanced(s)) s = {};
    if (buf_.size() < s.size() + simdjson::SIMDJSON_PADDING)
      buf_.resize(s.size() + simdjson::SIMDJSON_PADDING);
    s.copy(buf_.data(), s.size());
    return simdjson::padded_string_view(buf_.data(), s.size(), buf_.size());
  }
  simdjson::ondemand::parser& parser() noexcept { return parser_; }

  /// Brackets and braces nest and close, every string is terminated.
  static bool balanced(std::string_view s) noexcept {
    char stack[1024];  // deeper nesting is refused too, as simdjson refuses it (default max depth)
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (const char c : s) {
      if (in_string) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        if (depth == sizeof stack) return false;
        stack[depth++] = c == '[' ? ']' : '}';
      } else if (c == ']' || c == '}') {
        if (depth == 0 || stack[--depth] != c) return false;
      }
    }
    return !in_string && depth == 0;
  }

 private:
  simdjson::ondemand::parser parser_;
  std::string buf_;
};

/// Which response shape a payload has.  Beside OpenAI's chat and completions: the OpenAI
/// Responses API (typed events), Anthropic Messages (typed events, content blocks) and TGI's
/// /generate (token events); those three are read by impl/vendor_parse.ipp (spec §8.6, §8.7,
/// §8.10).
enum class openai_api : std::uint8_t { chat, completions, responses, anthropic_messages, tgi_generate };


/// Parses one OpenAI payload into `sink`.  Returns false when the payload is not JSON
/// (the sink then holds an error: a server that streams garbage is a failed request).
AIPERF_DECL bool parse_openai_payload(std::string_view payload, openai_api api, json_scratch& js,
                                      response_sink& sink);

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/openai_parse.ipp>
#endif
