// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/trace_analysis.ipp — definitions for trace_analysis.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/trace_analysis.hpp>
#include <aiperf/detail/rng.hpp>  // detail::mix64
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/results/number_format.hpp>

#include <fmt/format.h>

#include <range/v3/algorithm/count_if.hpp>
#include <range/v3/algorithm/find_if.hpp>
#include <range/v3/algorithm/minmax.hpp>
#include <range/v3/numeric/accumulate.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/transform.hpp>

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

namespace trace_analysis_impl {

/// (parent prefix node, id) in the prefix tree; (position, id) for the repeated-pair count.
struct id_key {
  std::uint64_t first;
  std::int64_t id;
  friend bool operator==(id_key const&, id_key const&) = default;
};
struct id_key_hash {
  std::size_t operator()(id_key const& k) const noexcept {
    using aiperf::detail::mix64;
    return static_cast<std::size_t>(mix64(k.first ^ mix64(static_cast<std::uint64_t>(k.id))));
  }
};

inline std::int64_t isl_of(trace_row const& r) noexcept { return std::max<std::int64_t>(r.input_length, 0); }
inline std::int64_t osl_of(trace_row const& r) noexcept { return std::max<std::int64_t>(r.output_length, 0); }

inline std::optional<metric_stats> stats_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const distribution d = summarize_values(values);
  return metric_stats{d.avg, d.std, d.min, d.p25, d.p50, d.p75, d.max};
}

/// The series' minimum, maximum and mean (all 0 when it is empty), summed exactly as integers.
template <class Rng>
void extremes(Rng&& values, std::size_t n, std::int64_t& min, std::int64_t& max, double& avg) {
  if (n == 0) return;
  const auto [lo, hi] = ranges::minmax(values);
  min = lo;
  max = hi;
  avg = static_cast<double>(ranges::accumulate(values, std::int64_t{0})) / static_cast<double>(n);
}

/// The seven statistics in console and JSON order.
inline std::array<std::pair<std::string_view, double>, 7> stat_rows(metric_stats const& s) {
  return {{{"mean", s.mean},
           {"std_dev", s.std_dev},
           {"min", s.min},
           {"p25", s.p25},
           {"median", s.median},
           {"p75", s.p75},
           {"max", s.max}}};
}

}  // namespace trace_analysis_impl

AIPERF_DECL analysis_stats analyze_trace(std::span<trace_row const> rows, std::size_t block_size) {
  namespace impl = trace_analysis_impl;
  namespace rv = ranges::views;
  analysis_stats a;
  a.total_requests = rows.size();

  // Pass 1: the radix tree of hash-id paths (node = one distinct prefix, with the number of rows
  // through it), the (position, id) counts and the first ids.
  std::unordered_map<impl::id_key, std::size_t, impl::id_key_hash> child;  // (node, id) -> node
  std::vector<std::size_t> prefix_count(1, 0);                             // node 0: the root
  std::unordered_map<impl::id_key, std::size_t, impl::id_key_hash> pair_count;
  std::unordered_map<std::int64_t, std::size_t> first_count;
  for (trace_row const& r : rows) {
    if (r.hash_ids.empty()) continue;
    ++first_count[r.hash_ids.front()];
    std::size_t node = 0;
    for (std::size_t pos = 0; pos < r.hash_ids.size(); ++pos) {
      const std::int64_t id = r.hash_ids[pos];
      auto [it, added] = child.try_emplace(impl::id_key{node, id}, prefix_count.size());
      if (added) prefix_count.push_back(0);
      node = it->second;
      ++prefix_count[node];
      ++pair_count[impl::id_key{pos, id}];
    }
  }
  a.unique_prefixes = prefix_count.size() - 1;
  auto const shared = [](std::size_t rows_through) { return rows_through > 1; };
  a.num_prefix_groups = static_cast<std::size_t>(
      ranges::count_if(first_count, [&](auto const& first) { return shared(first.second); }));
  const std::size_t occurrences = ranges::accumulate(prefix_count, std::size_t{0});
  const std::size_t reused = ranges::accumulate(prefix_count | rv::filter(shared), std::size_t{0});
  a.prefix_reuse_ratio = occurrences ? static_cast<double>(reused) / static_cast<double>(occurrences) : 0.0;

  // Pass 2: context and unique prompt lengths from the repeated (position, id) pairs.
  auto const block = static_cast<std::int64_t>(block_size);
  std::vector<double> context, unique_prompt;
  context.reserve(rows.size());
  unique_prompt.reserve(rows.size());
  for (trace_row const& r : rows) {
    const std::int64_t isl = impl::isl_of(r);
    std::int64_t repeated = 0;
    for (std::size_t pos = 0; pos < r.hash_ids.size(); ++pos)
      repeated += shared(pair_count.find(impl::id_key{pos, r.hash_ids[pos]})->second) ? 1 : 0;
    std::int64_t ctx = 0;
    if (!r.hash_ids.empty()) ctx = repeated == static_cast<std::int64_t>(r.hash_ids.size()) ? isl : repeated * block;
    context.push_back(static_cast<double>(ctx));
    unique_prompt.push_back(static_cast<double>(isl - ctx));
  }

  // Infinite-cache hit rates in arrival order: the leading run of ids some earlier row carried.
  std::unordered_set<std::int64_t> seen;
  std::vector<double> hit_rates;
  for (trace_row const& r : rows | rv::filter([](trace_row const& t) { return !t.hash_ids.empty(); })) {
    auto const first_unseen = ranges::find_if(r.hash_ids, [&](std::int64_t id) { return !seen.contains(id); });
    const auto hits = first_unseen - r.hash_ids.begin();
    hit_rates.push_back(static_cast<double>(hits) / static_cast<double>(r.hash_ids.size()));
    seen.insert(r.hash_ids.begin(), r.hash_ids.end());
  }

  auto const isls = rows | rv::transform(impl::isl_of);
  auto const osls = rows | rv::transform(impl::osl_of);
  impl::extremes(isls, rows.size(), a.min_isl, a.max_isl, a.avg_isl);
  impl::extremes(osls, rows.size(), a.min_osl, a.max_osl, a.avg_osl);
  auto const as_double = [](std::int64_t v) { return static_cast<double>(v); };
  a.isl_stats = impl::stats_of(isls | rv::transform(as_double) | ranges::to<std::vector<double>>());
  a.osl_stats = impl::stats_of(osls | rv::transform(as_double) | ranges::to<std::vector<double>>());
  a.context_length_stats = impl::stats_of(std::move(context));
  a.unique_prompt_length_stats = impl::stats_of(std::move(unique_prompt));
  a.hit_rate_stats = impl::stats_of(std::move(hit_rates));
  a.cache_hit_rate = a.hit_rate_stats ? a.hit_rate_stats->mean : 0.0;
  return a;
}

