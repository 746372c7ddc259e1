// SPDX-License-Identifier: Apache-2.0
// aiperf/driver/cli.hpp — the `aiperf` command line: parsing, value rules, validation, help, docs.
//
//   auto r = aiperf::parse_command_line(argc, argv);
//   if (auto* e = std::get_if<aiperf::cli_exit>(&r)) {          // --help, --version, usage error
//     std::fputs(e->out.c_str(), stdout); std::fputs(e->err.c_str(), stderr); return e->code;
//   }
//   auto& p = std::get<aiperf::parse_result>(r);                 // valid `aiperf profile ...`
//   for (auto& w : p.warnings) log_warning(w);
//   run(p.options, aiperf::profiling_phase(p.options), aiperf::warmup_phase(p.options));
//
// Registration, conversion, the help text and docs/cli-options.md are all driven by
// profile_option_table + the Hana reflection of profile_options (profile_options.hpp).
// CLI11 tokenises argv and matches names; every value is converted here so that each error is
// one line naming the flag (spec §2.20 value rules, §3 messages, §4 timing-mode resolution).
#pragma once

#include <aiperf/config.hpp>
#include <aiperf/driver/cli_unsupported.hpp>
#include <aiperf/driver/profile_options.hpp>

#include <CLI/CLI.hpp>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// The command ends without a benchmark: --help / --version (code 0, text in `out`) or a usage
/// error (code 1, one line `aiperf: error: ...` in `err`).
struct cli_exit {
  int code = 0;
  std::string out;
  std::string err;
};

/// One phase of the run as the schedule sees it (spec §6.2 / §6.3).
struct phase_plan {
  std::string phase;                       // "warmup" | "profiling"
  std::string timing_mode;                 // "concurrency" (burst) | "request_rate"
  std::string arrival_pattern;             // concurrency_burst | constant | poisson | gamma
  std::optional<double> request_rate;      // requests/s (request_rate mode)
  std::optional<std::int64_t> concurrency; // ceiling (rate mode) or driver (burst mode)
  std::optional<double> arrival_smoothness;  // gamma shape
  std::optional<std::int64_t> request_count;  // stop after N requests
  std::optional<std::int64_t> num_sessions;   // stop after N sessions
  std::optional<double> duration_s;        // stop issuing after this long
  double grace_period_s = std::numeric_limits<double>::infinity();  // wait after the duration
};

namespace detail {

/// Internal: a usage error; the message is the text after "aiperf: error: ".
struct cli_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

inline std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto const pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == s.npos ? s.npos : pos - start));
    if (pos == s.npos) break;
    start = pos + 1;
  }
  return out;
}

inline std::string join(std::vector<std::string_view> const& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

/// The spelling used in messages: the first long name ("--model-names").
inline std::string primary_flag(std::string_view names) {
  for (auto n : split(names, ','))
    if (n.starts_with("--")) return std::string(n);
  return std::string(split(names, ',').front());
}

inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// Every long flag `aiperf profile` knows (supported or not), for "did you mean".
inline std::vector<std::string> known_profile_flags() {
  std::vector<std::string> out;
  for (auto const& m : profile_option_table)
    for (auto n : split(m.names, ','))
      if (n.starts_with("--")) out.emplace_back(n);
  for (auto const& u : unsupported_profile_options)
    for (auto n : split(u.names, ','))
      if (n.starts_with("--")) out.emplace_back(n);
  out.emplace_back("--help");
  out.emplace_back("--version");
  return out;
}

inline std::string did_you_mean(std::string_view unknown) {
  auto const name = unknown.substr(0, unknown.find('='));
  std::string best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (auto const& k : known_profile_flags()) {
    auto const d = edit_distance(name, k);
    if (d < best_d) best_d = d, best = k;
  }
  // A typo is a few edits; anything further is a different word.
  if (best_d <= std::max<std::size_t>(2, name.size() / 5)) return " (did you mean '" + best + "'?)";
  return {};
}

// ---- value rules (spec §2.20) -------------------------------------------------------------

/// coerce_value(): "true"/"false" → bool, "none"/"null" → null, integers, decimals, else string;
/// returned as JSON text.
inline std::string coerce_to_json(std::string_view v) {
  auto const l = lower(v);
  if (l == "true" || l == "false") return l;
  if (l == "none" || l == "null") return "null";
  auto const digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::string_view body = v;
  bool const neg = body.starts_with('-');
  if (neg) body.remove_prefix(1);
  if (digits(body) && (body == "0" || body.front() != '0')) return body == "0" ? "0" : std::string(v);
  auto const dot = body.find('.');
  if (dot != body.npos && body.find('.', dot + 1) == body.npos) {
    auto const ip = body.substr(0, dot), fp = body.substr(dot + 1);
    if ((ip.empty() || digits(ip)) && (fp.empty() || digits(fp)) && !(ip.empty() && fp.empty())) {
      std::string const s(v);
      return json_number(std::strtod(s.c_str(), nullptr));
    }
  }
  std::string out;
  json_escape_to(out, v);
  return out;
}

/// `--extra-inputs` / `--header` items: JSON objects or `key:value` lists, in order; values are
/// JSON text.  Later keys replace earlier ones at the earlier position (Python dict update).
inline std::vector<std::pair<std::string, std::string>> parse_key_values(std::string_view flag,
                                                                         std::vector<std::string> const& raw,
                                                                         bool coerce) {
  std::vector<std::pair<std::string, std::string>> out;
  auto const put = [&](std::string key, std::string value) {
    for (auto& kv : out)
      if (kv.first == key) {
        kv.second = std::move(value);
        return;
      }
    out.emplace_back(std::move(key), std::move(value));
  };
  for (auto const& item_raw : raw) {
    auto const item = strip(item_raw);
    if (item.starts_with('{')) {
      simdjson::dom::parser parser;
      simdjson::dom::object obj;
      if (parser.parse(simdjson::padded_string(item)).get_object().get(obj) != simdjson::SUCCESS)
        throw cli_error(std::string(flag) + ": '" + std::string(item) + "' is not a valid JSON object");
      for (auto field : obj) {
        std::string value;
        if (!coerce && field.value.is_string())
          value = std::string(field.value.get_string().value_unsafe());
        else
          value = simdjson::minify(field.value);
        put(std::string(field.key), std::move(value));
      }
      continue;
    }
    for (auto part : split(item, ',')) {
      part = strip(part);
      if (part.empty()) continue;
      auto const pieces = split(part, ':');
      if (pieces.size() != 2)
        throw cli_error(std::string(flag) + ": '" + std::string(part) +
                        "' is not in 'key:value' format (use a JSON object for values containing ':' or ',')");
      auto const key = strip(pieces[0]), value = strip(pieces[1]);
      if (key.empty()) throw cli_error(std::string(flag) + ": '" + std::string(part) + "' has an empty key");
      put(std::string(key), coerce ? coerce_to_json(value) : std::string(value));
    }
  }
  return out;
}

inline void check_header(std::string_view name, std::string_view value) {
  // RFC 9110 token characters; anything else (spaces, CR/LF) would corrupt the request.
  auto const tchar = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  };
  if (name.empty() || !std::all_of(name.begin(), name.end(), tchar))
    throw cli_error("--header: '" + std::string(name) + "' is not a valid header name");
  if (value.find_first_of("\r\n") != value.npos || value.find('\0') != value.npos)
    throw cli_error("--header: the value of '" + std::string(name) + "' contains a line break");
}

