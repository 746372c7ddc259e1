// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/collector.ipp — definitions for collector.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/metrics/flags.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/exporters.hpp>

#include <fmt/format.h>
#include <range/v3/algorithm/count.hpp>
#include <range/v3/algorithm/none_of.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/transform.hpp>
#include <range/v3/view/zip.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace results {

AIPERF_DECL collector::collector(record_evaluator evaluator, collector_options options)
    : eval_(std::move(evaluator)), opts_(std::move(options)) {
  const std::size_t n = eval_.metrics.size();
  for (phase_store* p : {&profiling_, &warmup_}) {
    p->columns.resize(n);
    p->lists.resize(n);
    p->list_ends.resize(n);
  }
  scalars_.assign(n, std::numeric_limits<double>::quiet_NaN());
  lists_.resize(n);
  for (auto const& slo : opts_.goodput) {
    const std::size_t i = index_of(slo.tag);
    if (i == n || eval_.metrics[i].list || (eval_.metrics[i].flags & (metrics::error_only | metrics::fidelity)))
      throw std::invalid_argument("Unknown metric tag in --goodput: " + slo.tag);
    if (((eval_.metrics[i].flags & metrics::streaming_only) && !opts_.streaming) ||
        ((eval_.metrics[i].flags & metrics::produces_tokens_only) && !opts_.produces_tokens))
      throw std::invalid_argument("Invalid --goodput: metric(s) ['" + slo.tag +
                                  "'] are not applicable to the current endpoint/configuration.");
    slos_.push_back({i, slo.threshold, (eval_.metrics[i].flags & metrics::larger_is_better) != 0});
  }
  usage_diff_metrics_[0] = index_of("usage_prompt_tokens_diff_pct");
  usage_diff_metrics_[1] = index_of("usage_completion_tokens_diff_pct");
  usage_diff_metrics_[2] = index_of("usage_reasoning_tokens_diff_pct");
  osl_metric_ = index_of("output_sequence_length");
  osl_mismatch_metric_ = index_of("osl_mismatch_diff_pct");
}

AIPERF_DECL collector::~collector() = default;

AIPERF_DECL std::size_t collector::index_of(std::string_view tag) const noexcept {
  std::size_t i = 0;
  while (i < eval_.metrics.size() && eval_.metrics[i].tag != tag) ++i;
  return i;
}

AIPERF_DECL void collector::begin(clock_anchor anchor, std::vector<conversation> const* conversations) {
  anchor_ = anchor;
  conversations_ = conversations;
  if (!opts_.jsonl_path.empty() && !jsonl_.is_open()) jsonl_.open(opts_.jsonl_path);
}

AIPERF_DECL void collector::add(request_record const& r) {
  eval_.evaluate(r, scalars_.data(), lists_.data());
  ++added_;
  if (jsonl_.is_open()) {
    line_.clear();
    std::string_view id;
    if (conversations_ && r.conversation_index < conversations_->size()) id = (*conversations_)[r.conversation_index].id;
    append_jsonl_record(line_, r, eval_.metrics, scalars_.data(), lists_.data(), id, anchor_, opts_.streaming);
    line_ += '\n';
    jsonl_.append(line_);
  }

  phase_store& p = r.phase == benchmark_phase::profiling ? profiling_ : warmup_;
  const bool ok = r.ok();
  for (std::size_t i = 0; i < eval_.metrics.size(); ++i) {
    if (eval_.metrics[i].list) {
      if (ok) p.lists[i].insert(p.lists[i].end(), lists_[i].begin(), lists_[i].end());
      p.list_ends[i].push_back(p.lists[i].size());
    } else {
      p.columns[i].push_back(scalars_[i]);
    }
  }
  bool good = !slos_.empty() && ok;
  for (auto const& slo : slos_) {
    const double v = scalars_[slo.metric] * eval_.metrics[slo.metric].scale;  // SLOs are in display units
    if (std::isnan(v) || (slo.lower_bound ? v < slo.threshold : v > slo.threshold)) {
      good = false;
      break;
    }
  }
  check_discrepancies(p, r);
  p.ok.push_back(ok);
  p.good.push_back(good);
  p.start_wall_ns.push_back(r.wall_start_ns);
  const std::ptrdiff_t last = r.last_content();
  p.end_wall_ns.push_back(anchor_.to_wall(last >= 0 ? r.chunks[static_cast<std::size_t>(last)].recv_ns : r.end_ns));
  p.request_end_wall_ns.push_back(anchor_.to_wall(r.end_ns));
  if (!ok) ++p.errors[{r.error->code, r.error->type, r.error->message}];
}

