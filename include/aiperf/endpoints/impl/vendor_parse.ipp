// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/vendor_parse.ipp — the response shapes of the non-chat endpoints that
// parse_openai_payload dispatches to (openai_api::responses, anthropic_messages,
// tgi_generate).  Included by impl/openai_parse.ipp, which supplies the shared readers
// (usage with its vendor synonyms, error objects, strings).
//
// Rules (spec load-generation §8.6, §8.7, §8.10, §8.12, §9):
//   Responses — typed events: response.output_text.delta (content),
//     response.reasoning_text.delta | response.reasoning_summary_text.delta (reasoning),
//     response.function_call_arguments.delta (tool text, counted as content),
//     response.output_text.done (its `text` only when the request has no content yet),
//     response.completed | response.incomplete (response.usage; the stream's end),
//     response.failed (response.error) and `error` events (errors); the rest carry nothing.
//     A body (`"object":"response"`, no `type`) walks output[]: reasoning items' summary[] and
//     content[] texts (reasoning), message items' content[] output_text (content),
//     function_call name + arguments (content); top-level output_text as a fallback; usage.
//   Anthropic — typed events: content_block_delta with text_delta (content), thinking_delta
//     (reasoning), input_json_delta (tool text); message_start.message.usage (input tokens),
//     message_delta.usage (output tokens), message_stop (the end), error.  A body
//     (`"type":"message"`) reads content[] blocks: text, thinking (reasoning), tool_use
//     (name + the input's JSON); usage.
//   TGI — an event's token.text (special tokens such as </s> carry no output text); the last
//     event's `details` (generated_tokens, input_length) is the usage and ends the stream; a
//     body's generated_text (an object or a one-element array), details.generated_tokens and
//     the length of details.prefill (when the server sent the prefill tokens).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/endpoints/openai_parse.hpp>

