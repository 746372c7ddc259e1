// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/openai_base.ipp — definitions for openai_base.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/endpoints/openai_base.hpp>

#include <simdjson.h>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

AIPERF_DECL std::string join_url_path(std::string_view base_path,
                                      std::optional<std::string_view> custom,
                                      std::string_view default_sub) {
  std::string base(base_path);
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string_view sub = custom ? *custom : default_sub;
  while (!sub.empty() && sub.front() == '/') sub.remove_prefix(1);
  std::string out;
  if (sub.empty()) {
    out = base;
  } else if (base.size() >= sub.size() + 1 &&
             std::string_view(base).substr(base.size() - sub.size() - 1) ==
                 "/" + std::string(sub)) {
    out = base;
  } else if (base.size() >= 3 && std::string_view(base).substr(base.size() - 3) == "/v1" &&
             sub.substr(0, 3) == "v1/") {
    out = base + "/" + std::string(sub.substr(3));
  } else {
    out = base + "/" + std::string(sub);
  }
  if (out.empty() || out.front() != '/') out.insert(out.begin(), '/');
  return out;
}

AIPERF_DECL std::vector<std::pair<std::string, std::string>> parse_extra_inputs(
    std::string_view json) {
  std::vector<std::pair<std::string, std::string>> out;
  if (json.empty()) return out;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) || !root.is_object())
    throw std::invalid_argument("--extra-inputs: expected a JSON object or key:value pairs, got '" +
                                std::string(json) + "'");
  for (auto [key, value] : root.get_object()) out.emplace_back(std::string(key), simdjson::minify(value));
  return out;
}

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