AIPERF_DECL void collector::check_discrepancies(phase_store& p, request_record const& r) const {
  const std::size_t n = eval_.metrics.size();
  std::uint8_t usage = not_compared, osl = not_compared;
  if (r.ok()) {
    for (std::size_t i : usage_diff_metrics_) {
      if (i == n || std::isnan(scalars_[i])) continue;
      if (usage == not_compared) usage = within;
      if (scalars_[i] > opts_.usage_pct_diff_threshold) usage = beyond;
    }
    if (osl_mismatch_metric_ < n && osl_metric_ < n && r.max_tokens > 0 && !std::isnan(scalars_[osl_metric_])) {
      const double requested = static_cast<double>(r.max_tokens);
      const double allowed =
          std::min(requested * opts_.osl_mismatch_pct_threshold / 100.0, opts_.osl_mismatch_max_token_threshold);
      osl = std::abs(scalars_[osl_metric_] - requested) > allowed ? beyond : within;
    }
  }
  p.usage_check.push_back(usage);
  p.osl_check.push_back(osl);
}

AIPERF_DECL phase_summary collector::summarize(phase_store const& p, bool with_goodput,
                                               std::optional<double> window_s) const {
  using namespace metrics;
  phase_summary s;
  const std::size_t n = p.ok.size();
  std::int64_t min_start = 0, max_end = 0;
  std::size_t good = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!p.ok[k]) {
      ++s.failed;
      continue;
    }
    ++s.ok;
    if (s.ok == 1 || p.start_wall_ns[k] < min_start) min_start = p.start_wall_ns[k];
    if (s.ok == 1 || p.end_wall_ns[k] > max_end) max_end = p.end_wall_ns[k];
    good += p.good[k];
  }
  for (auto const& [key, count] : p.errors)
    s.errors.push_back({error_info{std::get<0>(key), std::get<1>(key), std::get<2>(key)}, count});
  // Most frequent first; ties keep the map's (code, type, message) order, so output is stable.
  std::stable_sort(s.errors.begin(), s.errors.end(), [](auto const& a, auto const& b) { return a.count > b.count; });

  // Record metrics: distributions over the successful records that have a value (failed ones
  // for error-only metrics).
  // records -> the ones a metric is about -> its values: a metric column zipped with the
  // records' outcomes, filtered, projected.
  auto values_of = [&](std::size_t i, bool of_failed) {
    namespace rv = ranges::views;
    return rv::zip(p.ok, p.columns[i]) |
           rv::filter([of_failed](auto const& rec) { return static_cast<bool>(rec.first) != of_failed && !std::isnan(rec.second); }) |
           rv::transform([](auto const& rec) { return rec.second; });
  };
  auto column_total = [&](std::string_view tag, bool& any, bool of_failed = false) {
    const std::size_t i = index_of(tag);
    double total = 0;
    any = false;
    if (i == eval_.metrics.size() || eval_.metrics[i].list) return total;
    for (double v : values_of(i, of_failed)) total += v * eval_.metrics[i].scale, any = true;
    return total;
  };
  for (std::size_t i = 0; i < eval_.metrics.size(); ++i) {
    metric_descriptor const& m = eval_.metrics[i];
    if ((m.flags & streaming_only) && !opts_.streaming) continue;
    if ((m.flags & produces_tokens_only) && !opts_.produces_tokens) continue;
    std::vector<double> xs = m.list ? p.lists[i] : values_of(i, (m.flags & error_only) != 0) | ranges::to<std::vector>();
    if (xs.empty()) continue;
    s.results.push_back(
        {m.tag, m.header, m.unit, summarize_values(xs).scaled(m.scale), std::nullopt, m.integer, m.display_order, m.flags});
  }

  // Aggregates and derived values (§3.3, §3.4; rates over the benchmark duration, §2.6).  The
  // totals exist when the metric they add up is in the set.
  auto scalar = [&](std::string tag, std::string header, std::string unit, double value, int order,
                    std::uint32_t flags = 0, bool integer = false) {
    s.results.push_back({std::move(tag), std::move(header), std::move(unit), std::nullopt, value, integer, order, flags});
  };
  bool any_isl = false, any_osl = false, any_out = false, any_reasoning = false;
  const double total_isl = column_total("input_sequence_length", any_isl);
  const double total_osl = column_total("output_sequence_length", any_osl);
  const double total_out = column_total("output_token_count", any_out);
  const double total_reasoning = column_total("reasoning_token_count", any_reasoning);
  if (window_s) {
    if (*window_s > 0) s.duration_s = *window_s;
  } else if (s.ok > 0 && max_end > min_start) {
    s.duration_s = static_cast<double>(max_end - min_start) / 1e9;
  }
  if (s.ok > 0) scalar("request_count", "Request Count", "requests", static_cast<double>(s.ok), 1100, 0, true);
  if (s.failed > 0)
    scalar("error_request_count", "Error Request Count", "requests", static_cast<double>(s.failed), 0, hidden, true);
  scalar("completed_request_count", "Completed Requests (Success + Error)", "requests",
         static_cast<double>(s.ok + s.failed), 1075, 0, true);
  if (s.ok > 0)
    scalar("request_error_rate", "Request Error Rate", "%",
           100.0 * static_cast<double>(s.failed) / static_cast<double>(s.ok + s.failed), 1080);
  if (s.duration_s) {
    const double d = *s.duration_s;
    scalar("request_throughput", "Request Throughput", "requests/sec", static_cast<double>(s.ok) / d, 900);
    if (any_osl) scalar("output_token_throughput", "Output Token Throughput", "tokens/sec", total_osl / d, 800);
    if (any_isl) scalar("input_token_throughput", "Input Token Throughput", "tokens/sec", total_isl / d, 805, hidden);
    if (any_isl || any_osl)
      scalar("total_token_throughput", "Total Token Throughput", "tokens/sec", (total_isl + total_osl) / d, 0, hidden);
    if (with_goodput) scalar("goodput", "Goodput", "requests/sec", static_cast<double>(good) / d, 1000);
    scalar("benchmark_duration", "Benchmark Duration", "sec", d, 0, hidden);
  }
  if (with_goodput)
    scalar("good_request_count", "Good Request Count", "requests", static_cast<double>(good), 0, hidden, true);
  if (any_isl) scalar("total_isl", "Total Input Sequence Length", "tokens", total_isl, 0, hidden, true);
  if (any_osl) scalar("total_osl", "Total Output Sequence Length", "tokens", total_osl, 0, hidden, true);
  if (any_out) scalar("total_output_tokens", "Total Output Tokens", "tokens", total_out, 0, hidden, true);
  if (any_reasoning) scalar("total_reasoning_tokens", "Total Reasoning Tokens", "tokens", total_reasoning, 0, hidden, true);
  bool any_error_isl = false;
  const double total_error_isl = column_total("error_isl", any_error_isl, true);
  if (any_error_isl)
    scalar("total_error_isl", "Total Error Input Sequence Length", "tokens", total_error_isl, 0, hidden | error_only, true);
  // Spec §3.5: the server's own counts, summed over the successful requests that carried them.
  static constexpr std::string_view usage_fields[] = {"prompt_tokens", "completion_tokens", "reasoning_tokens", "total_tokens"};
  static constexpr std::string_view usage_headers[] = {"Prompt Tokens", "Completion Tokens", "Reasoning Tokens", "Total Tokens"};
  static constexpr int usage_orders[] = {2000, 2100, 2110, 2200};
  for (std::size_t u = 0; u < std::size(usage_fields); ++u) {
    bool any = false;
    const double total = column_total(fmt::format("usage_{}", usage_fields[u]), any);
    if (any)
      scalar(fmt::format("total_usage_{}", usage_fields[u]), fmt::format("Total Usage {}", usage_headers[u]), "tokens",
             total, usage_orders[u], hidden, true);
  }
  // Spec §3.6-§3.7: how many successful records were off by more than the thresholds, when any
  // could be compared at all.
  auto beyond_count = [&](std::vector<std::uint8_t> const& checks) -> std::optional<double> {
    if (ranges::none_of(checks, [](std::uint8_t c) { return c != not_compared; })) return std::nullopt;
    return static_cast<double>(ranges::count(checks, beyond));
  };
  if (auto n_usage = beyond_count(p.usage_check))
    scalar("usage_discrepancy_count", "Usage Discrepancy Count", "requests", *n_usage, 0, hidden, true);
  if (auto n_osl = beyond_count(p.osl_check))
    scalar("osl_mismatch_count", "OSL Mismatch Count", "requests", *n_osl, 0, hidden, true);

  // Export order: AIPerf's declared fields first (spec §6.6), then the rest as computed.
  static constexpr std::string_view declared[] = {
      "request_throughput", "request_latency", "request_count", "time_to_first_token", "time_to_second_token",
      "inter_token_latency", "output_token_throughput", "output_token_throughput_per_user", "output_sequence_length",
      "input_sequence_length", "goodput", "good_request_count", "output_token_count", "reasoning_token_count",
      "inter_chunk_latency", "total_output_tokens", "total_reasoning_tokens", "benchmark_duration", "total_isl",
      "total_osl", "error_request_count", "error_isl"};
  auto rank = [](std::string const& tag) {
    for (std::size_t i = 0; i < std::size(declared); ++i)
      if (declared[i] == tag) return static_cast<int>(i);
    return static_cast<int>(std::size(declared));
  };
  std::stable_sort(s.results.begin(), s.results.end(),
                   [&](auto const& a, auto const& b) { return rank(a.tag) < rank(b.tag); });
  return s;
}

