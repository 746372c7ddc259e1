// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/prometheus.ipp — definitions for prometheus.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/telemetry/prometheus.hpp>

#include <charconv>
#include <cstdlib>
#include <cmath>
#include <limits>

namespace aiperf {
inline namespace v0 {
namespace telemetry {
namespace detail_prom {

inline bool name_start(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
inline bool name_char(char c) noexcept { return name_start(c) || (c >= '0' && c <= '9'); }
inline bool blank(char c) noexcept { return c == ' ' || c == '\t'; }

/// A cursor over one line; every failure names the line.
struct line_reader {
  std::string_view s = {};
  std::size_t pos = 0;
  std::size_t line = 0;

  [[noreturn]] void fail(std::string const& what) const { throw prometheus_error(line, what); }
  bool at_end() const noexcept { return pos >= s.size(); }
  char peek() const noexcept { return at_end() ? '\0' : s[pos]; }
  void skip_blanks() noexcept {
    while (!at_end() && blank(s[pos])) ++pos;
  }
  /// A metric name ([a-zA-Z_:][a-zA-Z0-9_:]*); label names additionally refuse ':'.
  std::string_view name(bool label_name, char const* what) {
    const std::size_t b = pos;
    if (at_end() || !name_start(s[pos]) || (label_name && s[pos] == ':'))
      fail(std::string("expected ") + what + (at_end() ? ", found end of line" : ", found '" + std::string(1, s[pos]) + "'"));
    while (!at_end() && name_char(s[pos]) && !(label_name && s[pos] == ':')) ++pos;
    return s.substr(b, pos - b);
  }
  std::string_view token() noexcept {
    const std::size_t b = pos;
    while (!at_end() && !blank(s[pos])) ++pos;
    return s.substr(b, pos - b);
  }
};

/// HELP text: `\\` and `\n` are escapes; any other backslash is kept as written.
inline std::string unescape_help(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && (t[i + 1] == '\\' || t[i + 1] == 'n')) {
      out += t[i + 1] == 'n' ? '\n' : '\\';
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

inline std::vector<label> parse_labels(line_reader& r) {
  std::vector<label> out;
  ++r.pos;  // '{'
  for (;;) {
    r.skip_blanks();
    if (r.peek() == '}') break;
    label l;
    l.name = std::string(r.name(true, "a label name"));
    r.skip_blanks();
    if (r.peek() != '=') r.fail("expected '=' after label name '" + l.name + "'");
    ++r.pos;
    r.skip_blanks();
    if (r.peek() != '"') r.fail("expected '\"' to open the value of label '" + l.name + "'");
    ++r.pos;
    for (;;) {
      if (r.at_end()) r.fail("unterminated value of label '" + l.name + "'");
      const char c = r.s[r.pos++];
      if (c == '"') break;
      if (c != '\\') {
        l.value += c;
        continue;
      }
      if (r.at_end()) r.fail("unterminated escape in the value of label '" + l.name + "'");
      const char e = r.s[r.pos++];
      if (e == '\\' || e == '"') l.value += e;
      else if (e == 'n') l.value += '\n';
      else r.fail(std::string("unknown escape '\\") + e + "' in the value of label '" + l.name + "'");
    }
    for (auto const& prev : out)
      if (prev.name == l.name) r.fail("label '" + l.name + "' appears twice");
    out.push_back(std::move(l));
    r.skip_blanks();
    if (r.peek() == ',') {
      ++r.pos;
      continue;
    }
    if (r.peek() != '}') r.fail(r.at_end() ? "unterminated label set (missing '}')" : "expected ',' or '}' after a label");
  }
  ++r.pos;  // '}'
  return out;
}

inline bool has_suffix(std::string_view s, std::string_view suffix) noexcept {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The family a sample named `sample_name` belongs to, given the family `declared` by TYPE.
inline bool belongs_to(std::string_view sample_name, metric_family const& f) noexcept {
  if (sample_name == f.name) return true;
  if (sample_name.size() <= f.name.size() || sample_name.substr(0, f.name.size()) != f.name) return false;
  const std::string_view suffix = sample_name.substr(f.name.size());
  switch (f.type) {
    case metric_type::histogram: return suffix == "_bucket" || suffix == "_sum" || suffix == "_count";
    case metric_type::summary: return suffix == "_sum" || suffix == "_count";
    case metric_type::counter: return suffix == "_total";
    default: return false;
  }
}

}  // namespace detail_prom

AIPERF_DECL std::string_view to_string(metric_type t) noexcept {
  switch (t) {
    case metric_type::counter: return "counter";
    case metric_type::gauge: return "gauge";
    case metric_type::histogram: return "histogram";
    case metric_type::summary: return "summary";
    default: return "untyped";
  }
}

AIPERF_DECL std::optional<double> parse_prometheus_float(std::string_view t) noexcept {
  if (t.empty()) return std::nullopt;
  bool negative = false;
  std::string_view body = t;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  auto lower_equals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if ((a[i] | 0x20) != b[i]) return false;
    return true;
  };
  if (lower_equals(body, "inf") || lower_equals(body, "infinity"))
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (lower_equals(body, "nan")) return std::numeric_limits<double>::quiet_NaN();
  if (body.empty() || !((body.front() >= '0' && body.front() <= '9') || body.front() == '.')) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves `v` alone here; strtod says which way it went: 1e999 is +Inf (as for
    // Go's ParseFloat), 1e-999 is 0.
    v = std::strtod(std::string(body).c_str(), nullptr);
  } else if (ec != std::errc{}) {
    return std::nullopt;
  }
  if (end != body.data() + body.size()) return std::nullopt;
  return negative ? -v : v;
}

AIPERF_DECL std::vector<metric_family> parse_prometheus(std::string_view text) {
  using namespace detail_prom;
  std::vector<metric_family> families;
  std::vector<std::string> typed;  // names that had a # TYPE line
  auto find_family = [&](std::string_view name) -> metric_family* {
    for (auto& f : families)
      if (f.name == name) return &f;
    return nullptr;
  };
  auto family_for_sample = [&](std::string_view sample_name) -> metric_family* {
    if (!families.empty() && belongs_to(sample_name, families.back())) return &families.back();  // the usual case
    for (auto& f : families)
      if (belongs_to(sample_name, f)) return &f;
    return nullptr;
  };
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line_reader r{line, 0, line_no};
    r.skip_blanks();
    if (r.at_end()) continue;
    if (line.find('\0') != std::string_view::npos) r.fail("NUL byte in the line");
    if (r.peek() == '#') {
      ++r.pos;
      r.skip_blanks();
      const std::string_view keyword = r.token();
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
      r.skip_blanks();
      const std::string name(r.name(false, keyword == "HELP" ? "a metric name after # HELP" : "a metric name after # TYPE"));
      if (!r.at_end() && !blank(r.peek())) r.fail("invalid character '" + std::string(1, r.peek()) + "' in metric name '" + name + "'");
      r.skip_blanks();
      metric_family* f = find_family(name);
      if (keyword == "HELP") {
        if (!f) f = &families.emplace_back(metric_family{.name = name});
        f->help = unescape_help(line.substr(r.pos));
        continue;
      }
      const std::string_view type = r.token();
      r.skip_blanks();
      if (!r.at_end()) r.fail("unexpected text after the type of '" + name + "'");
      metric_type t;
      if (type == "counter") t = metric_type::counter;
      else if (type == "gauge") t = metric_type::gauge;
      else if (type == "histogram") t = metric_type::histogram;
      else if (type == "summary") t = metric_type::summary;
      else if (type == "untyped" || type == "unknown") t = metric_type::untyped;
      else r.fail(type.empty() ? "# TYPE " + name + " names no type" : "unknown metric type '" + std::string(type) + "' for '" + name + "'");
      if (f && !f->samples.empty()) r.fail("# TYPE for '" + name + "' after its samples");
      for (auto const& d : typed)
        if (d == name) r.fail("second # TYPE line for '" + name + "'");
      typed.push_back(name);
      if (!f) f = &families.emplace_back(metric_family{.name = name});
      f->type = t;
      continue;
    }
    sample s;
    s.name = std::string(r.name(false, "a metric name"));
    if (r.peek() == '{') s.labels = parse_labels(r);
    else if (!r.at_end() && !blank(r.peek())) r.fail("invalid character '" + std::string(1, r.peek()) + "' in metric name '" + s.name + "'");
    r.skip_blanks();
    const std::string_view value = r.token();
    if (value.empty()) r.fail("sample '" + s.name + "' has no value");
    auto v = parse_prometheus_float(value);
    if (!v) r.fail("invalid value '" + std::string(value) + "' for sample '" + s.name + "'");
    s.value = *v;
    r.skip_blanks();
    if (!r.at_end()) {
      const std::string_view ts = r.token();
      std::int64_t ms = 0;
      auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ms);
      if (ec != std::errc{} || end != ts.data() + ts.size())
        r.fail("invalid timestamp '" + std::string(ts) + "' for sample '" + s.name + "' (integer milliseconds)");
      s.timestamp_ms = ms;
      r.skip_blanks();
      if (!r.at_end()) r.fail("unexpected text after the timestamp of sample '" + s.name + "'");
    }
    metric_family* f = family_for_sample(s.name);
    if (!f) f = &families.emplace_back(metric_family{.name = s.name});
    if (f->type == metric_type::histogram && s.name.size() > 7 && s.name.ends_with("_bucket") && !s.label_value("le"))
      r.fail("histogram bucket '" + s.name + "' has no 'le' label");
    f->samples.push_back(std::move(s));
  }
  return families;
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
