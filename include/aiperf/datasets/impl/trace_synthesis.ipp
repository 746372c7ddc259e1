// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/trace_synthesis.ipp — definitions for trace_synthesis.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/trace_analysis.hpp>
#include <aiperf/datasets/trace_synthesis.hpp>
#include <aiperf/detail/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace datasets {

namespace trace_synthesis_impl {

/// The most ids one row may have after the multipliers (a typo such as 1e9 must not exhaust memory).
inline constexpr std::int64_t max_row_ids = std::int64_t{1} << 24;

/// A uniform index in [0, n) from 64-bit draws (OpenBSD's arc4random_uniform rejection), the
/// same on every standard library (std::uniform_int_distribution is implementation-defined).
inline std::size_t uniform_index(detail::rng& g, std::size_t n) {
  const auto bound = static_cast<std::uint64_t>(n);
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod n: draws below it are biased
  for (;;)
    if (const std::uint64_t x = g(); x >= threshold) return static_cast<std::size_t>(x % bound);
}

/// The int() of a product of multipliers as a count, refused beyond max_row_ids.
inline std::int64_t count_of(double x, std::size_t ids_now) {
  if (!(x < static_cast<double>(max_row_ids)) ||
      static_cast<std::int64_t>(ids_now) + static_cast<std::int64_t>(x) > max_row_ids)
    throw std::invalid_argument(fmt::format("the multipliers would give the row more than {} hash ids", max_row_ids));
  return static_cast<std::int64_t>(x);  // x >= 0: truncation is Python's int()
}

/// The ids and length of one row while the multipliers apply.
struct growing_row {
  std::vector<std::int64_t> ids;
  std::int64_t length;
  std::int64_t block;
  std::int64_t last_id;  // new ids count up from the row's original last id

  void append_ids(std::int64_t count) {
    if (count <= 0) return;
    if (last_id > std::numeric_limits<std::int64_t>::max() - count)
      throw std::invalid_argument("new hash ids would pass the largest 64-bit integer");
    for (std::int64_t i = 0; i < count; ++i) ids.push_back(++last_id);
  }
  /// `count` new blocks after the current last one: it is completed, count - 1 full blocks
  /// follow, and the last new block has the size the last one had.  In all: count x block tokens.
  void extend(std::int64_t count) {
    if (count <= 0) return;
    std::int64_t grown = 0;
    if (__builtin_mul_overflow(count, block, &grown) || __builtin_add_overflow(length, grown, &length))
      throw std::invalid_argument("the input length would pass the largest 64-bit integer");
    append_ids(count);
  }
  /// Size of the last block: length mod block (Python's modulo), or a whole block.
  [[nodiscard]] std::int64_t last_block() const {
    const std::int64_t r = ((length % block) + block) % block;
    return r == 0 ? block : r;
  }
};

inline void check_multiplier(double value, std::string_view name) {
  if (!std::isfinite(value) || value < 0)
    throw std::invalid_argument(fmt::format("{} must be a finite number >= 0, got {}", name, value));
}

inline void check_params(synthesis_params const& p) {
  if (p.block_size == 0 || p.block_size > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()))
    throw std::invalid_argument("block size must be >= 1 token");
  check_multiplier(p.prefix_len_multiplier, "prefix_len_multiplier");
  check_multiplier(p.prompt_len_multiplier, "prompt_len_multiplier");
  if (p.prefix_root_multiplier < 1)
    throw std::invalid_argument(fmt::format("prefix_root_multiplier must be >= 1, got {}", p.prefix_root_multiplier));
  if (p.speedup_ratio && (!std::isfinite(*p.speedup_ratio) || !(*p.speedup_ratio > 0)))
    throw std::invalid_argument(fmt::format("speedup_ratio must be > 0, got {}", *p.speedup_ratio));
  if (p.max_isl && *p.max_isl < 1)
    throw std::invalid_argument(fmt::format("max_isl must be >= 1, got {}", *p.max_isl));
}

/// A JSON number as Python writes the value: integral values as integers, others shortest.
inline void append_number(std::string& out, double v) {
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0)
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(v));
  else
    fmt::format_to(std::back_inserter(out), "{}", v);
}

}  // namespace trace_synthesis_impl

AIPERF_DECL multiplied_row apply_multipliers(std::span<const std::int64_t> hash_ids, std::int64_t input_length,
                                             synthesis_params const& p) {
  namespace impl = trace_synthesis_impl;
  impl::check_params(p);
  if (hash_ids.empty()) return {{}, input_length};
  const auto m = static_cast<double>(hash_ids.size());
  impl::growing_row row{{hash_ids.begin(), hash_ids.end()}, input_length, static_cast<std::int64_t>(p.block_size),
                        hash_ids.back()};
  const std::int64_t inc = row.last_block();  // the original last block's size
  if (p.prefix_len_multiplier > 1.0) {
    row.extend(impl::count_of(m * (p.prefix_len_multiplier - 1.0), row.ids.size()));
  } else if (p.prefix_len_multiplier < 1.0) {
    const auto kept = std::max<std::int64_t>(1, static_cast<std::int64_t>(m * p.prefix_len_multiplier));
    row.ids.resize(static_cast<std::size_t>(kept));
    if (__builtin_mul_overflow(kept - 1, row.block, &row.length) || __builtin_add_overflow(row.length, inc, &row.length))
      throw std::invalid_argument("the input length would pass the largest 64-bit integer");
  }
  if (p.prompt_len_multiplier > 1.0) row.extend(impl::count_of(p.prompt_len_multiplier - 1.0, row.ids.size()));
  if (p.prefix_root_multiplier > 1) {
    // Tree replication: r - 1 more copies of the path, all fresh ids; the length is unchanged.
    const auto copies = static_cast<double>(p.prefix_root_multiplier - 1) * static_cast<double>(row.ids.size());
    row.append_ids(impl::count_of(copies, row.ids.size()));
  }
  return {std::move(row.ids), row.length};
}