namespace aiperf {
inline namespace v0 {
namespace detail {
namespace vendor_detail {
using simdjson::ondemand::array;
using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

/// The string member `key` of `o`, found in any order; "" when absent or not a string.
inline std::string_view string_field(object& o, std::string_view key) {
  std::string_view s;
  if (o.find_field_unordered(key).get_string().get(s)) return {};
  return s;
}

/// A usage object under `key` of `o`, read with its vendor synonyms.
inline void usage_field(object& o, std::string_view key, response_sink& sink) {
  object u;
  if (!o.find_field_unordered(key).get_object().get(u)) openai_detail::read_usage(u, sink);
}

/// An error value under `key` of `o` (null and false are no error).
inline void error_field(object& o, std::string_view key, std::string_view raw, response_sink& sink) {
  value e;
  if (!o.find_field_unordered(key).get(e)) openai_detail::read_error(e, raw, sink);
}

// ---- OpenAI Responses -----------------------------------------------------------------------

/// One item of a Responses body's output[].
inline void read_response_item(object item, response_sink& sink) {
  const std::string_view type = string_field(item, "type");
  auto texts = [&](std::string_view key, bool reasoning) {
    array parts;
    if (item.find_field_unordered(key).get_array().get(parts)) return;
    for (auto p : parts) {
      object po;
      if (p.get_object().get(po)) continue;
      const std::string_view text = string_field(po, "text");
      if (reasoning) sink.reasoning(text);
      else if (string_field(po, "type") != "refusal") sink.content(text);
    }
  };
  if (type == "reasoning") {
    texts("summary", true);
    texts("content", true);
  } else if (type == "message") {
    texts("content", false);
  } else if (type == "function_call") {
    sink.content(string_field(item, "name"));
    sink.content(string_field(item, "arguments"));
  }
}

inline void parse_responses(object root, std::string_view raw, response_sink& sink) {
  std::string_view type;
  if (root.find_field_unordered("type").get_string().get(type)) {
    // A whole body: {"object":"response","output":[...],"usage":{...}}.
    auto& rec = sink.record();
    const std::size_t before = rec.content.size() + rec.reasoning.size();
    array output;
    if (!root.find_field_unordered("output").get_array().get(output))
      for (auto item : output) {
        object io;
        if (!item.get_object().get(io)) read_response_item(io, sink);
      }
    if (rec.content.size() + rec.reasoning.size() == before) sink.content(string_field(root, "output_text"));
    usage_field(root, "usage", sink);
    error_field(root, "error", raw, sink);
    return;
  }
  if (type == "response.output_text.delta" || type == "response.function_call_arguments.delta") {
    sink.content(string_field(root, "delta"));
  } else if (type == "response.reasoning_text.delta" || type == "response.reasoning_summary_text.delta") {
    sink.reasoning(string_field(root, "delta"));
  } else if (type == "response.output_text.done") {
    // The whole text again: only when no delta carried it (a server that streams no deltas).
    if (sink.record().content.empty()) sink.content(string_field(root, "text"));
  } else if (type == "response.completed" || type == "response.incomplete" || type == "response.failed") {
    object resp;
    if (!root.find_field_unordered("response").get_object().get(resp)) {
      usage_field(resp, "usage", sink);
      if (type == "response.failed") {
        error_field(resp, "error", raw, sink);
        if (!sink.record().error)
          sink.error(502, "SSEResponseError", "Error occurred in SSE response: response.failed");
      }
    }
    sink.done();
  } else if (type == "error") {
    std::string_view message = string_field(root, "message");
    sink.error(502, "SSEResponseError",
               "Error occurred in SSE response: " + std::string(message.empty() ? raw : message));
  }
}

// ---- Anthropic Messages ---------------------------------------------------------------------

inline void parse_anthropic(object root, std::string_view raw, response_sink& sink) {
  const std::string_view type = string_field(root, "type");
  if (type == "content_block_delta") {
    object d;
    if (root.find_field_unordered("delta").get_object().get(d)) return;
    const std::string_view dt = string_field(d, "type");
    if (dt == "text_delta") sink.content(string_field(d, "text"));
    else if (dt == "thinking_delta") sink.reasoning(string_field(d, "thinking"));
    else if (dt == "input_json_delta") sink.content(string_field(d, "partial_json"));
  } else if (type == "message_start") {
    object m;
    if (!root.find_field_unordered("message").get_object().get(m)) usage_field(m, "usage", sink);
  } else if (type == "message_delta") {
    usage_field(root, "usage", sink);
  } else if (type == "message_stop") {
    sink.done();
  } else if (type == "message") {
    // A whole body: content blocks, then usage.
    array blocks;
    if (!root.find_field_unordered("content").get_array().get(blocks))
      for (auto b : blocks) {
        object bo;
        if (b.get_object().get(bo)) continue;
        const std::string_view bt = string_field(bo, "type");
        if (bt == "text") {
          sink.content(string_field(bo, "text"));
        } else if (bt == "thinking") {
          sink.reasoning(string_field(bo, "thinking"));
        } else if (bt == "tool_use") {
          sink.content(string_field(bo, "name"));
          object input;
          std::string_view json;
          if (!bo.find_field_unordered("input").get_object().get(input) && !input.raw_json().get(json))
            sink.content(json);
        }
      }
    usage_field(root, "usage", sink);
  } else if (type == "error") {
    error_field(root, "error", raw, sink);
  }
}

// ---- TGI /generate, /generate_stream --------------------------------------------------------

/// details: {"generated_tokens": N, "input_length": P, "prefill": [...]} -> usage.
inline void read_tgi_details(object d, response_sink& sink) {
  usage_info info;
  for (auto f : d) {
    std::string_view k;
    if (f.unescaped_key().get(k)) return;
    if (k == "generated_tokens") {
      info.completion_tokens = openai_detail::int_or(f.value(), -1);
    } else if (k == "input_length") {
      info.prompt_tokens = openai_detail::int_or(f.value(), -1);
    } else if (k == "prefill") {
      array pre;
      std::size_t n = 0;
      if (!f.value().get_array().get(pre) && !pre.count_elements().get(n) && n > 0)
        info.prompt_tokens = static_cast<std::int64_t>(n);
    }
  }
  if (info.any()) sink.usage(info);
}

inline void parse_tgi_object(object root, std::string_view raw, response_sink& sink) {
  bool token_event = false, ended = false;
  std::string_view generated;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    value v;
    if (field.value().get(v)) return;
    if (key == "token") {
      token_event = true;
      object tok;
      if (v.get_object().get(tok)) continue;
      bool special = false;
      if (tok.find_field_unordered("special").get_bool().get(special)) special = false;
      if (!special) sink.content(string_field(tok, "text"));
    } else if (key == "generated_text") {
      generated = openai_detail::string_or_empty(v);
    } else if (key == "details") {
      object d;
      if (!v.get_object().get(d)) {
        read_tgi_details(d, sink);
        ended = true;
      }
    } else if (key == "error") {
      openai_detail::read_error(v, raw, sink);
    }
  }
  // A stream's last event repeats the whole text in generated_text: only a body's counts.
  if (!token_event) sink.content(generated);
  if (token_event && ended) sink.done();
}

/// Walks every value once; false at the first error.  The readers above look fields up with
/// find_field_unordered, which walks an object again, and a walk that met broken JSON leaves
/// simdjson's document dead: the next lookup dereferences null (found by tests/fuzz).  So a
/// payload is walked whole, and rewound, before they see it.
inline bool walk_ok(value v) {
  json_type t;
  if (v.type().get(t)) return false;
  switch (t) {
    case json_type::object: {
      object o;
      if (v.get_object().get(o)) return false;
      for (auto field : o) {
        std::string_view key;
        value fv;
        if (field.unescaped_key().get(key) || field.value().get(fv) || !walk_ok(fv)) return false;
      }
      return true;
    }
    case json_type::array: {
      array a;
      if (v.get_array().get(a)) return false;
      for (auto element : a) {
        value ev;
        if (element.get(ev) || !walk_ok(ev)) return false;
      }
      return true;
    }
    case json_type::string: {
      std::string_view s;
      return !v.get_string().get(s);
    }
    case json_type::number: {
      simdjson::ondemand::number n;
      return !v.get_number().get(n);
    }
    case json_type::boolean: {
      bool b;
      return !v.get_bool().get(b);
    }
    case json_type::null: {
      bool is_null = false;
      return !v.is_null().get(is_null) && is_null;
    }
  }
  return false;
}

}  // namespace vendor_detail

/// Reads one vendor payload (already iterated into `doc`); false when it is not what the
/// format allows (the sink then holds an error).
inline bool parse_vendor_document(simdjson::ondemand::document& doc, openai_api api, std::string_view raw,
                                  response_sink& sink) {
  using namespace vendor_detail;
  auto fail = [&] {
    sink.error(502, "SSEResponseError", "Chat stream completion could not be verified: malformed SSE data");
    return false;
  };
  // A payload cut short (a dropped connection's last bytes, a broken server) is an error even
  // where the fields this reader looks up happen to be complete.
  if (raw.back() != '}' && raw.back() != ']') return fail();
  {
    value whole;
    if (doc.get_value().get(whole) || !walk_ok(whole)) return fail();
    if (doc.rewind(), !doc.is_alive()) return fail();
  }
  json_type t;
  if (doc.type().get(t)) return fail();
  if (api == openai_api::tgi_generate && t == json_type::array) {  // [{"generated_text": ...}]
    array arr;
    if (doc.get_array().get(arr)) return fail();
    for (auto element : arr) {
      object o;
      if (element.get_object().get(o)) return fail();
      parse_tgi_object(o, raw, sink);
      break;
    }
    return true;
  }
  object root;
  if (doc.get_object().get(root)) return fail();
  switch (api) {
    case openai_api::responses: parse_responses(root, raw, sink); break;
    case openai_api::anthropic_messages: parse_anthropic(root, raw, sink); break;
    case openai_api::tgi_generate: parse_tgi_object(root, raw, sink); break;
    default: break;
  }
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
