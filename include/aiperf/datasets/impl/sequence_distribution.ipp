// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/sequence_distribution.ipp — definitions for sequence_distribution.hpp:
// reading the three spellings of --seq-dist with AIPerf's messages.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/sequence_distribution.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <optional>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace datasets {
namespace seq_dist_impl {

/// Python's repr of a float (messages quote values as AIPerf prints them): 40.0, 0.5, 1e-05.
inline std::string py_float(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

inline std::string py_pair(sequence_length_pair const& p) {
  if (p.isl_stddev > 0 || p.osl_stddev > 0)
    return fmt::format("({}|{},{}|{}):{}%", p.isl, py_float(p.isl_stddev), p.osl, py_float(p.osl_stddev),
                       py_float(p.probability));
  return fmt::format("({},{}):{}%", p.isl, p.osl, py_float(p.probability));
}

/// AIPerf checks each pair as it is read (SequenceLengthPair), so the first bad pair is named.
inline sequence_length_pair const& check_pair(sequence_length_pair const& p) {
  if (p.isl <= 0) throw std::invalid_argument(fmt::format("Input sequence length must be positive, got {}", p.isl));
  if (p.osl <= 0) throw std::invalid_argument(fmt::format("Output sequence length must be positive, got {}", p.osl));
  if (!(p.probability >= 0.0 && p.probability <= 100.0))
    throw std::invalid_argument(fmt::format("Probability must be in [0,100], got {}", py_float(p.probability)));
  if (p.isl_stddev < 0.0)
    throw std::invalid_argument(
        fmt::format("Input sequence length stddev must be non-negative, got {}", py_float(p.isl_stddev)));
  if (p.osl_stddev < 0.0)
    throw std::invalid_argument(
        fmt::format("Output sequence length stddev must be non-negative, got {}", py_float(p.osl_stddev)));
  return p;
}

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// A cursor over one pair with the pieces of AIPerf's pair pattern:
///   ISL[|STD] \s* , \s* OSL[|STD] \s* : \s* PROB      (ISL, OSL: \d+; STD, PROB: \d+(\.\d+)?|\.\d+)
/// Each reader consumes what it matched and returns nullopt (consuming nothing useful) otherwise.
struct pair_cursor {
  std::string_view s;
  std::size_t at = 0;

  static constexpr bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
  [[nodiscard]] bool next_is(char c) const noexcept { return at < s.size() && s[at] == c; }
  void skip_space() noexcept {
    while (at < s.size() && is_space(s[at])) ++at;
  }
  bool take(char c) noexcept {
    if (!next_is(c)) return false;
    ++at;
    return true;
  }
  std::size_t digits() noexcept {
    const std::size_t from = at;
    while (at < s.size() && digit(s[at])) ++at;
    return at - from;
  }
  std::optional<std::int64_t> integer() {
    const std::size_t from = at;
    if (digits() == 0) return std::nullopt;
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data() + from, s.data() + at, v);
    if (ec != std::errc{}) return std::nullopt;  // more digits than an int64 holds
    return v;
  }
  std::optional<double> number() {
    const std::size_t from = at;
    if (digits() > 0) {
      if (at + 1 < s.size() && s[at] == '.' && digit(s[at + 1])) {
        ++at;
        digits();
      }
    } else if (at + 1 < s.size() && s[at] == '.' && digit(s[at + 1])) {
      ++at;
      digits();
    } else {
      return std::nullopt;
    }
    // "0.5" or ".5": prepend a 0 for from_chars, which wants a digit first.
    std::string text(s[from] == '.' ? 1 : 0, '0');
    text.append(s.substr(from, at - from));
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  }
  /// ISL[|STD] or OSL[|STD].
  bool length(std::int64_t& mean, double& stddev) {
    const auto m = integer();
    if (!m) return false;
    mean = *m;
    if (take('|')) {
      const auto sd = number();
      if (!sd) return false;
      stddev = *sd;
    }
    return true;
  }
  /// `ISL[|STD] , OSL[|STD]` (inside the parentheses of the bracket form).
  bool lengths(sequence_length_pair& p) {
    if (!length(p.isl, p.isl_stddev)) return false;
    skip_space();
    if (!take(',')) return false;
    skip_space();
    return length(p.osl, p.osl_stddev);
  }
  /// `: PROB`.
  bool probability(sequence_length_pair& p) {
    skip_space();
    if (!take(':')) return false;
    skip_space();
    const auto v = number();
    if (!v) return false;
    p.probability = *v;
    return true;
  }
};

inline std::vector<sequence_length_pair> semicolon_pairs(std::string_view text) {
  std::vector<sequence_length_pair> pairs;
  while (!text.empty()) {
    const std::size_t semi = text.find(';');
    const std::string_view item = strip(text.substr(0, semi));
    text = semi == std::string_view::npos ? std::string_view() : text.substr(semi + 1);
    if (item.empty()) continue;
    pair_cursor c{item};
    sequence_length_pair p;
    if (!c.lengths(p) || !c.probability(p) || c.at != item.size())
      throw std::invalid_argument(fmt::format(
          "Invalid pair format: '{}'. Expected 'ISL[|ISL_STDDEV],OSL[|OSL_STDDEV]:PROB'", item));
    pairs.push_back(check_pair(p));
  }
  if (pairs.empty()) throw std::invalid_argument("No valid pairs found in semicolon format");
  return pairs;
}

/// Every `( ISL[|STD] , OSL[|STD] ) : PROB` in `content`, left to right (re.finditer: text that
/// does not match is skipped).
inline std::vector<sequence_length_pair> bracket_pairs(std::string_view content) {
  std::vector<sequence_length_pair> pairs;
  std::size_t from = 0;
  while ((from = content.find('(', from)) != std::string_view::npos) {
    pair_cursor c{content, from + 1};
    sequence_length_pair p;
    c.skip_space();
    if (c.lengths(p) && (c.skip_space(), c.take(')')) && c.probability(p)) {
      pairs.push_back(check_pair(p));
      from = c.at;
    } else {
      ++from;
    }
  }
  if (pairs.empty()) throw std::invalid_argument("No valid pairs found in bracket format");
  return pairs;
}

inline std::vector<sequence_length_pair> json_pairs(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(text.data(), text.size()).get(root))
    throw std::invalid_argument(std::string("Invalid JSON format: ") + simdjson::error_message(err));
  simdjson::dom::element list;
  if (!root.is_object() || root["pairs"].get(list)) throw std::invalid_argument("JSON format must contain 'pairs' key");
  if (!list.is_array()) throw std::invalid_argument("JSON format: 'pairs' must be a list of objects");
  std::vector<sequence_length_pair> pairs;
  std::size_t i = 0;
  for (simdjson::dom::element item : list.get_array()) {
    auto number = [&](char const* key) -> std::optional<double> {
      simdjson::dom::element v;
      if (!item.is_object() || item[key].get(v)) return std::nullopt;
      if (v.is_int64()) return static_cast<double>(v.get_int64().value());
      if (v.is_uint64()) return static_cast<double>(v.get_uint64().value());
      if (v.is_double()) return v.get_double().value();
      throw std::invalid_argument(fmt::format("Pair {}: '{}' must be a number", i, key));
    };
    const auto isl = number("isl"), osl = number("osl"), prob = number("prob");
    std::vector<std::string> missing;
    for (auto [key, v] : {std::pair{"isl", isl}, {"osl", osl}, {"prob", prob}})
      if (!v) missing.push_back(fmt::format("'{}'", key));
    if (!missing.empty())
      throw std::invalid_argument(fmt::format("Pair {} missing required keys: {{{}}}", i, fmt::join(missing, ", ")));
    // Python's int() of a JSON number: truncated toward zero.
    pairs.push_back(check_pair({static_cast<std::int64_t>(*isl), static_cast<std::int64_t>(*osl), *prob,
                                number("isl_stddev").value_or(0.0), number("osl_stddev").value_or(0.0)}));
    ++i;
  }
  return pairs;
}

}  // namespace seq_dist_impl