AIPERF_DECL empirical_sampler::empirical_sampler(std::vector<std::int64_t> observed, std::int64_t fallback)
    : sorted_(std::move(observed)), fallback_(fallback) {
  std::sort(sorted_.begin(), sorted_.end());
}

AIPERF_DECL std::int64_t empirical_sampler::sample(detail::rng& g) const {
  if (sorted_.empty()) return fallback_;
  return sorted_[trace_synthesis_impl::uniform_index(g, sorted_.size())];
}

AIPERF_DECL std::vector<trace_row> synthesize_trace(std::span<trace_row const> rows, synthesis_params const& p,
                                                    std::filesystem::path const& source) {
  trace_synthesis_impl::check_params(p);
  std::vector<std::int64_t> isls, osls;
  for (trace_row const& r : rows) {
    if (r.input_length >= 0) isls.push_back(r.input_length);  // -1: a text_input row
    if (r.output_length >= 0) osls.push_back(r.output_length);
  }
  const empirical_sampler isl_sampler(std::move(isls), 512), osl_sampler(std::move(osls), 64);
  detail::rng isl_rng(detail::derive_seed(p.seed, "trace.synthesis.isl"));
  detail::rng osl_rng(detail::derive_seed(p.seed, "trace.synthesis.osl"));

  std::vector<trace_row> out;
  out.reserve(rows.size());
  for (trace_row const& r : rows) {
    trace_row& o = out.emplace_back();
    o.line = r.line;
    o.session_id = r.session_id;
    o.turn = r.turn;
    o.delay_ms = r.delay_ms;
    o.extra = r.extra;
    if (!r.hash_ids.empty()) {
      try {
        multiplied_row m = apply_multipliers(r.hash_ids, r.input_length, p);
        o.hash_ids = std::move(m.hash_ids);
        o.input_length = m.input_length;
      } catch (std::invalid_argument const& e) {
        throw trace_error(fmt::format("{}:{}: hash_ids: {}", source.string(), r.line, e.what()));
      }
    } else {
      o.input_length = isl_sampler.sample(isl_rng);
    }
    o.output_length = osl_sampler.sample(osl_rng);
    if (p.max_isl && o.input_length > *p.max_isl) o.input_length = *p.max_isl;
    if (r.timestamp_ms) o.timestamp_ms = p.speedup_ratio ? std::trunc(*r.timestamp_ms / *p.speedup_ratio) : *r.timestamp_ms;
  }
  return out;
}

AIPERF_DECL void pick_prefix_trees(std::span<trace_row> rows, std::int64_t r, std::uint64_t seed) {
  if (r <= 1) return;
  detail::rng g(detail::derive_seed(seed, "trace.synthesis.root"));
  const auto copies = static_cast<std::size_t>(r);
  for (trace_row& row : rows) {
    if (row.hash_ids.empty()) continue;
    if (row.hash_ids.size() % copies != 0)
      throw std::invalid_argument(fmt::format("line {}: {} hash ids are not {} copies of one path", row.line,
                                              row.hash_ids.size(), r));
    const std::size_t n = row.hash_ids.size() / copies;
    const std::size_t k = trace_synthesis_impl::uniform_index(g, copies);
    row.hash_ids.erase(row.hash_ids.begin() + static_cast<std::ptrdiff_t>((k + 1) * n), row.hash_ids.end());
    row.hash_ids.erase(row.hash_ids.begin(), row.hash_ids.begin() + static_cast<std::ptrdiff_t>(k * n));
  }
}

AIPERF_DECL hash_tree_stats analyze_hash_tree(std::span<trace_row const> rows) {
  hash_tree_stats s;
  s.nodes = analyze_trace(rows, 1).unique_prefixes + 1;  // the distinct prefixes, and the root
  for (trace_row const& r : rows) s.depth = std::max(s.depth, r.hash_ids.size());
  return s;
}

AIPERF_DECL std::string render_trace_jsonl(std::span<trace_row const> rows) {
  namespace impl = trace_synthesis_impl;
  std::string out;
  for (trace_row const& r : rows) {
    fmt::format_to(std::back_inserter(out), "{{\"input_length\": {}, \"output_length\": {}", r.input_length,
                   r.output_length);
    if (!r.hash_ids.empty()) fmt::format_to(std::back_inserter(out), ", \"hash_ids\": [{}]", fmt::join(r.hash_ids, ", "));
    if (r.timestamp_ms) impl::append_number(out += ", \"timestamp\": ", *r.timestamp_ms);
    if (!r.session_id.empty()) detail::append_json_string(out += ", \"session_id\": ", r.session_id);
    if (r.delay_ms) impl::append_number(out += ", \"delay\": ", *r.delay_ms);
    out += "}\n";
  }
  return out;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
