// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/auto_parse.ipp — definitions for auto_parse.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/endpoints/auto_parse.hpp>
#include <aiperf/endpoints/impl/openai_parse.ipp>  // openai_detail::read_usage, read_error, read_message

#include <string>

namespace aiperf {
inline namespace v0 {
namespace detail {

namespace auto_detail {
using simdjson::ondemand::array;
using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

/// What one pass over the top-level object found; the kinds are decided in spec order after it.
struct findings {
  bool embeddings = false;
  bool rankings = false;
  std::string text;          // from a text-named field
  bool choice_read = false;  // choices[0] went to the sink already
};

/// A list whose items are all objects with "object":"embedding" (and at least one item).
inline bool embedding_list(value v) {
  array items;
  if (v.get_array().get(items)) return false;
  bool any = false;
  for (auto item : items) {
    object o;
    if (item.get_object().get(o)) return false;
    bool is_embedding = false;
    for (auto f : o) {
      std::string_view k, s;
      if (f.unescaped_key().get(k)) return false;
      if (k == "object") is_embedding = !f.value().get_string().get(s) && s == "embedding";
    }
    if (!is_embedding) return false;
    any = true;
  }
  return any;
}

/// A non-empty list of objects.
inline bool object_list(value v) {
  array items;
  if (v.get_array().get(items)) return false;
  bool any = false;
  for (auto item : items) {
    json_type t;
    if (item.type().get(t) || t != json_type::object) return false;
    any = true;
  }
  return any;
}

/// A string, or a list of strings joined without separator; false for anything else.
inline bool text_value(value v, std::string& out) {
  json_type t;
  if (v.type().get(t)) return false;
  std::string_view s;
  if (t == json_type::string) {
    if (v.get_string().get(s)) return false;
    out.append(s);
    return true;
  }
  if (t != json_type::array) return false;
  array items;
  if (v.get_array().get(items)) return false;
  std::string joined;
  for (auto item : items) {
    if (item.get_string().get(s)) return false;
    joined.append(s);
  }
  out += joined;
  return true;
}

/// choices[0]: `text` (completions), or `message` / `delta` (chat).
inline void read_choice(value choices, response_sink& sink) {
  array arr;
  if (choices.get_array().get(arr)) return;
  for (auto element : arr) {
    object choice;
    if (element.get_object().get(choice)) return;
    for (auto field : choice) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return;
      if (key == "text") {
        sink.content(openai_detail::string_or_empty(field.value()));
      } else if (key == "delta" || key == "message") {
        object m;
        if (!field.value().get_object().get(m)) openai_detail::read_message(m, sink);
      }
    }
    return;
  }
}
}  // namespace auto_detail

AIPERF_DECL void parse_auto_payload(std::string_view payload, json_scratch& js, response_sink& sink) {
  using namespace auto_detail;
  const std::string_view trimmed = ascii_trim(payload);
  if (trimmed.empty()) return;
  if (trimmed == "[DONE]") return sink.done();
  simdjson::ondemand::document doc;
  json_type root_type;
  if (js.parser().iterate(js.pad(trimmed)).get(doc) || doc.type().get(root_type)) return sink.content(trimmed);
  if (root_type == json_type::array) {  // a bare list: rankings (objects) or texts (strings)
    value v;
    if (doc.get_value().get(v)) return sink.content(trimmed);
    json_type first = json_type::null;
    {
      array a;
      if (!v.get_array().get(a))
        for (auto item : a) {
          if (item.type().get(first)) return;
          break;
        }
    }
    doc.rewind();
    if (doc.get_value().get(v)) return;
    std::string text;
    if (first == json_type::object) {
      if (object_list(v)) sink.output();
    } else if (text_value(v, text)) {
      sink.content(text);
    }
    return;
  }
  object root;
  if (root_type != json_type::object || doc.get_object().get(root)) return sink.content(trimmed);
  findings f;
  bool have_text = false;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    value v;
    if (field.value().get(v)) return;
    if (key == "usage") {
      object u;
      if (!v.get_object().get(u)) openai_detail::read_usage(u, sink);
    } else if (key == "error") {
      openai_detail::read_error(v, trimmed, sink);
    } else if (key == "data") {
      f.embeddings = f.embeddings || embedding_list(v);
    } else if (key == "embeddings" || key == "embedding") {
      array a;
      if (!v.get_array().get(a))
        for (auto item : a) {
          (void)item;
          f.embeddings = true;
          break;
        }
    } else if (key == "rankings" || key == "results") {
      f.rankings = f.rankings || object_list(v);
    } else if (!have_text && (key == "text" || key == "content" || key == "response" || key == "output" ||
                              key == "result")) {
      have_text = text_value(v, f.text);
    } else if (key == "choices" && !f.choice_read) {
      // Read straight into the sink: it is the last resort in the order, so it only counts when
      // nothing above is found (then what it wrote is the answer; see below).
      read_choice(v, sink);
      f.choice_read = true;
    }
  }
  if (f.embeddings || f.rankings) return sink.output();
  if (have_text) sink.content(f.text);
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