AIPERF_DECL sequence_distribution::sequence_distribution(std::vector<sequence_length_pair> pairs)
    : pairs_(std::move(pairs)) {
  if (pairs_.empty()) throw std::invalid_argument("Distribution must contain at least one sequence length pair");
  for (auto const& p : pairs_) seq_dist_impl::check_pair(p);
  double total = 0;
  for (auto const& p : pairs_) {
    total += p.probability;
    cumulative_.push_back(total / 100.0);
  }
  if (!(std::abs(total - 100.0) <= 1e-6 + 1e-6 * 100.0)) {
    std::vector<std::string> shown;
    for (auto const& p : pairs_) shown.push_back(fmt::format("'{}'", seq_dist_impl::py_pair(p)));
    throw std::invalid_argument(
        fmt::format("Probabilities must sum to 100.0, got {:.6f}. Pairs: [{}]", total, fmt::join(shown, ", ")));
  }
}

AIPERF_DECL sequence_distribution sequence_distribution::parse(std::string_view text) {
  text = seq_dist_impl::strip(text);
  if (text.empty()) throw std::invalid_argument("Distribution string cannot be empty");
  try {
    if (text.front() == '{') return sequence_distribution(seq_dist_impl::json_pairs(text));
    if (text.front() == '[' && text.back() == ']')
      return sequence_distribution(seq_dist_impl::bracket_pairs(text.substr(1, text.size() - 2)));
    return sequence_distribution(seq_dist_impl::semicolon_pairs(text));
  } catch (std::invalid_argument const& e) {
    throw std::invalid_argument(fmt::format("Failed to parse distribution string '{}': {}", text, e.what()));
  }
}

AIPERF_DECL std::string sequence_distribution::to_string() const {
  std::string out;
  for (auto const& p : pairs_) {
    if (!out.empty()) out += ';';
    out += seq_dist_impl::py_pair(p);
  }
  return out;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
