// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/impl/json_text.ipp — definitions for json_text.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>

#include <cstdint>

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

namespace {
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// The four hex digits at s[i..i+4) as a number, or -1.
inline long hex4(std::string_view s, std::size_t i) {
  if (i + 4 > s.size()) return -1;
  long v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const char c = s[k];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}
}  // namespace

AIPERF_DECL bool append_json_unescaped_lossy(std::string& out, std::string_view quoted) {
  constexpr std::uint32_t replacement = 0xFFFD;
  if (quoted.empty() || quoted.front() != '"') return false;
  std::size_t i = 1;
  while (i < quoted.size()) {
    const char c = quoted[i];
    if (c == '"') return true;
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= quoted.size()) return false;
    const char e = quoted[i + 1];
    i += 2;
    switch (e) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        const long hi = hex4(quoted, i);
        if (hi < 0) return false;
        i += 4;
        if (hi >= 0xD800 && hi <= 0xDBFF) {
          // A high surrogate counts only with a low one right after it.
          const long lo = quoted.substr(i, 2) == "\\u" ? hex4(quoted, i + 2) : -1;
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            append_utf8(out, 0x10000 + ((static_cast<std::uint32_t>(hi) - 0xD800) << 10) +
                                 (static_cast<std::uint32_t>(lo) - 0xDC00));
            i += 6;
          } else {
            append_utf8(out, replacement);
          }
        } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
          append_utf8(out, replacement);  // a low surrogate alone
        } else {
          append_utf8(out, static_cast<std::uint32_t>(hi));
        }
        break;
      }
      default: return false;
    }
  }
  return false;  // no closing quote
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
