// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/openai_parse.ipp — definitions for openai_parse.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

namespace aiperf {
inline namespace v0 {
namespace detail {

namespace openai_detail {
using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

inline std::string_view string_or_empty(value v) {
  json_type t;
  if (v.type().get(t) || t != json_type::string) return {};
  const std::string_view raw = v.raw_json_token();  // does not consume the value
  std::string_view s;
  if (!v.get_string().get(s)) return s;
  // simdjson refuses a lone surrogate escape (`\ud800`): decode it here, with U+FFFD, rather
  // than drop the whole text.  Rare, so a few per-thread buffers serve (a caller may hold two
  // such strings at once, e.g. a name and its arguments).
  thread_local std::string lossy[4];
  thread_local unsigned next = 0;
  std::string& out = lossy[next++ % 4];
  out.clear();
  if (!append_json_unescaped_lossy(out, raw)) return {};
  return out;
}

inline std::int64_t int_or(value v, std::int64_t fallback) {
  std::int64_t i;
  if (v.get_int64().get(i)) return fallback;
  return i;
}

inline void read_usage(object u, response_sink& sink) {
  usage_info info;
  for (auto field : u) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    value v = field.value();
    if (key == "prompt_tokens" || key == "input_tokens") {
      info.prompt_tokens = int_or(v, info.prompt_tokens);
    } else if (key == "completion_tokens" || key == "output_tokens") {
      info.completion_tokens = int_or(v, info.completion_tokens);
    } else if (key == "total_tokens") {
      info.total_tokens = int_or(v, info.total_tokens);
    } else if (key == "completion_tokens_details" || key == "output_tokens_details") {
      object d;
      if (v.get_object().get(d)) continue;
      for (auto df : d) {
        std::string_view dk;
        if (df.unescaped_key().get(dk)) break;
        if (dk == "reasoning_tokens") info.reasoning_tokens = int_or(df.value(), -1);
      }
    }
  }
  sink.usage(info);
}

inline void read_tool_calls(value v, response_sink& sink) {
  simdjson::ondemand::array calls;
  if (v.get_array().get(calls)) return;
  for (auto call : calls) {
    object c;
    if (call.get_object().get(c)) continue;
    for (auto f : c) {
      std::string_view k;
      if (f.unescaped_key().get(k)) break;
      if (k != "function") continue;
      object fn;
      if (f.value().get_object().get(fn)) break;
      for (auto ff : fn) {
        std::string_view fk;
        if (ff.unescaped_key().get(fk)) break;
        if (fk == "name" || fk == "arguments") sink.content(string_or_empty(ff.value()));
      }
    }
  }
}

/// choices[0].delta / choices[0].message: content, reasoning and tool-call text.
inline void read_message(object m, response_sink& sink) {
  for (auto field : m) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    if (key == "content") {
      sink.content(string_or_empty(field.value()));
    } else if (key == "reasoning_content" || key == "reasoning") {
      sink.reasoning(string_or_empty(field.value()));
    } else if (key == "tool_calls") {
      read_tool_calls(field.value(), sink);
    }
  }
}

inline void read_first_choice(value choices, openai_api api, response_sink& sink) {
  simdjson::ondemand::array arr;
  if (choices.get_array().get(arr)) return;
  for (auto element : arr) {
    object choice;
    if (element.get_object().get(choice)) return;
    for (auto field : choice) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return;
      if (key == "finish_reason") {
        if (!string_or_empty(field.value()).empty()) sink.finish_reason_seen();
      } else if (api == openai_api::completions) {
        if (key == "text") sink.content(string_or_empty(field.value()));
      } else if (key == "delta" || key == "message") {
        object m;
        if (!field.value().get_object().get(m)) read_message(m, sink);
      }
    }
    return;  // only choices[0]
  }
}

/// error: {"message": ..., "code": ...} | "text"  ->  sink.error(code, ...)
inline void read_error(value e, std::string_view raw, response_sink& sink) {
  json_type t;
  if (e.type().get(t)) return;
  int code = 502;
  std::string message;
  if (t == json_type::string) {
    message = std::string(string_or_empty(e));
  } else if (t == json_type::object) {
    object eo;
    if (e.get_object().get(eo)) return;
    for (auto f : eo) {
      std::string_view k;
      if (f.unescaped_key().get(k)) break;
      if (k == "message") {
        message = std::string(string_or_empty(f.value()));
      } else if (k == "code") {
        const std::int64_t c = int_or(f.value(), 0);
        if (c >= 400 && c <= 599) code = static_cast<int>(c);
      }
    }
    if (message.empty()) message = std::string(raw);
  } else if (t == json_type::null || t == json_type::boolean) {
    bool truthy = false;
    if (t == json_type::boolean && !e.get_bool().get(truthy) && truthy) message = std::string(raw);
    if (message.empty()) return;  // "error": null / false is not an error
  } else {
    message = std::string(raw);
  }
  sink.error(code, "SSEResponseError", "Error occurred in SSE response: " + message);
}
}  // namespace openai_detail
}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#include <aiperf/endpoints/impl/vendor_parse.ipp>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL bool parse_openai_payload(std::string_view payload, openai_api api, json_scratch& js,
                                      response_sink& sink) {
  using namespace openai_detail;
  const std::string_view trimmed = ascii_trim(payload);
  if (trimmed.empty()) return true;  // keep-alive / empty data: carries nothing
  if (trimmed == "[DONE]") {
    sink.done();
    return true;
  }
  simdjson::ondemand::document doc;
  const bool parsed = !js.parser().iterate(js.pad(trimmed)).get(doc);
  if (parsed && (api == openai_api::responses || api == openai_api::anthropic_messages ||
                 api == openai_api::tgi_generate))
    return parse_vendor_document(doc, api, trimmed, sink);
  object root;
  if (!parsed || doc.get_object().get(root)) {
    sink.error(502, "SSEResponseError",
               "Chat stream completion could not be verified: malformed SSE data");
    return false;
  }
  auto fail = [&] {
    sink.error(502, "SSEResponseError",
               "Chat stream completion could not be verified: malformed SSE data");
    return false;
  };
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return fail();
    value v;
    if (field.value().get(v)) return fail();
    if (key == "choices") {
      read_first_choice(v, api, sink);
    } else if (key == "usage") {
      object u;
      if (!v.get_object().get(u)) read_usage(u, sink);
    } else if (key == "error") {
      read_error(v, trimmed, sink);
    }
  }
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