inline void check_url(std::string_view url) {
  auto const bad = [&](std::string_view why) { return cli_error("--url: '" + std::string(url) + "' " + std::string(why)); };
  if (url.empty()) throw bad("is empty");
  if (url.find_first_of(" \t\r\n") != url.npos) throw bad("contains whitespace");
  std::string_view rest = url;
  auto const sep = url.find("://");
  if (sep != url.npos) {
    auto const scheme = lower(url.substr(0, sep));
    if (scheme != "http" && scheme != "https")
      throw bad("has an unsupported scheme '" + scheme + "' (expected http:// or https://)");
    rest = url.substr(sep + 3);
  }
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto const at = authority.rfind('@'); at != authority.npos) authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (authority.starts_with('[')) {  // IPv6 literal
    auto const close = authority.find(']');
    if (close == authority.npos) throw bad("has an unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    auto const tail = authority.substr(close + 1);
    if (!tail.empty()) {
      if (tail.front() != ':') throw bad("has text after the IPv6 address");
      port = tail.substr(1);
      if (port.empty()) throw bad("has an empty port");
    }
  } else if (auto const colon = authority.rfind(':'); colon != authority.npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) throw bad("has an empty port");
  }
  if (host.empty()) throw bad("has no host");
  if (!port.empty()) {
    unsigned value = 0;
    auto const [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || p != port.data() + port.size() || value == 0 || value > 65535)
      throw bad("has an invalid port '" + std::string(port) + "' (expected 1-65535)");
  }
}

/// `--goodput` syntax (the metrics module checks the tags): `tag:value ...`, value numeric.
inline void check_goodput(std::string_view spec) {
  std::vector<std::string_view> items;
  std::size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && (spec[i] == ' ' || spec[i] == '\t')) ++i;
    auto const start = i;
    while (i < spec.size() && spec[i] != ' ' && spec[i] != '\t') ++i;
    if (i > start) items.push_back(spec.substr(start, i - start));
  }
  if (items.empty()) throw cli_error("--goodput: expected 'metric_tag:value ...', got an empty value");
  for (auto item : items) {
    auto const colon = item.find(':');
    std::string const it(item);
    if (colon == item.npos) throw cli_error("--goodput: User Config: '" + it + "' is not in 'key:value' format");
    auto const key = item.substr(0, colon), value = item.substr(colon + 1);
    if (key.empty()) throw cli_error("--goodput: User Config: '" + it + "' has an empty key");
    if (value.empty()) throw cli_error("--goodput: User Config: '" + it + "' has an empty value");
    std::string const v(value);
    char* end = nullptr;
    std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size())
      throw cli_error("--goodput: User Config: value for '" + std::string(key) + "' must be numeric, got '" + v + "'");
  }
}

// ---- typed conversion of raw CLI strings ---------------------------------------------------

struct raw_option {
  std::string flag;                 // primary spelling for messages
  std::vector<std::string> values;  // every value in order (lists: all occurrences)
  std::size_t count = 0;            // occurrences
};

inline std::string bound_text(option_bound b) {
  switch (b) {
    case option_bound::positive: return "> 0";
    case option_bound::non_negative: return ">= 0";
    case option_bound::at_least_one: return ">= 1";
    case option_bound::none: break;
  }
  return {};
}

template <class N>
void check_bound(option_meta const& m, std::string const& flag, N v, std::string const& raw) {
  bool ok = true;
  switch (m.bound) {
    case option_bound::positive: ok = v > 0; break;
    case option_bound::non_negative: ok = v >= 0; break;
    case option_bound::at_least_one: ok = v >= 1; break;
    case option_bound::none: break;
  }
  if (!ok) throw cli_error(flag + ": must be " + bound_text(m.bound) + ", got '" + raw + "'");
}

