// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/json_text.hpp — writing JSON text: string escaping and an ordered list of
// top-level members (for request bodies whose fields users may override).  Reading JSON is
// simdjson's job; this is the small, exact writing side.
#pragma once
#include <aiperf/config.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Appends the JSON escape of `s` without the quotes (RFC 8259; bytes >= 0x80 pass through, so
/// valid UTF-8 stays valid and invalid bytes are not "fixed" behind the user's back).
AIPERF_DECL void append_json_escaped(std::string& out, std::string_view s);

/// Whether append_json_escaped would append `s` unchanged (no quote, backslash or control byte).
AIPERF_DECL bool json_escape_is_identity(std::string_view s) noexcept;

/// Reading's one exception: decodes the JSON string token `quoted` (with its quotes; text after
/// the closing quote is ignored) into `out`, an unpaired surrogate escape (`\ud800`) becoming
/// U+FFFD.  simdjson 3.0 rejects such a string whole, which would silently drop the text a
/// server sent around it.  False (and `out` unspecified) for a token that is not a string.
AIPERF_DECL bool append_json_unescaped_lossy(std::string& out, std::string_view quoted);

/// Appends `s` as a quoted JSON string.
AIPERF_DECL void append_json_string(std::string& out, std::string_view s);

inline std::string json_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

/// Top-level members of a JSON object as (key, raw JSON value text), in insertion order.
/// `set` replaces a member in place (keeps its position) or appends it; this is the shallow
/// merge AIPerf applies for `--extra-inputs` (spec load-generation §8.3).
class json_members {
 public:
  void set(std::string_view key, std::string raw_value) {
    for (auto& m : members_)
      if (m.first == key) {
        m.second = std::move(raw_value);
        return;
      }
    members_.emplace_back(std::string(key), std::move(raw_value));
  }
  [[nodiscard]] std::string const* find(std::string_view key) const noexcept {
    for (auto const& m : members_)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  [[nodiscard]] std::string render() const {
    std::string out = "{";
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(out, members_[i].first);
      out.push_back(':');
      out += members_[i].second;
    }
    out.push_back('}');
    return out;
  }
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> const& members() const noexcept {
    return members_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/detail/impl/json_text.ipp>
#endif