AIPERF_DECL std::string render_trace_analysis_console(analysis_stats const& a) {
  using results::format_console_count;
  using results::format_console_number;
  static constexpr std::string_view rule = "============================================================";
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "\nTrace Analysis Report\n{}\n", rule);
  fmt::format_to(it, "{:<23}{}\n", "Total requests:", format_console_count(a.total_requests));
  fmt::format_to(it, "{:<23}{}\n", "Unique prefixes:", format_console_count(a.unique_prefixes));
  fmt::format_to(it, "{:<23}{:.2f}%\n", "Prefix reuse ratio:", a.prefix_reuse_ratio * 100.0);
  static constexpr std::array<std::string_view, 7> labels = {"Mean:", "Std Dev:", "Min:", "P25:",
                                                             "Median:", "P75:", "Max:"};
  const std::array<std::pair<std::string_view, std::optional<metric_stats> const*>, 5> sections = {{
      {"Input Length", &a.isl_stats},
      {"Context Length", &a.context_length_stats},
      {"Unique Prompt Length", &a.unique_prompt_length_stats},
      {"Output Length", &a.osl_stats},
      {"Theoretical Hit Rates", &a.hit_rate_stats},
  }};
  for (auto const& [title, stats] : sections) {
    fmt::format_to(it, "\n{}:\n", title);
    if (!*stats) {
      out += "  No data\n";
      continue;
    }
    const auto values = trace_analysis_impl::stat_rows(**stats);
    for (std::size_t i = 0; i < labels.size(); ++i)
      fmt::format_to(it, "  {:<9}{}\n", labels[i], format_console_number(values[i].second));
  }
  fmt::format_to(it, "{}\n", rule);
  return out;
}

AIPERF_DECL std::string render_trace_analysis_json(analysis_stats const& a) {
  using results::append_json_number;
  std::string out = "{\n";
  auto const key = [&](std::string_view name) { fmt::format_to(std::back_inserter(out), "  \"{}\": ", name); };
  auto const count = [&](std::string_view name, double v) {
    key(name);
    append_json_number(out, v, true);
    out += ",\n";
  };
  auto const number = [&](std::string_view name, double v) {
    key(name);
    append_json_number(out, v);
    out += ",\n";
  };
  count("total_requests", static_cast<double>(a.total_requests));
  count("unique_prefixes", static_cast<double>(a.unique_prefixes));
  count("num_prefix_groups", static_cast<double>(a.num_prefix_groups));
  number("cache_hit_rate", a.cache_hit_rate);
  count("min_isl", static_cast<double>(a.min_isl));
  count("max_isl", static_cast<double>(a.max_isl));
  number("avg_isl", a.avg_isl);
  count("min_osl", static_cast<double>(a.min_osl));
  count("max_osl", static_cast<double>(a.max_osl));
  number("avg_osl", a.avg_osl);
  number("prefix_reuse_ratio", a.prefix_reuse_ratio);
  const std::array<std::pair<std::string_view, std::optional<metric_stats> const*>, 5> sections = {{
      {"isl_stats", &a.isl_stats},
      {"osl_stats", &a.osl_stats},
      {"context_length_stats", &a.context_length_stats},
      {"unique_prompt_length_stats", &a.unique_prompt_length_stats},
      {"hit_rate_stats", &a.hit_rate_stats},
  }};
  for (std::size_t s = 0; s < sections.size(); ++s) {
    key(sections[s].first);
    if (auto const& stats = *sections[s].second) {
      out += "{\n";
      const auto values = trace_analysis_impl::stat_rows(*stats);
      for (std::size_t i = 0; i < values.size(); ++i) {
        fmt::format_to(std::back_inserter(out), "    \"{}\": ", values[i].first);
        append_json_number(out, values[i].second);
        out += i + 1 < values.size() ? ",\n" : "\n";
      }
      out += "  }";
    } else {
      out += "null";
    }
    out += s + 1 < sections.size() ? ",\n" : "\n";
  }
  out += "}\n";
  return out;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
