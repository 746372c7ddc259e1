// SPDX-License-Identifier: Apache-2.0
// aiperf/transport/impl/sse_error.ipp — SSE error detection, compiled once (src/aiperf.cpp) or
// inline in every TU (header-only); see sse_error.hpp.  simdjson stays out of the header.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif

#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/sse_error.hpp>

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL bool json_truthy(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return false;
    case simdjson::dom::element_type::BOOL: return e.get_bool().value();
    case simdjson::dom::element_type::INT64: return e.get_int64().value() != 0;
    case simdjson::dom::element_type::UINT64: return e.get_uint64().value() != 0;
    case simdjson::dom::element_type::DOUBLE: return e.get_double().value() != 0.0;
    case simdjson::dom::element_type::STRING: return !e.get_string().value().empty();
    case simdjson::dom::element_type::ARRAY: return e.get_array().size() != 0;
    case simdjson::dom::element_type::OBJECT: return e.get_object().size() != 0;
  }
  return false;
}

AIPERF_DECL std::optional<sse_error> structured_sse_error(std::string_view data) {
  if (data.find("error") == std::string_view::npos) return std::nullopt;
  simdjson::dom::parser parser;  // error path only: the allocation is not on the token path
  simdjson::padded_string padded(data);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::element err;
  if (obj["error"].get(err) != simdjson::SUCCESS || !json_truthy(err)) return std::nullopt;
  sse_error out;
  std::string msg;
  if (err.is_object()) {
    simdjson::dom::element code;
    if (err["code"].get(code) == simdjson::SUCCESS) {
      std::int64_t c = 0;
      if (code.is_int64() && code.get_int64().get(c) == simdjson::SUCCESS && c >= 400 && c <= 599)
        out.code = static_cast<int>(c);
    }
    std::string_view m;
    if (err["message"].get_string().get(m) == simdjson::SUCCESS && !m.empty()) msg.assign(m);
    else msg = simdjson::minify(err);
  } else if (err.is_string()) {
    msg.assign(err.get_string().value());
  } else {
    msg = simdjson::minify(err);
  }
  out.message = "Error occurred in SSE response: " + msg;
  return out;
}

}  // namespace detail

AIPERF_DECL std::optional<sse_error> check_sse_error(sse_event const& ev) {
  if (ev.has_data) {
    if (auto e = detail::structured_sse_error(ev.data)) return e;
  }
  if (detail::ascii_iequals(ev.event, "error")) {
    if (!ev.comment.empty())
      return sse_error{502, "Error occurred in SSE response: " + std::string(ev.comment)};
    return sse_error{502, "Error occurred in SSE response: Unknown error in SSE response: " +
                              std::string(ev.data)};
  }
  return std::nullopt;
}

}  // namespace v0
}  // namespace aiperf
