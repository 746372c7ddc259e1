// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/vector_parse.ipp — definitions for vector_parse.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/endpoints/impl/openai_parse.ipp>  // openai_detail::read_usage, read_error
#include <aiperf/endpoints/vector_parse.hpp>

#include <string>

namespace aiperf {
inline namespace v0 {
namespace detail {

namespace vector_detail {
using simdjson::ondemand::array;
using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

/// The body quoted in an error message: whole when short, else its first 200 bytes.
inline std::string quoted(std::string_view raw) {
  return raw.size() <= 200 ? std::string(raw) : std::string(raw.substr(0, 200)).append("...");
}

/// data[]: every item an {"object":"embedding","embedding":[...]} object.  Returns the number
/// of embeddings, or -1 when an item is not one.
inline long read_embedding_list(value v) {
  array items;
  if (v.get_array().get(items)) return -1;
  long n = 0;
  for (auto item : items) {
    object o;
    if (item.get_object().get(o)) return -1;
    bool is_embedding = false, has_vector = false;
    for (auto f : o) {
      std::string_view k;
      if (f.unescaped_key().get(k)) return -1;
      if (k == "object") {
        std::string_view s;
        is_embedding = !f.value().get_string().get(s) && s == "embedding";
      } else if (k == "embedding") {
        json_type t;
        has_vector = !f.value().type().get(t) && (t == json_type::array || t == json_type::string);  // base64 too
      }
    }
    if (!is_embedding || !has_vector) return -1;
    ++n;
  }
  return n;
}

/// A list of objects (rankings / results).  Returns their number, or -1 when an item is not an object.
inline long count_objects(value v) {
  array items;
  if (v.get_array().get(items)) return -1;
  long n = 0;
  for (auto item : items) {
    json_type t;
    if (item.type().get(t) || t != json_type::object) return -1;
    ++n;
  }
  return n;
}

/// A non-empty array (embeddings: a list of vectors, embedding: one vector).
inline bool non_empty_array(value v) {
  array a;
  if (v.get_array().get(a)) return false;
  for (auto item : a) {
    (void)item;
    return true;
  }
  return false;
}
}  // namespace vector_detail

AIPERF_DECL bool parse_vector_payload(std::string_view payload, vector_api api, json_scratch& js,
                                      response_sink& sink) {
  using namespace vector_detail;
  const std::string_view trimmed = ascii_trim(payload);
  auto invalid = [&](std::string_view what) {
    sink.error(502, "InvalidResponse", std::string(what) + quoted(trimmed));
    return false;
  };
  if (trimmed.empty()) return invalid("Empty response body: ");
  simdjson::ondemand::document doc;
  if (js.parser().iterate(js.pad(trimmed)).get(doc)) return invalid("Response is not JSON: ");
  json_type root_type;
  if (doc.type().get(root_type)) return invalid("Response is not JSON: ");
  if (root_type == json_type::array) {
    // HF TEI answers /rerank with a bare list of {index, score}.
    if (api != vector_api::hf_tei_rankings) return invalid("Received invalid list in response: ");
    value v;
    if (doc.get_value().get(v)) return invalid("Response is not JSON: ");
    const long n = count_objects(v);
    if (n < 0) return invalid("Received invalid rankings in response: ");
    if (n > 0) sink.output();
    return true;
  }
  object root;
  if (doc.get_object().get(root)) return invalid("Response is not a JSON object: ");
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return invalid("Response is not JSON: ");
    value v;
    if (field.value().get(v)) return invalid("Response is not JSON: ");
    if (key == "usage") {
      object u;
      if (!v.get_object().get(u)) openai_detail::read_usage(u, sink);
    } else if (key == "error") {
      openai_detail::read_error(v, trimmed, sink);
    } else if (api == vector_api::images) {
      if (key == "data") {
        const long n = count_objects(v);
        if (n < 0) return invalid("Received invalid image list in response: ");
        if (n > 0) sink.output();
      } else if (key == "b64_json" || key == "url") {  // a streamed partial or completed image
        sink.output();
      }
    } else if (api == vector_api::embeddings) {
      if (key == "data") {
        const long n = read_embedding_list(v);
        if (n < 0) return invalid("Received invalid list in response: ");
        if (n > 0) sink.output();
      } else if (key == "embeddings" || key == "embedding") {
        if (non_empty_array(v)) sink.output();
      }
    } else if ((api == vector_api::nim_rankings && key == "rankings") ||
               (api != vector_api::nim_rankings && key == "results")) {
      const long n = count_objects(v);
      if (n < 0) return invalid("Received invalid rankings in response: ");
      if (n > 0) sink.output();
    }
  }
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