inline std::string const& last_value(raw_option const& r) {
  if (r.values.empty()) throw cli_error(r.flag + ": expected a value");
  return r.values.back();
}

inline std::string choose(option_meta const& m, std::string const& flag, std::string const& raw) {
  if (m.choices.empty()) return raw;
  auto const v = lower(strip(raw));
  for (auto c : split(m.choices, '|'))
    if (c == v) return v;
  if (!m.not_yet.empty())
    for (auto c : split(m.not_yet, '|'))
      if (c == v)
        throw cli_error(flag + " " + v + " is not supported yet by this build (supported: " +
                        join(split(m.choices, '|'), ", ") + ")");
  throw cli_error(flag + ": invalid choice '" + raw + "' (choose from " + join(split(m.choices, '|'), ", ") + ")");
}

inline std::int64_t to_int(option_meta const& m, std::string const& flag, std::string const& raw) {
  auto const s = strip(raw);
  std::int64_t v = 0;
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) {
    if (ec == std::errc::result_out_of_range) throw cli_error(flag + ": integer out of range, got '" + raw + "'");
    throw cli_error(flag + ": expected an integer, got '" + raw + "'");
  }
  check_bound(m, flag, v, raw);
  return v;
}

inline double to_double(option_meta const& m, std::string const& flag, std::string const& raw) {
  std::string const s(strip(raw));
  auto const l = lower(s);
  if (l == "inf" || l == "+inf" || l == "infinity") {
    if (!m.accepts_inf) throw cli_error(flag + ": must be a finite number, got '" + raw + "'");
    return std::numeric_limits<double>::infinity();
  }
  char* end = nullptr;
  double const v = s.empty() ? 0.0 : std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || std::isnan(v) || l.find("inf") != l.npos || l.find("x") != l.npos)
    throw cli_error(flag + ": expected a number, got '" + raw + "'");
  if (std::isinf(v)) throw cli_error(flag + ": number out of range, got '" + raw + "'");
  check_bound(m, flag, v, raw);
  return v;
}

inline std::vector<std::string> list_items(raw_option const& r) {
  std::vector<std::string> out;
  for (auto const& v : r.values)
    for (auto item : split(v, ','))
      if (auto const s = strip(item); !s.empty()) out.emplace_back(s);
  if (out.empty()) throw cli_error(r.flag + ": expected at least one value");
  return out;
}

inline void convert(option_meta const& m, raw_option const& r, std::string& out) {
  if (m.field == "extra_inputs_json") {
    auto const kv = parse_key_values(r.flag, r.values, true);
    std::string json = "{";
    for (std::size_t i = 0; i < kv.size(); ++i) {
      if (i) json += ", ";
      json_escape_to(json, kv[i].first);
      json += ": ";
      json += kv[i].second;
    }
    out = json + "}";
    return;
  }
  if (m.field == "goodput") {  // every word of every occurrence, as one space-separated spec
    out.clear();
    for (auto const& v : r.values) out += (out.empty() ? "" : " ") + v;
    return;
  }
  out = choose(m, r.flag, last_value(r));
}
inline void convert(option_meta const&, raw_option const& r, bool& out) {
  // A flag takes no value, but `--flag=false` is honoured (CLI11 passes the text through).
  auto const v = r.values.empty() ? std::string("true") : lower(strip(r.values.back()));
  if (v == "true" || v == "1" || v == "yes" || v == "on") out = true;
  else if (v == "false" || v == "0" || v == "no" || v == "off") out = false;
  else throw cli_error(r.flag + ": expected true or false, got '" + r.values.back() + "'");
}
inline void convert(option_meta const& m, raw_option const& r, std::int64_t& out) {
  out = to_int(m, r.flag, last_value(r));
}
inline void convert(option_meta const& m, raw_option const& r, double& out) {
  out = to_double(m, r.flag, last_value(r));
}
inline void convert(option_meta const&, raw_option const& r, std::uint64_t& out) {
  auto const s = strip(last_value(r));
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.starts_with('-')) throw cli_error(r.flag + ": must be >= 0, got '" + last_value(r) + "'");
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size())
    throw cli_error(r.flag + ": expected a non-negative integer, got '" + last_value(r) + "'");
}
inline void convert(option_meta const& m, raw_option const& r, std::vector<std::string>& out) {
  out = list_items(r);
  for (auto& v : out) v = choose(m, r.flag, v);
}
inline void convert(option_meta const&, raw_option const& r, std::vector<std::pair<std::string, std::string>>& out) {
  out = parse_key_values(r.flag, r.values, false);
  for (auto const& [name, value] : out) check_header(name, value);
}
template <class T>
void convert(option_meta const& m, raw_option const& r, std::optional<T>& out) {
  if (m.field == "concurrency") {
    // V-main accepts a comma list as a parameter sweep; this build runs one value per invocation.
    auto const& raw = last_value(r);
    if (raw.find(',') != raw.npos) {
      for (auto item : split(raw, ',')) {
        std::string const s(strip(item));
        std::int64_t v = 0;
        auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || v < 1)
          throw cli_error("Invalid concurrency value: " + s + ". Must be a positive integer (>= 1).");
      }
      throw cli_error("--concurrency " + raw + ": parameter sweeps are not supported yet by this build");
    }
    std::string const s(strip(raw));
    std::int64_t v = 0;
    auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || v < 1)
      throw cli_error("Invalid concurrency value: " + raw + ". Must be a positive integer (>= 1).");
  }
  T value{};
  convert(m, r, value);
  out = std::move(value);
}

