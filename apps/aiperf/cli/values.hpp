// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/values.hpp — the value rules of `aiperf profile` (spec §2.20): raw strings from
// the command line become typed option members, and every error is one line naming the flag.
//
// `convert(meta, raw, member)` is overloaded on the member's type, so a declaration in
// options.hpp gets its parsing from its type (a list, a JSON object, typed goodput SLOs) and its
// rules from its metadata (choices, bounds, `inf`, sweeps).  `display()` and `value_kind` give
// the default and the value placeholder shown by --help and docs/cli-options.md.
#pragma once
#include "options.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace aiperf::driver {

/// A URL as used on the wire: `http://` is prepended when no scheme is given (spec §2.20).
std::string url_with_scheme(std::string_view url);

namespace cli_detail {

/// A usage error; the message is the text after "aiperf: error: ".
struct cli_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `s` cut at every `separator` (empty pieces kept).
std::vector<std::string_view> split(std::string_view s, char separator);
std::string join(std::vector<std::string_view> const& items, std::string_view separator);
std::string join(choice_list const& words, std::string_view separator);

/// The spelling used in messages: the first long name ("--model-names").
std::string primary_flag(std::string_view names);

/// coerce_value(): "true"/"false" -> bool, "none"/"null" -> null, integers, decimals, else a
/// string; returned as JSON text.
std::string coerce_to_json(std::string_view value);

/// `--extra-inputs` / `--header` items: JSON objects or `key:value` lists, in order; with
/// `coerce` the values are typed JSON text.  A later key replaces an earlier one in place
/// (Python dict update).
header_list parse_key_values(std::string_view flag, std::vector<std::string> const& raw, bool coerce);

void check_header(std::string_view name, std::string_view value);
void check_url(std::string_view url);

/// What the command line gave for one option.
struct raw_option {
  std::string flag = {};                 // primary spelling for messages
  std::vector<std::string> values = {};  // every value in order (lists: all occurrences)
  std::size_t count = 0;                 // occurrences
};

std::string bound_text(option_bound bound);
/// "3155760000 (100 years)": an option's upper limit for messages and the docs.
std::string at_most_text(option_limit const& limit);
/// The value accepted by `meta.choices` (folded to lower case), or a cli_error naming the flag.
std::string choose(option_meta const& meta, std::string const& flag, std::string const& raw);

void convert(option_meta const& meta, raw_option const& raw, std::string& out);
void convert(option_meta const& meta, raw_option const& raw, bool& out);
void convert(option_meta const& meta, raw_option const& raw, std::int64_t& out);
void convert(option_meta const& meta, raw_option const& raw, std::uint64_t& out);
void convert(option_meta const& meta, raw_option const& raw, double& out);
void convert(option_meta const& meta, raw_option const& raw, string_list& out);
void convert(option_meta const& meta, raw_option const& raw, header_list& out);
void convert(option_meta const& meta, raw_option const& raw, json_object_text& out);
void convert(option_meta const& meta, raw_option const& raw, goodput_list& out);

/// AIPerf reads a comma list as a parameter sweep (`--concurrency 10,20,30`): every item is
/// checked like a single value and duplicates are refused; a single value gives one item.
std::vector<std::int64_t> parse_sweep(option_meta const& meta, raw_option const& raw);

template <class T>
void convert(option_meta const& meta, raw_option const& raw, std::optional<T>& out) {
  if constexpr (std::is_same_v<T, std::int64_t>) {
    if (meta.sweep) {  // the member holds the first value; parse_result::sweep_values the list
      out = parse_sweep(meta, raw).front();
      return;
    }
  }
  T value{};
  convert(meta, raw, value);
  out = std::move(value);
}

// ---- help / docs rendering ------------------------------------------------------------------

std::string display(bool value);
std::string display(std::int64_t value);
std::string display(std::uint64_t value);
std::string display(double value);
std::string display(std::string const& value);
std::string display(string_list const& value);
std::string display(header_list const& value);
std::string display(json_object_text const& value);
std::string display(goodput_list const& value);
template <class T>
std::string display(std::optional<T> const& value) {
  return value ? display(*value) : std::string{};
}

/// The value placeholder of --help and the docs.
template <class T> struct value_kind { static constexpr std::string_view name = "<str>"; };
template <> struct value_kind<std::int64_t> { static constexpr std::string_view name = "<int>"; };
template <> struct value_kind<std::uint64_t> { static constexpr std::string_view name = "<int>"; };
template <> struct value_kind<double> { static constexpr std::string_view name = "<float>"; };
template <> struct value_kind<bool> { static constexpr std::string_view name = ""; };
template <> struct value_kind<string_list> { static constexpr std::string_view name = "<list>"; };
template <> struct value_kind<header_list> { static constexpr std::string_view name = "<list>"; };
template <> struct value_kind<json_object_text> { static constexpr std::string_view name = "<list>"; };
template <> struct value_kind<goodput_list> { static constexpr std::string_view name = "<list>"; };
template <class T> struct value_kind<std::optional<T>> : value_kind<T> {};

/// Options that take several values per occurrence (`-m a b`, `--goodput ttft:1 itl:2`).
template <class T> inline constexpr bool takes_several_values = false;
template <class T> inline constexpr bool takes_several_values<std::vector<T>> = true;
template <> inline constexpr bool takes_several_values<json_object_text> = true;
template <class T> inline constexpr bool takes_several_values<std::optional<T>> = takes_several_values<T>;

/// The placeholder of an option: its choices `{a,b}` or its value kind.
template <class T>
std::string placeholder(option_meta const& meta) {
  if (meta.choices.empty()) return std::string(value_kind<T>::name);
  return "{" + join(meta.choices, ",") + "}";
}

}  // namespace cli_detail
}  // namespace aiperf::driver
