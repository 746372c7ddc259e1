// SPDX-License-Identifier: Apache-2.0
// aiperf/report/impl/compare.ipp — definitions for compare.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/report/compare.hpp>
#include <aiperf/results/multi_run.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace report {
namespace detail_compare {

/// The member of `distribution` that holds `stat`; nullptr when there is none.
inline double distribution::*member_of(std::string_view stat) noexcept {
  if (stat == "avg") return &distribution::avg;
  if (stat == "min") return &distribution::min;
  if (stat == "max") return &distribution::max;
  if (stat == "std") return &distribution::std;
  for (auto const& p : distribution::percentiles)
    if (p.name == stat) return p.value;
  return nullptr;
}

/// An index in [0, n) from one 64-bit draw: mt19937_64's output is fixed by the standard, so the
/// same seed resamples the same way with every standard library (std::uniform_int_distribution's
/// algorithm is not specified).  The modulo bias, below n / 2^64, is far under any sample size.
inline std::size_t draw_index(std::mt19937_64& rng, std::size_t n) noexcept {
  return static_cast<std::size_t>(rng() % n);
}

/// numpy-linear quantile of sorted `v` at fraction q (the interval's ends).
inline double quantile_sorted(std::vector<double> const& v, double q) {
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace detail_compare

AIPERF_DECL std::string_view to_string(verdict v) noexcept {
  switch (v) {
    case verdict::better: return "better";
    case verdict::worse: return "worse";
    case verdict::within_noise: break;
  }
  return "within_noise";
}

AIPERF_DECL double sample_statistic(std::vector<double> x, std::string_view stat) {
  auto member = detail_compare::member_of(stat);
  if (!member) throw std::invalid_argument(fmt::format("unknown statistic '{}'", stat));
  if (x.empty()) throw std::invalid_argument("a statistic of an empty sample");
  return summarize_values(x).*member;
}

AIPERF_DECL std::vector<interval> bootstrap_difference(std::span<double const> baseline,
                                                       std::span<double const> candidate,
                                                       std::span<std::string_view const> stats,
                                                       bootstrap_options const& options) {
  if (baseline.empty() || candidate.empty()) throw std::invalid_argument("bootstrap of an empty sample");
  if (!(options.confidence > 0 && options.confidence < 1))
    throw std::invalid_argument(fmt::format("confidence must be strictly between 0 and 1, got {}", options.confidence));
  if (options.resamples < 2) throw std::invalid_argument("the bootstrap needs at least 2 resamples");
  std::vector<double distribution::*> members;
  for (auto s : stats) {
    auto m = detail_compare::member_of(s);
    if (!m) throw std::invalid_argument(fmt::format("unknown statistic '{}'", s));
    members.push_back(m);
  }
  std::mt19937_64 rng(options.seed);
  std::vector<std::vector<double>> diffs(members.size(), std::vector<double>(options.resamples));
  std::vector<double> a(baseline.size()), b(candidate.size());
  for (std::size_t r = 0; r < options.resamples; ++r) {
    for (auto& v : a) v = baseline[detail_compare::draw_index(rng, baseline.size())];
    for (auto& v : b) v = candidate[detail_compare::draw_index(rng, candidate.size())];
    const distribution da = summarize_values(a), db = summarize_values(b);
    for (std::size_t k = 0; k < members.size(); ++k) diffs[k][r] = db.*members[k] - da.*members[k];
  }
  const double tail = (1.0 - options.confidence) / 2.0;
  std::vector<interval> out;
  for (auto& d : diffs) {
    std::sort(d.begin(), d.end());
    out.push_back({detail_compare::quantile_sorted(d, tail), detail_compare::quantile_sorted(d, 1.0 - tail)});
  }
  return out;
}

AIPERF_DECL std::size_t slice_count(std::size_t events) noexcept {
  return std::clamp<std::size_t>(events / 10, 10, 200);
}

AIPERF_DECL std::vector<double> slice_rates(std::span<std::int64_t const> event_ns, std::span<double const> amount,
                                            std::int64_t window_start_ns, std::int64_t window_end_ns,
                                            std::size_t slices) {
  if (event_ns.size() != amount.size()) throw std::invalid_argument("slice_rates: one amount per event");
  if (window_end_ns <= window_start_ns || slices == 0) throw std::invalid_argument("slice_rates: an empty window");
  const double width_ns = static_cast<double>(window_end_ns - window_start_ns) / static_cast<double>(slices);
  const double width_s = width_ns / 1e9;
  std::vector<double> rates(slices, 0.0);
  for (std::size_t i = 0; i < event_ns.size(); ++i) {
    // An event on the window's end belongs to the last slice; one outside it is clamped in.
    const double at = static_cast<double>(event_ns[i] - window_start_ns) / width_ns;
    const auto k = static_cast<std::size_t>(std::clamp(at, 0.0, static_cast<double>(slices - 1)));
    rates[k] += amount[i] / width_s;
  }
  return rates;
}

AIPERF_DECL sample_moments moments_of(std::span<double const> values) {
  sample_moments m;
  m.n = values.size();
  if (m.n == 0) return m;
  double sum = 0;
  for (double v : values) sum += v;
  m.mean = sum / static_cast<double>(m.n);
  if (m.n < 2) return m;
  double squares = 0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(squares / static_cast<double>(m.n - 1));
  return m;
}

AIPERF_DECL welch_result welch_interval(sample_moments const& baseline, sample_moments const& candidate,
                                        double confidence) {
  if (baseline.n < 2 || candidate.n < 2)
    throw std::invalid_argument("Welch's interval needs at least two runs on each side");
  welch_result w;
  const double diff = candidate.mean - baseline.mean;
  const double va = baseline.sd * baseline.sd / static_cast<double>(baseline.n);
  const double vb = candidate.sd * candidate.sd / static_cast<double>(candidate.n);
  w.se = std::sqrt(va + vb);
  if (w.se == 0) {
    w.ci = {diff, diff};
    w.df = static_cast<double>(baseline.n + candidate.n - 2);
    w.t_critical = std::numeric_limits<double>::quiet_NaN();
    return w;
  }
  w.df = (va + vb) * (va + vb) /
         (va * va / static_cast<double>(baseline.n - 1) + vb * vb / static_cast<double>(candidate.n - 1));
  const auto df = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(w.df)));
  w.t_critical = results::t_critical_value(confidence, df);
  w.ci = {diff - w.t_critical * w.se, diff + w.t_critical * w.se};
  return w;
}

AIPERF_DECL verdict judge(interval const& ci, double diff, double diff_pct, better_when direction,
                          double min_effect_pct) noexcept {
  if (!ci.excludes_zero()) return verdict::within_noise;
  if (std::isfinite(diff_pct) && std::abs(diff_pct) < min_effect_pct) return verdict::within_noise;
  const bool up = diff > 0;
  return (up == (direction == better_when::higher)) ? verdict::better : verdict::worse;
}

}  // namespace report
}  // namespace v0
}  // namespace aiperf
