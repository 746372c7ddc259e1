// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/impl/json_text.ipp — definitions for json_text.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL void append_json_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
}

AIPERF_DECL bool json_escape_is_identity(std::string_view s) noexcept {
  // No early exit and bitwise ORs: the compiler vectorizes this over the whole string.
  unsigned needs_escape = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    needs_escape |= static_cast<unsigned>(c == '"') | static_cast<unsigned>(c == '\\') | static_cast<unsigned>(c < 0x20);
  }
  return needs_escape == 0;
}

AIPERF_DECL void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  append_json_escaped(out, s);
  out.push_back('"');
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