// ---- help / docs rendering of defaults ----------------------------------------------------

inline std::string display(bool v) { return v ? "true" : "false"; }
inline std::string display(std::int64_t v) { return std::to_string(v); }
inline std::string display(std::uint64_t v) { return std::to_string(v); }
inline std::string display(double v) {
  auto s = json_number(v);
  if (s.size() > 2 && s.front() == '"') s = s.substr(1, s.size() - 2);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}
inline std::string display(std::string const& v) { return v; }
inline std::string display(std::vector<std::string> const& v) {
  std::string out;
  for (auto const& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}
inline std::string display(std::vector<std::pair<std::string, std::string>> const&) { return {}; }
template <class T>
std::string display(std::optional<T> const& v) { return v ? display(*v) : std::string{}; }

template <class T> struct value_kind { static constexpr std::string_view name = "<str>"; };
template <> struct value_kind<std::int64_t> { static constexpr std::string_view name = "<int>"; };
template <> struct value_kind<std::uint64_t> { static constexpr std::string_view name = "<int>"; };
template <> struct value_kind<double> { static constexpr std::string_view name = "<float>"; };
template <> struct value_kind<bool> { static constexpr std::string_view name = ""; };
template <> struct value_kind<std::vector<std::string>> { static constexpr std::string_view name = "<list>"; };
template <> struct value_kind<std::vector<std::pair<std::string, std::string>>> {
  static constexpr std::string_view name = "<list>";
};
template <class T> struct value_kind<std::optional<T>> : value_kind<T> {};

template <class T> inline constexpr bool is_list_v = false;
template <class T> inline constexpr bool is_list_v<std::vector<T>> = true;

/// Calls f(meta, value_kind_name, is_flag, is_list, default_text, member_ref) for every member.
template <class F>
void for_each_option(profile_options& o, profile_options const& defaults, F&& f) {
  namespace hana = boost::hana;
  hana::for_each(hana::accessors<profile_options>(), [&](auto acc) {
    using name_t = std::remove_cvref_t<decltype(hana::first(acc))>;
    constexpr std::string_view name = hana::to<char const*>(name_t{});
    constexpr std::size_t index = option_index(name);
    static_assert(index < std::size(profile_option_table));
    option_meta const* const m = &profile_option_table[index];
    auto& member = hana::second(acc)(o);
    using T = std::remove_cvref_t<decltype(member)>;
    bool const is_flag = std::is_same_v<T, bool>;
    // --goodput takes several words too: `--goodput ttft:200 request_latency:900` (unquoted) works.
    bool const is_list = is_list_v<T> || m->field == "extra_inputs_json" || m->field == "goodput";
    std::string_view kind = value_kind<T>::name;
    if (m->field == "extra_inputs_json") kind = "<list>";
    f(*m, kind, is_flag, is_list, display(hana::second(acc)(defaults)), member);
  });
}

inline std::string choices_text(option_meta const& m) {
  return m.choices.empty() ? std::string{} : "{" + join(split(m.choices, '|'), ",") + "}";
}

// ---- argv helpers ------------------------------------------------------------------------

inline std::string shell_quote(std::string_view s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+") == s.npos)
    return std::string(s);
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

inline std::string redact_header_arg(std::string_view v) {
  if (strip(v).starts_with('{')) {
    for (auto w : {"authorization", "api-key", "api_key", "apikey", "token", "secret", "password", "cookie",
                   "credential", "session"})
      if (lower(v).find(w) != std::string::npos) return std::string(redacted_text);
    return std::string(v);
  }
  std::string out;
  for (auto item : split(v, ',')) {
    if (!out.empty()) out += ',';
    auto const colon = item.find(':');
    if (colon != item.npos && is_sensitive_header(strip(item.substr(0, colon))))
      out += std::string(item.substr(0, colon + 1)) + std::string(redacted_text);
    else
      out += item;
  }
  return out;
}

inline std::string redact_url_arg(std::string_view v) {
  std::string out;
  for (auto item : split(v, ',')) {
    if (!out.empty()) out += ',';
    out += redact_url_credentials(item);
  }
  return out;
}

/// argv joined for run_info.cli_command, with secrets replaced by <redacted>.
inline std::string redacted_command_line(std::vector<std::string> const& args) {
  std::string out = "aiperf";
  enum class kind { none, secret, header, url } pending = kind::none;
  auto const classify = [](std::string_view name) {
    if (name == "--api-key") return kind::secret;
    if (name == "-H" || name == "--header") return kind::header;
    if (name == "-u" || name == "--url") return kind::url;
    return kind::none;
  };
  auto const redact = [](kind k, std::string_view v) {
    switch (k) {
      case kind::secret: return std::string(redacted_text);
      case kind::header: return redact_header_arg(v);
      case kind::url: return redact_url_arg(v);
      case kind::none: break;
    }
    return std::string(v);
  };
  for (auto const& a : args) {
    std::string shown = a;
    if (pending != kind::none && !(a.starts_with("-") && a.size() > 1 && classify(a) != kind::none)) {
      shown = redact(pending, a);
      pending = kind::none;
    } else if ((a.starts_with("-H") || a.starts_with("-u")) && a.size() > 2 && !a.starts_with("--")) {
      shown = a.substr(0, 2) + redact(a[1] == 'H' ? kind::header : kind::url, std::string_view(a).substr(2));
      pending = kind::none;
    } else if (auto const eq = a.find('='); a.starts_with("--") && eq != a.npos) {
      auto const k = classify(std::string_view(a).substr(0, eq));
      if (k != kind::none) shown = a.substr(0, eq + 1) + redact(k, std::string_view(a).substr(eq + 1));
      pending = kind::none;
    } else {
      pending = classify(a);
    }
    out += ' ';
    if (auto const eq = shown.find('='); shown.starts_with("--") && eq != shown.npos)
      out += shown.substr(0, eq + 1) + shell_quote(std::string_view(shown).substr(eq + 1));
    else
      out += shell_quote(shown);
  }
  return out;
}

inline std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

inline cli_exit usage_error(std::string const& msg) { return cli_exit{1, {}, "aiperf: error: " + one_line(msg) + "\n"}; }

inline constexpr std::string_view other_commands[][2] = {
    {"analyze-trace", "Analyze a mooncake trace file for ISL/OSL distributions and cache hit rates."},
    {"plot", "Generate visualizations from aiperf profiling data."},
    {"plugins", "Explore aiperf plugins."},
    {"synthesize", "Synthesize a trace from an existing one."},
    {"validate", "Validate a configuration or dataset file."},
};

inline constexpr std::string_view program_description =
    "aiperf: benchmark generative-AI inference servers (a C++ re-creation of NVIDIA AIPerf).";
inline constexpr std::string_view profile_description = "Profile an OpenAI-compatible inference endpoint.";

inline std::string unsupported_footer() {
  return std::to_string(std::size(unsupported_profile_options)) +
         " further AIPerf options are recognised but not supported yet by this build "
         "(they stop with an error); see docs/cli-options.md.";
}

/// The CLI11 application with every option registered from profile_option_table.
struct cli_app {
  CLI::App app{std::string(program_description), "aiperf"};
  CLI::App* profile = nullptr;
  CLI::Option* help_markdown = nullptr;
  std::vector<std::pair<std::string_view, CLI::Option*>> options;  // field → option
  std::vector<std::pair<std::string_view, CLI::App*>> others;
  profile_options scratch;  // values are converted here later; registration needs only the types

  cli_app() {
    app.set_version_flag("--version", std::string("aiperf ") + AIPERF_VERSION_STRING, "Print the version and exit.");
    app.set_help_flag("-h,--help", "Print this help and exit.");
    app.footer("Run 'aiperf profile --help' for the benchmark options.");
    profile = app.add_subcommand("profile", std::string(profile_description));
    profile->set_help_flag("-h,--help", "Print this help and exit.");
    profile->footer(unsupported_footer());
    profile_options const defaults{};
    for_each_option(scratch, defaults, [&](option_meta const& m, std::string_view kind, bool is_flag, bool is_list,
                                          std::string const& def, auto&) {
      if (m.names.empty()) return;
      CLI::Option* opt = nullptr;
      if (is_flag) {
        std::string const help(m.help);  // CLI11 2.1 takes a flag's description only as a const lvalue
        opt = profile->add_flag(std::string(m.names), help);
        opt->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
      } else {
        opt = profile->add_option(std::string(m.names), CLI::callback_t{}, std::string(m.help));
        if (is_list)
          opt->expected(1, CLI::detail::expected_max_vector_size)
              ->allow_extra_args()
              ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        else
          opt->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        auto const choices = choices_text(m);
        opt->type_name(choices.empty() ? std::string(kind) : choices);
        if (!def.empty() && m.redact != option_redact::secret) opt->default_str(def);
      }
      opt->group(std::string(m.group));
      options.emplace_back(m.field, opt);
    });
    // Hidden: regenerate docs/cli-options.md from the same table.
    std::string const md_help = "Print docs/cli-options.md";
    help_markdown = profile->add_flag("--help-markdown", md_help)->group("");
    for (auto const& [name, about] : other_commands) {
      auto* sub = app.add_subcommand(std::string(name), std::string(about) + " (not implemented yet in this build)");
      sub->prefix_command();  // take everything after it verbatim: the command answers "not implemented"
      sub->set_help_flag();
      others.emplace_back(name, sub);
    }
  }
};

}  // namespace detail

/// `aiperf --help`.
inline std::string program_help_text() {
  detail::cli_app a;
  return a.app.help();
}

/// `aiperf profile --help`, grouped like AIPerf (Endpoint, Tokenizer, Input, ... Load Generator ...).
inline std::string profile_help_text() {
  detail::cli_app a;
  return a.profile->help("aiperf");
}

/// docs/cli-options.md, generated from profile_option_table (regenerate with
/// `aiperf profile --help-markdown > docs/cli-options.md` or scripts/gen-cli-docs.sh).
inline std::string cli_options_markdown() {
  std::string md;
  md += "<!-- SPDX-License-Identifier: Apache-2.0 -->\n";
  md += "<!-- Generated from include/aiperf/driver/profile_options.hpp by scripts/gen-cli-docs.sh; do not edit. -->\n";
  md += "# `aiperf` command-line options\n\n";
  md += "## Commands\n\n";
  md += "- `aiperf profile` — " + std::string(detail::profile_description) + "\n";
  for (auto const& [name, about] : detail::other_commands)
    md += "- `aiperf " + std::string(name) + "` — " + std::string(about) + " *Not implemented yet in this build.*\n";
  md += "- `aiperf --version` — print the version.\n\n";
  md += "## `aiperf profile`\n\n";
  md += "Lists accept repetition and commas (`-m a -m b` = `-m a,b`). Numbers are checked and every error names the "
        "flag. The resolved options are echoed (secrets redacted) as `input_config` in `profile_export_aiperf.json`; "
        "the key is shown as *echo* below.\n";
  profile_options scratch;
  profile_options const defaults{};
  std::vector<std::string_view> groups;
  for (auto const& m : profile_option_table)
    if (std::find(groups.begin(), groups.end(), m.group) == groups.end()) groups.push_back(m.group);
  for (auto group : groups) {
    md += "\n### " + std::string(group) + "\n";
    detail::for_each_option(scratch, defaults, [&](option_meta const& m, std::string_view kind, bool is_flag, bool,
                                                  std::string const& def, auto&) {
      if (m.group != group) return;
      md += "\n#### ";
      if (m.names.empty()) {
        md += "(resolved) `" + std::string(m.field) + "`";
      } else {
        auto const names = detail::split(m.names, ',');
        for (std::size_t i = 0; i < names.size(); ++i) md += (i ? ", `" : "`") + std::string(names[i]) + "`";
        if (!is_flag) md += " `" + (m.choices.empty() ? std::string(kind) : detail::choices_text(m)) + "`";
      }
      md += "\n\n" + std::string(m.help) + "\n";
      if (m.field == "model_names")
        md += "\n- Required.\n";
      else if (!m.names.empty() && !is_flag)
        md += "\n- Default: " + (def.empty() ? std::string("*unset*") : "`" + def + "`") + "\n";
      else if (is_flag)
        md += "\n- Flag (no value).\n";
      if (m.bound != option_bound::none)
        md += "- Must be " + detail::bound_text(m.bound) + (m.accepts_inf ? " (`inf` accepted)" : "") + ".\n";
      if (!m.not_yet.empty())
        md += "- Recognised but not supported yet: `" + detail::join(detail::split(m.not_yet, '|'), "`, `") + "`.\n";
      if (m.redact != option_redact::none) md += "- Redacted in `input_config` and `cli_command`.\n";
      md += std::string(m.names.empty() ? "\n" : "") + "- echo: `input_config." + std::string(m.section) + "." +
            std::string(m.field) + "`\n";
    });
  }
  md += "\n## Recognised but not supported yet by this build\n\n";
  md += "These AIPerf options stop the command with `aiperf: error: --X is not supported yet by this build` "
        "(never an unknown-option error, never silently ignored).\n";
  std::vector<std::string_view> ugroups;
  for (auto const& u : unsupported_profile_options)
    if (std::find(ugroups.begin(), ugroups.end(), u.group) == ugroups.end()) ugroups.push_back(u.group);
  for (auto g : ugroups) {
    md += "\n- **" + std::string(g) + "**: ";
    bool first = true;
    for (auto const& u : unsupported_profile_options) {
      if (u.group != g) continue;
      if (!first) md += "; ";
      md += '`';
      md += detail::join(detail::split(u.names, ','), "`, `");
      md += '`';
      first = false;
    }
    md += "\n";
  }
  return md;
}

namespace detail {

inline bool is_unsupported_flag(std::string_view token, std::string& which) {
  if (!token.starts_with('-') || token == "-" || token == "--") return false;
  auto name = token.substr(0, token.find('='));
  for (auto const& u : unsupported_profile_options)
    for (auto n : split(u.names, ',')) {
      // Short forms may carry their value attached ("-b4").
      if (name == n || (n.size() == 2 && !token.starts_with("--") && token.starts_with(n))) {
        which = std::string(n);
        return true;
      }
    }
  return false;
}

/// §3 / §4 validation and timing-mode resolution on converted options.
inline void resolve_and_validate(parse_result& r) {
  auto& o = r.options;
  auto const set = [&](std::string_view f) { return r.was_set(f); };

  if (o.model_names.empty())
    throw cli_error("--model is required: name the model(s) to benchmark with -m/--model <name>");
  for (auto const& u : o.urls) check_url(u);
  if (o.custom_endpoint && o.custom_endpoint->find_first_of(" \t\r\n") != std::string::npos)
    throw cli_error("--custom-endpoint: '" + *o.custom_endpoint + "' must not contain whitespace");
  if (o.api_key && o.api_key->find_first_of("\r\n") != std::string::npos)
    throw cli_error("--api-key: the key contains a line break");
  if (!o.ca_file.empty()) {
    std::ifstream f(o.ca_file);
    if (!f) throw cli_error("--ca-file: cannot read '" + o.ca_file + "'");
  }
  if (o.artifact_dir.empty()) throw cli_error("--output-artifact-dir: expected a directory, got an empty value");
  if (o.goodput) check_goodput(*o.goodput);
  if (o.tokenizer && o.tokenizer->empty()) throw cli_error("--tokenizer: expected a name or path, got an empty value");

  if (o.extra_verbose) o.verbose = true;
  if (o.extra_verbose) o.log_level = "trace";
  else if (o.verbose) o.log_level = "debug";

  if (o.insecure)
    r.warnings.push_back(
        "TLS certificate verification is DISABLED (--insecure): https:// servers are not authenticated and "
        "the API key may be sent to an impostor");

  // ---- §4.1 timing-mode resolution ----
  bool const has_stop = o.request_count || o.conversation_num || o.benchmark_duration;
  if (o.request_rate) {
    o.timing_mode = "request_rate";
    if (o.arrival_pattern == "concurrency_burst")
      throw cli_error("Request rate mode cannot be <ArrivalPattern.CONCURRENCY_BURST: 'concurrency_burst'> when a "
                      "request rate is specified.");
    if (!has_stop) {
      o.request_count = 10;
      r.warnings.push_back("No stop condition given (--request-count, --num-sessions or --benchmark-duration); "
                           "sending 10 requests");
    }
  } else {
    if (o.arrival_smoothness)
      throw cli_error("--arrival-smoothness requires --request-rate (it shapes the gamma inter-arrival times)");
    if (set("arrival_pattern") && o.arrival_pattern != "concurrency_burst")
      r.warnings.push_back("--arrival-pattern " + o.arrival_pattern +
                           " has no effect without --request-rate: concurrency (burst) mode sends as fast as "
                           "--concurrency allows");
    if (!o.concurrency) {
      o.concurrency = 1;
      r.warnings.push_back("Neither --concurrency nor --request-rate given; using --concurrency 1");
    }
    if (!has_stop) {
      o.request_count = std::max<std::int64_t>(10, *o.concurrency * 2);
      r.warnings.push_back("No stop condition given (--request-count, --num-sessions or --benchmark-duration); "
                           "sending " + std::to_string(*o.request_count) + " requests (max(10, 2 x concurrency))");
    }
    o.timing_mode = "concurrency";
    o.arrival_pattern = "concurrency_burst";
  }
  // Gamma auto-promotion.
  if (!set("arrival_pattern") && o.arrival_smoothness) o.arrival_pattern = "gamma";
  else if (o.arrival_pattern != "gamma" && o.arrival_smoothness)
    throw cli_error("--arrival-smoothness can only be used with --arrival-pattern gamma. Please specify "
                    "--arrival-pattern gamma to use --arrival-smoothness.");
  if (o.arrival_pattern == "gamma" && !o.arrival_smoothness) o.arrival_smoothness = 1.0;

  // ---- grace periods ----
  if (o.benchmark_grace_period && !o.benchmark_duration)
    throw cli_error("--benchmark-grace-period can only be used with duration-based benchmarking (--benchmark-duration).");
  if (o.benchmark_duration && !o.benchmark_grace_period) o.benchmark_grace_period = 30.0;
  if (o.warmup_grace_period && !o.warmup_duration)
    throw cli_error("--warmup-grace-period can only be used when --warmup-duration is set. Set --warmup-duration.");

  // ---- exclusive stop conditions and limits ----
  if (set("request_count") && o.conversation_num)
    throw cli_error("Both a request-count and number of conversations are set. This can result in confusing output. "
                    "Use either --request-count or --conversation-num but not both.");
  if (set("warmup_request_count") && o.num_warmup_sessions)
    throw cli_error("Both --warmup-request-count and --num-warmup-sessions are set. Use either --warmup-request-count "
                    "or --num-warmup-sessions but not both.");
  if (o.concurrency && o.conversation_num && *o.concurrency > *o.conversation_num)
    throw cli_error("Concurrency (" + std::to_string(*o.concurrency) +
                    ") cannot be greater than the number of conversations (" + std::to_string(*o.conversation_num) +
                    "). Either reduce --concurrency or increase --conversation-num.");
  if (o.concurrency && !o.conversation_num && o.request_count && *o.concurrency > *o.request_count)
    throw cli_error("Concurrency (" + std::to_string(*o.concurrency) + ") cannot be greater than the request count (" +
                    std::to_string(*o.request_count) + "). Either reduce --concurrency or increase --request-count.");

  // ---- warmup companions without a warmup trigger (V-main ignores them; say so) ----
  bool const warmup = o.warmup_request_count > 0 || o.warmup_duration || o.num_warmup_sessions;
  if (!warmup)
    for (std::string_view f : {"warmup_concurrency", "warmup_request_rate", "warmup_arrival_pattern"})
      if (set(f))
        r.warnings.push_back(primary_flag(find_option_meta(f)->names) +
                             " has no effect without --warmup-request-count, --warmup-duration or "
                             "--num-warmup-sessions");

  if (!o.request_count && !o.conversation_num && !o.benchmark_duration)
    throw cli_error("At least one stop condition must be set (--request-count, --num-sessions, or --benchmark-duration)");
}

inline std::variant<parse_result, cli_exit> parse_profile(cli_app& a, std::vector<std::string> const& args) {
  if (a.help_markdown->count() > 0) return cli_exit{0, cli_options_markdown(), {}};
  parse_result r;
  // Converted into r.options via the same reflection that registered the flags.
  profile_options const defaults{};
  std::size_t idx = 0;
  for_each_option(r.options, defaults, [&](option_meta const& m, std::string_view, bool, bool, std::string const&,
                                          auto& member) {
    if (m.names.empty()) return;
    CLI::Option* opt = a.options[idx++].second;
    if (opt->count() == 0) return;
    raw_option raw{primary_flag(m.names), opt->results(), opt->count()};
    if (m.field == "verbose" && raw.count >= 2) {  // -vv
      r.options.extra_verbose = true;
      r.explicit_fields.emplace_back("extra_verbose");
    }
    convert(m, raw, member);
    r.explicit_fields.emplace_back(m.field);
  });
  r.cli_command = redacted_command_line(args);
  resolve_and_validate(r);
  return r;
}

}  // namespace detail

/// Parses the whole `aiperf` command line; `args` excludes the program name (argv[1..]).
inline std::variant<parse_result, cli_exit> parse_command_line(std::vector<std::string> const& args) {
  try {
    // Recognised-but-unsupported AIPerf flags fail first and precisely, whatever else is wrong.
    auto const profile_at = std::find(args.begin(), args.end(), "profile");
    bool const wants_help = std::any_of(args.begin(), args.end(), [](auto const& a) { return a == "-h" || a == "--help"; });
    if (!args.empty() && args.front() == "profile" && !wants_help) {
      for (auto it = profile_at + 1; it != args.end() && *it != "--"; ++it) {
        std::string which;
        if (detail::is_unsupported_flag(*it, which)) return detail::usage_error(which + " is not supported yet by this build");
      }
    }
    detail::cli_app a;
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
    try {
      a.app.parse(reversed);
    } catch (CLI::CallForHelp const&) {
      return cli_exit{0, a.profile->parsed() ? a.profile->help("aiperf") : a.app.help(), {}};
    } catch (CLI::CallForAllHelp const&) {
      return cli_exit{0, a.app.help("", CLI::AppFormatMode::All), {}};
    } catch (CLI::CallForVersion const&) {
      return cli_exit{0, std::string("aiperf ") + AIPERF_VERSION_STRING + "\n", {}};
    } catch (CLI::ExtrasError const& e) {
      // Name the first stray token; for an option, suggest the nearest known spelling.
      std::vector<std::string> extras = a.profile->parsed() ? a.profile->remaining() : a.app.remaining();
      if (extras.empty()) return detail::usage_error(e.what());
      auto const& x = extras.front();
      if (x.starts_with("-") && x.size() > 1)
        return detail::usage_error("unknown option '" + x.substr(0, x.find('=')) + "'" + detail::did_you_mean(x));
      if (!a.profile->parsed() && !a.app.get_subcommands().size())
        return detail::usage_error("unknown command '" + x + "' (choose from profile, analyze-trace, plot, plugins, "
                                   "synthesize, validate)");
      return detail::usage_error("unexpected argument '" + x + "'");
    } catch (CLI::ArgumentMismatch const& e) {
      std::string msg = e.what();
      auto const colon = msg.find(':');
      auto const flag = colon == msg.npos ? std::string{} : msg.substr(0, colon);
      if (!flag.empty() && flag.starts_with("-")) {
        if (msg.find("missing") != msg.npos || msg.find("required") != msg.npos)
          return detail::usage_error(flag + ": expected a value");
        if (msg.find("no arguments") != msg.npos || msg.find("at most 0") != msg.npos)
          return detail::usage_error(flag + ": takes no value");
      }
      return detail::usage_error(msg);
    } catch (CLI::ParseError const& e) {
      return detail::usage_error(e.what());
    }
    for (auto const& [name, sub] : a.others)
      if (sub->parsed())
        return cli_exit{1, {}, "aiperf: error: '" + std::string(name) + "' is not implemented yet in this build\n"};
    if (!a.profile->parsed())
      return detail::usage_error("a command is required (profile, analyze-trace, plot, plugins, synthesize, "
                                 "validate); see 'aiperf --help'");
    return detail::parse_profile(a, args);
  } catch (detail::cli_error const& e) {
    return detail::usage_error(e.what());
  } catch (std::exception const& e) {
    // Faults never crash the driver: anything unexpected is still one line and exit code 1.
    return detail::usage_error(std::string("internal error while parsing the command line: ") + e.what());
  }
}

/// argv overload: `parse_command_line(argc, argv)` straight from main().
inline std::variant<parse_result, cli_exit> parse_command_line(int argc, char const* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_command_line(args);
}
inline std::variant<parse_result, cli_exit> parse_command_line(int argc, char** argv) {
  return parse_command_line(argc, const_cast<char const* const*>(argv));
}

/// The profiling phase of a resolved configuration (spec §6.2).
inline phase_plan profiling_phase(profile_options const& o) {
  phase_plan p;
  p.phase = "profiling";
  p.timing_mode = o.timing_mode;
  p.arrival_pattern = o.arrival_pattern;
  p.request_rate = o.request_rate;
  p.concurrency = o.concurrency;
  p.arrival_smoothness = o.arrival_smoothness;
  p.request_count = o.request_count;
  p.num_sessions = o.conversation_num;
  p.duration_s = o.benchmark_duration;
  if (o.benchmark_duration) p.grace_period_s = o.benchmark_grace_period.value_or(30.0);
  return p;
}

/// The warmup phase (spec §6.3), or nullopt when no warmup stop condition is set.
inline std::optional<phase_plan> warmup_phase(profile_options const& o) {
  if (o.warmup_request_count <= 0 && !o.warmup_duration && !o.num_warmup_sessions) return std::nullopt;
  phase_plan p;
  p.phase = "warmup";
  p.request_rate = o.warmup_request_rate ? o.warmup_request_rate : o.request_rate;
  p.arrival_pattern = o.warmup_arrival_pattern.value_or(o.arrival_pattern);
  p.concurrency = o.warmup_concurrency ? o.warmup_concurrency : o.concurrency;
  if (!p.request_rate || p.arrival_pattern == "concurrency_burst") {
    p.request_rate.reset();
    p.arrival_pattern = "concurrency_burst";
    p.timing_mode = "concurrency";
    if (!p.concurrency) p.concurrency = 1;
  } else {
    p.timing_mode = "request_rate";
    if (p.arrival_pattern == "gamma") p.arrival_smoothness = o.arrival_smoothness.value_or(1.0);
  }
  if (o.warmup_request_count > 0) p.request_count = o.warmup_request_count;
  p.num_sessions = o.num_warmup_sessions;
  p.duration_s = o.warmup_duration;
  p.grace_period_s = o.warmup_grace_period.value_or(std::numeric_limits<double>::infinity());
  return p;
}

}  // namespace v0
}  // namespace aiperf