AIPERF_DECL std::vector<timeslice> collector::timeslices(std::int64_t slice_ns) const {
  if (slice_ns <= 0) throw std::invalid_argument("--slice-duration: must be greater than 0");
  phase_store const& p = profiling_;
  const std::size_t n = p.start_wall_ns.size();
  std::vector<timeslice> out;
  if (n == 0) return out;
  // Spec §2.7: slices start at the first request; the extent reaches the last start or end.
  const std::int64_t min_ts = *std::min_element(p.start_wall_ns.begin(), p.start_wall_ns.end());
  const std::int64_t max_ts = std::max(*std::max_element(p.start_wall_ns.begin(), p.start_wall_ns.end()),
                                       *std::max_element(p.request_end_wall_ns.begin(), p.request_end_wall_ns.end()));
  const auto slices = static_cast<std::size_t>((max_ts - min_ts) / slice_ns) + 1;
  std::vector<std::vector<std::size_t>> members(slices);
  for (std::size_t k = 0; k < n; ++k)
    members[static_cast<std::size_t>((p.start_wall_ns[k] - min_ts) / slice_ns)].push_back(k);

  for (std::size_t b = 0; b < slices; ++b) {
    if (members[b].empty()) continue;  // the list stays dense: position is order
    phase_store part;
    const std::size_t m = eval_.metrics.size();
    part.columns.resize(m);
    part.lists.resize(m);
    part.list_ends.resize(m);
    for (std::size_t k : members[b]) {
      for (std::size_t i = 0; i < m; ++i) {
        if (eval_.metrics[i].list) {
          const std::size_t from = k == 0 ? 0 : p.list_ends[i][k - 1];
          part.lists[i].insert(part.lists[i].end(), p.lists[i].begin() + static_cast<std::ptrdiff_t>(from),
                               p.lists[i].begin() + static_cast<std::ptrdiff_t>(p.list_ends[i][k]));
        } else {
          part.columns[i].push_back(p.columns[i][k]);
        }
      }
      part.ok.push_back(p.ok[k]);
      part.good.push_back(p.good[k]);
      part.start_wall_ns.push_back(p.start_wall_ns[k]);
      part.end_wall_ns.push_back(p.end_wall_ns[k]);
      part.request_end_wall_ns.push_back(p.request_end_wall_ns[k]);
      part.usage_check.push_back(p.usage_check[k]);
      part.osl_check.push_back(p.osl_check[k]);
    }
    timeslice t;
    t.start_ns = min_ts + static_cast<std::int64_t>(b) * slice_ns;
    t.end_ns = t.start_ns + slice_ns;
    if (t.end_ns > max_ts) {  // the last slice is clipped to the run's extent
      t.end_ns = max_ts;
      t.is_complete = false;
    }
    t.summary = summarize(part, !slos_.empty(), static_cast<double>(t.end_ns - t.start_ns) / 1e9);
    out.push_back(std::move(t));
  }
  return out;
}

AIPERF_DECL run_summary collector::finish(run_info info) {
  jsonl_.close();
  run_summary out;
  if (auto err = jsonl_.error()) out.artifact_errors.push_back(std::move(*err));
  out.thresholds = {opts_.usage_pct_diff_threshold, opts_.osl_mismatch_pct_threshold,
                    opts_.osl_mismatch_max_token_threshold};
  out.profiling = summarize(profiling_, !slos_.empty());
  out.warmup = summarize(warmup_, false);
  out.info = std::move(info);
  return out;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
