// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/multi_run.ipp — definitions for multi_run.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/multi_run.hpp>
#include <aiperf/results/number_format.hpp>
#include <aiperf/results/stat_keys.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace results {
namespace detail_multi_run {

/// Python's repr() of a list of plain strings: "['run_0001', 'run_0002']".
inline std::string python_list_repr(std::vector<std::string> const& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out + "]";
}

/// An aggregate CSV number: `decimals` places, ±inf as inf/-inf, NaN as an empty cell.
inline std::string csv_fixed(double v, int decimals) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{:.{}f}", v, decimals);
}

}  // namespace detail_multi_run

AIPERF_DECL double t_critical_value(double confidence_level, std::size_t degrees_of_freedom) {
  if (!(confidence_level > 0 && confidence_level < 1))
    throw std::invalid_argument(fmt::format("confidence level must be strictly between 0 and 1, got {}", confidence_level));
  if (degrees_of_freedom < 1) throw std::invalid_argument("Student's t needs at least one degree of freedom");
  const double alpha = 1.0 - confidence_level;
  const boost::math::students_t dist(static_cast<double>(degrees_of_freedom));
  return boost::math::quantile(dist, 1.0 - alpha / 2.0);
}

AIPERF_DECL confidence_stats confidence_of(std::span<double const> values, double confidence_level) {
  confidence_stats s;
  s.n = values.size();
  if (values.empty()) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  s.min = *lo;
  s.max = *hi;
  if (s.n < 2) {
    s.ci_low = s.ci_high = s.mean;
    s.t_critical = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.std = std::sqrt(squares / static_cast<double>(s.n - 1));
  // Upstream divides by the signed mean; a zero mean has no relative spread.
  s.cv = s.mean == 0 ? std::numeric_limits<double>::infinity() : s.std / s.mean;
  s.se = s.std / std::sqrt(static_cast<double>(s.n));
  s.t_critical = t_critical_value(confidence_level, s.n - 1);
  s.ci_low = s.mean - s.t_critical * s.se;
  s.ci_high = s.mean + s.t_critical * s.se;
  return s;
}

AIPERF_DECL confidence_aggregate aggregate_runs(std::span<labelled_run const> runs, std::span<failed_run const> failed,
                                                aggregate_options options) {
  if (runs.empty())
    throw std::runtime_error(fmt::format("All runs failed - cannot compute confidence statistics ({} of {} failed)",
                                         failed.size(), options.num_profile_runs));
  confidence_aggregate a;
  a.options = options;
  a.failed.assign(failed.begin(), failed.end());
  for (auto const& r : runs) a.run_labels.push_back(r.label);

  // Keys in first-seen order, each with its values over the runs and the first run's unit.
  struct column {
    std::string key, unit;
    std::vector<double> values;
  };
  std::vector<column> columns;
  for (auto const& run : runs)
    for (metric_result const& m : run.profiling->results)
      for (std::string_view stat : stat_keys) {
        const std::optional<double> v = stat_value(m, stat);
        if (!v) continue;
        const std::string key = m.tag + "_" + std::string(stat);
        auto it = std::find_if(columns.begin(), columns.end(), [&](column const& c) { return c.key == key; });
        if (it == columns.end()) it = columns.insert(columns.end(), column{key, m.unit, {}});
        if (std::isfinite(*v)) it->values.push_back(*v);
      }
  for (auto& c : columns) {
    if (c.values.empty()) continue;
    confidence_stats s = confidence_of(c.values, options.confidence_level);
    s.unit = std::move(c.unit);
    a.metrics.emplace_back(std::move(c.key), std::move(s));
  }
  return a;
}

AIPERF_DECL std::string render_aggregate_json(confidence_aggregate const& a) {
  using aiperf::detail::append_json_string;
  std::string out = "{\n  \"schema_version\": \"1.0\",\n  \"aiperf_version\": ";
  append_json_string(out, version);
  out += ",\n  \"metadata\": {\n    \"aggregation_type\": \"confidence\",\n";
  out += fmt::format("    \"num_profile_runs\": {},\n    \"num_successful_runs\": {},\n    \"failed_runs\": [",
                     a.options.num_profile_runs, a.run_labels.size());
  for (std::size_t i = 0; i < a.failed.size(); ++i) {
    out += i ? ", {\"label\": " : "{\"label\": ";
    append_json_string(out, a.failed[i].label);
    out += ", \"error\": ";
    append_json_string(out, a.failed[i].error);
    out += "}";
  }
  out += "],\n    \"confidence_level\": ";
  append_json_number(out, a.options.confidence_level);
  out += ",\n    \"cooldown_seconds\": ";
  append_json_number(out, a.options.cooldown_seconds);
  out += ",\n    \"run_labels\": [";
  for (std::size_t i = 0; i < a.run_labels.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, a.run_labels[i]);
  }
  out += "]";
  if (a.run_labels.size() == 1) out += ",\n    \"single_run\": true";
  out += "\n  },\n  \"metrics\": {";
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    auto const& [key, s] = a.metrics[i];
    out += i ? ",\n    " : "\n    ";
    append_json_string(out, key);
    out += ": {";
    bool first = true;
    auto field = [&](std::string_view name, double v) {
      if (!std::isfinite(v)) return;  // NaN t_critical of a single value, +inf cv of a zero mean
      out += fmt::format("{}\"{}\": ", first ? "" : ", ", name);
      append_json_number(out, v);
      first = false;
    };
    field("mean", s.mean);
    field("std", s.std);
    field("min", s.min);
    field("max", s.max);
    field("cv", s.cv);
    field("se", s.se);
    field("ci_low", s.ci_low);
    field("ci_high", s.ci_high);
    field("t_critical", s.t_critical);
    out += first ? "\"unit\": " : ", \"unit\": ";
    append_json_string(out, s.unit);
    out += "}";
  }
  out += a.metrics.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

AIPERF_DECL std::string render_aggregate_csv(confidence_aggregate const& a) {
  using detail_multi_run::csv_fixed;
  std::string out = "metric,mean,std,min,max,cv,se,ci_low,ci_high,t_critical,unit\r\n";
  for (auto const& [key, s] : a.metrics)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\r\n", key, csv_fixed(s.mean, 2), csv_fixed(s.std, 2),
                       csv_fixed(s.min, 2), csv_fixed(s.max, 2), csv_fixed(s.cv, 4), csv_fixed(s.se, 4),
                       csv_fixed(s.ci_low, 2), csv_fixed(s.ci_high, 2), csv_fixed(s.t_critical, 4), s.unit);
  out += "\r\n";
  out += "Aggregation Type,confidence\r\n";
  out += fmt::format("Total Runs,{}\r\n", a.options.num_profile_runs);
  out += fmt::format("Successful Runs,{}\r\n", a.run_labels.size());
  out += fmt::format("Confidence Level,{}\r\n", a.options.confidence_level);
  out += "Run Labels,\"" + detail_multi_run::python_list_repr(a.run_labels) + "\"\r\n";
  return out;
}

AIPERF_DECL void write_aggregate_artifacts(confidence_aggregate const& a, std::filesystem::path const& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  write_file_atomically(dir / "profile_export_aiperf_aggregate.json", render_aggregate_json(a));
  write_file_atomically(dir / "profile_export_aiperf_aggregate.csv", render_aggregate_csv(a));
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
