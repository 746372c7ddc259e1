// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/jinja_subset.hpp — the part of Jinja2 that request-body templates use, for
// the `template` endpoint type (spec load-generation §8.11).  No maintained C++ Jinja is in
// Debian or on npm, so this is a small interpreter of the subset people write for JSON bodies:
//
//   {{ expr }}                          output (strings as they are, other values as JSON)
//   {% if e %} {% elif e %} {% else %} {% endif %}
//   {% for x in e %} ... {% endfor %}   also `for k, v in obj.items()`; loop.index, loop.index0,
//                                       loop.first, loop.last, loop.length
//   {% set name = e %}                  {# comments #}   {%- / -%}, {{- / -}} trim whitespace
//   expressions: literals ("s", 's', 1, 2.5, true/false/none, [a, b]), names, a.b, a[i], a["k"],
//                not/and/or, == != < <= > >=, in / not in, ~ (concatenation), + - on numbers,
//                `e is defined` / `is none` / `is not ...`, and filters
//                tojson, length (count), default(v), first, last, join(sep), upper, lower, trim,
//                string, int, float, list.
// Anything else (macros, blocks, includes, other filters or tests) is refused when the template
// is compiled, naming its line: `template line 3: unsupported tag 'macro'`.
// Non-template core: compiled once, rendered per turn before the run.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// A template value: JSON's kinds.
struct tvalue {
  using list = std::vector<tvalue>;
  using object = std::vector<std::pair<std::string, tvalue>>;  // keys in insertion order
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::shared_ptr<list>, std::shared_ptr<object>> v;

  tvalue() = default;
  tvalue(bool b) : v(b) {}
  tvalue(std::int64_t i) : v(i) {}
  tvalue(int i) : v(static_cast<std::int64_t>(i)) {}
  tvalue(double d) : v(d) {}
  tvalue(std::string s) : v(std::move(s)) {}
  tvalue(char const* s) : v(std::string(s)) {}
  tvalue(list l) : v(std::make_shared<list>(std::move(l))) {}
  tvalue(object o) : v(std::make_shared<object>(std::move(o))) {}

  [[nodiscard]] bool is_none() const noexcept { return v.index() == 0; }
  [[nodiscard]] std::string const* str() const noexcept { return std::get_if<std::string>(&v); }
  [[nodiscard]] list const* as_list() const noexcept {
    auto p = std::get_if<std::shared_ptr<list>>(&v);
    return p ? p->get() : nullptr;
  }
  [[nodiscard]] object const* as_object() const noexcept {
    auto p = std::get_if<std::shared_ptr<object>>(&v);
    return p ? p->get() : nullptr;
  }
  /// The member `key` of an object, or nullptr.
  [[nodiscard]] tvalue const* member(std::string_view key) const noexcept {
    if (auto o = as_object())
      for (auto const& kv : *o)
        if (kv.first == key) return &kv.second;
    return nullptr;
  }
};

/// `v` as JSON text (tojson; the output of a non-string value).
AIPERF_DECL std::string to_json(tvalue const& v);

/// A compiled template.  compile() throws std::invalid_argument naming the template line of
/// anything it does not support; render() throws it for an error found while rendering
/// (a filter applied to the wrong kind of value).
class jinja_template {
 public:
  struct node;
  AIPERF_DECL static jinja_template compile(std::string_view source);
  /// Renders with the variables of `context` (an object).
  AIPERF_DECL std::string render(tvalue const& context) const;

 private:
  std::shared_ptr<const std::vector<node>> body_;
};

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/jinja_subset.ipp>
#endif
