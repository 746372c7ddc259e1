// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/server_metrics.ipp — definitions for server_metrics.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/number_format.hpp>
#include <aiperf/telemetry/server_metrics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace telemetry {
namespace detail_server {

inline bool ends_with(std::string_view s, std::string_view x) noexcept { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }

/// A series' identity: endpoint and labels (histogram `le` excluded), as one string.
inline std::string series_key(std::string_view endpoint, std::vector<label> const& labels) {
  std::string k(endpoint);
  for (auto const& l : labels) {
    if (l.name == "le") continue;
    k += '\x1f';
    k += l.name;
    k += '\x1e';
    k += l.value;
  }
  return k;
}

inline std::vector<label> without_le(std::vector<label> const& labels) {
  std::vector<label> out;
  for (auto const& l : labels)
    if (l.name != "le") out.push_back(l);
  return out;
}

/// Time-ordered points of one series.
struct series_points {
  std::string endpoint_url = {};
  std::vector<label> labels = {};
  std::vector<std::pair<std::int64_t, double>> values = {};  // gauge/counter/unknown
  struct hist_point {
    std::int64_t t = {};
    double sum = 0, count = 0;
    std::vector<std::pair<std::string, double>> buckets = {};  // le text -> cumulative count
  };
  std::vector<hist_point> hist = {};
};

struct metric_points {
  std::string name = {}, help = {};
  metric_type type = metric_type::untyped;
  std::vector<series_points> series = {};
  std::unordered_map<std::string, std::size_t> index = {};
};

inline double le_value(std::string_view le) { return parse_prometheus_float(le).value_or(std::nan("")); }

inline std::string_view type_name(metric_type t) noexcept { return t == metric_type::untyped ? "unknown" : to_string(t); }

}  // namespace detail_server

AIPERF_DECL std::vector<metric_family> select_server_families(std::vector<metric_family> families) {
  using detail_server::ends_with;
  std::vector<metric_family> out;
  for (auto& f : families) {
    if (f.type == metric_type::summary || ends_with(f.name, "_created") || ends_with(f.name, "_uptime") ||
        f.name.find("_uptime_") != std::string::npos)
      continue;
    if (f.samples.empty()) continue;  // HELP/TYPE without samples
    if (f.type == metric_type::counter && ends_with(f.name, "_total")) f.name.resize(f.name.size() - 6);
    // Last sample of each label set wins (a page that repeats a series).
    std::vector<sample> kept;
    for (auto& s : f.samples) {
      auto same = std::find_if(kept.begin(), kept.end(), [&](sample const& k) { return k.name == s.name && k.labels == s.labels; });
      if (same != kept.end()) *same = std::move(s);
      else kept.push_back(std::move(s));
    }
    f.samples = std::move(kept);
    out.push_back(std::move(f));
  }
  return out;
}

AIPERF_DECL std::string_view infer_unit(std::string_view n) noexcept {
  using detail_server::ends_with;
  if (ends_with(n, "request_success")) return "requests";  // vllm:, trtllm_, nv_inference_ ...
  // Longest suffixes first within each group so `_seconds_total` wins over `_total`.
  static constexpr std::pair<std::string_view, std::string_view> table[] = {
      {"_error_count_total", "errors"}, {"_seconds_total", "seconds"}, {"_requests_total", "requests"},
      {"_tokens_total", "tokens"},      {"_errors_total", "errors"},   {"_blocks_total", "blocks"},
      {"_bytes_total", "bytes"},        {"_ms_total", "milliseconds"}, {"_ns_total", "nanoseconds"},
      {"_milliseconds", "milliseconds"}, {"_nanoseconds", "nanoseconds"}, {"_error_count", "errors"},
      {"_block_count", "blocks"},       {"_kilobytes", "kilobytes"},   {"_megabytes", "megabytes"},
      {"_gigabytes", "gigabytes"},      {"_requests", "requests"},     {"_celsius", "celsius"},
      {"_seconds", "seconds"},          {"_percent", "percent"},       {"_tokens", "tokens"},
      {"_errors", "errors"},            {"_blocks", "blocks"},         {"_joules", "joule"},
      {"_watts", "watt"},               {"_bytes", "bytes"},           {"_ratio", "ratio"},
      {"_total", "count"},              {"_count", "count"},           {"_reqs", "requests"},
      {"_perc", "percent"},             {"_gb_s", "gb/s"},             {"_ms", "milliseconds"},
      {"_ns", "nanoseconds"}};
  for (auto const& [suffix, unit] : table)
    if (ends_with(n, suffix)) return unit;
  return {};
}

AIPERF_DECL std::vector<named_stat> gauge_stats(std::vector<double> values) {
  std::vector<named_stat> out;
  if (values.empty()) return out;
  const distribution d = summarize_values(values);
  double sq = 0;
  for (double v : values) sq += (v - d.avg) * (v - d.avg);
  const double sample_std = values.size() > 1 ? std::sqrt(sq / static_cast<double>(values.size() - 1)) : 0.0;
  out = {{"avg", d.avg}, {"min", d.min}, {"max", d.max}, {"std", sample_std}};
  for (auto const& p : distribution::percentiles) out.push_back({p.name, d.*p.value});
  return out;
}

AIPERF_DECL std::optional<counter_growth> counter_delta(std::span<std::pair<std::int64_t, double> const> points,
                                                        std::int64_t start_ns, std::int64_t end_ns) {
  std::optional<std::pair<std::int64_t, double>> ref, last;
  for (auto const& p : points) {
    if (std::isnan(p.second)) continue;
    if (p.first < start_ns) ref = p;
    else if (p.first <= end_ns) {
      if (!ref) ref = p;
      last = p;
    }
  }
  if (!last) return std::nullopt;
  return counter_growth{std::max(0.0, last->second - ref->second), static_cast<double>(last->first - ref->first) / 1e9};
}

AIPERF_DECL double histogram_quantile(double q, std::span<std::pair<double, double> const> b) {
  if (b.empty()) return std::nan("");
  const double total = b.back().second;
  if (!(total > 0)) return std::nan("");
  const double rank = q * total;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i].second < rank) continue;
    if (std::isinf(b[i].first)) return i > 0 ? b[i - 1].first : std::nan("");  // in +Inf: the highest finite bound
    const double lower = i > 0 ? b[i - 1].first : std::min(0.0, b[i].first);
    const double below = i > 0 ? b[i - 1].second : 0.0;
    const double in_bucket = b[i].second - below;
    if (in_bucket <= 0) return b[i].first;
    return lower + (b[i].first - lower) * (rank - below) / in_bucket;
  }
  return b.back().first;
}

AIPERF_DECL std::vector<metric_summary> summarize_server_metrics(std::span<server_scrape const> scrapes,
                                                                 std::int64_t start_ns, std::int64_t end_ns) {
  using namespace detail_server;
  std::vector<metric_points> metrics;
  std::unordered_map<std::string, std::size_t> by_name;
  for (auto const& s : scrapes) {
    for (auto const& f : s.families) {
      auto [it, fresh] = by_name.try_emplace(f.name, metrics.size());
      if (fresh) metrics.push_back({.name = f.name, .help = f.help, .type = f.type});
      metric_points& m = metrics[it->second];
      if (m.help.empty()) m.help = f.help;
      if (m.type != f.type) continue;  // a page that changed a metric's type: keep the first
      auto series_of = [&](std::vector<label> const& labels) -> series_points& {
        auto [si, sfresh] = m.index.try_emplace(series_key(s.endpoint_url, labels), m.series.size());
        if (sfresh) m.series.push_back({.endpoint_url = s.endpoint_url, .labels = without_le(labels)});
        return m.series[si->second];
      };
      if (f.type == metric_type::histogram) {
        // Gather this scrape's point per series, then append it.
        std::map<std::string, series_points::hist_point> now;
        for (auto const& smp : f.samples) {
          auto& hp = now[series_key(s.endpoint_url, smp.labels)];
          hp.t = s.timestamp_ns;
          if (ends_with(smp.name, "_bucket")) {
            if (auto le = smp.label_value("le")) hp.buckets.emplace_back(std::string(*le), smp.value);
          } else if (ends_with(smp.name, "_sum")) {
            hp.sum = smp.value;
          } else if (ends_with(smp.name, "_count")) {
            hp.count = smp.value;
          }
        }
        for (auto const& smp : f.samples) {
          auto node = now.find(series_key(s.endpoint_url, smp.labels));
          if (node == now.end()) continue;
          series_of(smp.labels).hist.push_back(std::move(node->second));
          now.erase(node);
        }
      } else {
        for (auto const& smp : f.samples) series_of(smp.labels).values.emplace_back(s.timestamp_ns, smp.value);
      }
    }
  }

  std::vector<metric_summary> out;
  for (auto& m : metrics) {
    metric_summary ms{.name = m.name, .type = type_name(m.type), .description = m.help};
    // The name as kept first (`vllm:request_success` -> requests), then as served (`x_seconds_total`).
    ms.unit = std::string(infer_unit(m.name));
    if (ms.unit.empty() && m.type == metric_type::counter) ms.unit = std::string(infer_unit(m.name + "_total"));
    for (auto& sp : m.series) {
      series_summary ss{.endpoint_url = sp.endpoint_url, .labels = sp.labels};
      if (m.type == metric_type::counter) {
        auto g = counter_delta(sp.values, start_ns, end_ns);
        if (!g) continue;
        ss.stats = {{"total", g->total}, {"rate", g->seconds > 0 ? g->total / g->seconds : 0.0}};
      } else if (m.type == metric_type::histogram) {
        std::optional<std::size_t> ref, last;
        for (std::size_t i = 0; i < sp.hist.size(); ++i) {
          if (sp.hist[i].t < start_ns) ref = i;
          else if (sp.hist[i].t <= end_ns) {
            if (!ref) ref = i;
            last = i;
          }
        }
        if (!last) continue;
        auto const& a = sp.hist[*ref];
        auto const& b = sp.hist[*last];
        const double count = b.count - a.count, sum = b.sum - a.sum;
        const double secs = static_cast<double>(b.t - a.t) / 1e9;
        if (count <= 0) {
          ss.stats = {{"count", 0, true}};
          std::vector<std::pair<std::string, double>> zeros;
          for (auto const& [le, c] : b.buckets) zeros.emplace_back(le, 0.0);
          ss.buckets = std::move(zeros);
        } else {
          ss.stats = {{"count", count, true},
                      {"sum", sum},
                      {"avg", sum / count},
                      {"count_rate", secs > 0 ? count / secs : 0.0},
                      {"sum_rate", secs > 0 ? sum / secs : 0.0}};
          std::vector<std::pair<std::string, double>> deltas;
          bool negative = false;
          for (auto const& [le, c] : b.buckets) {
            double before = 0;
            for (auto const& [le0, c0] : a.buckets)
              if (le0 == le) before = c0;
            deltas.emplace_back(le, c - before);
            negative = negative || c - before < 0;
          }
          if (!negative) {  // a server restart (negative deltas) withholds buckets and estimates
            std::vector<std::pair<double, double>> cumulative;
            for (auto const& [le, c] : deltas) cumulative.emplace_back(le_value(le), c);
            std::sort(cumulative.begin(), cumulative.end());
            for (auto const& p : distribution::percentiles) {
              static constexpr std::string_view names[] = {"p1_estimate",  "p5_estimate",  "p10_estimate",
                                                           "p25_estimate", "p50_estimate", "p75_estimate",
                                                           "p90_estimate", "p95_estimate", "p99_estimate"};
              const auto k = static_cast<std::size_t>(&p - distribution::percentiles.data());
              ss.stats.push_back({names[k], histogram_quantile(p.q / 100.0, cumulative)});
            }
            ss.buckets = std::move(deltas);
          }
        }
      } else {
        std::vector<double> in_window;
        for (auto const& [t, v] : sp.values)
          if (t >= start_ns && t <= end_ns) in_window.push_back(v);
        if (in_window.empty()) continue;
        ss.stats = gauge_stats(std::move(in_window));
      }
      ms.series.push_back(std::move(ss));
    }
    if (!ms.series.empty()) out.push_back(std::move(ms));
  }
  return out;
}

namespace detail_server {

inline void append_labels_json(std::string& out, std::vector<label> const& labels) {
  out += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ", ";
    aiperf::detail::append_json_string(out, labels[i].name);
    out += ": ";
    aiperf::detail::append_json_string(out, labels[i].value);
  }
  out += '}';
}

inline void append_string_list(std::string& out, std::vector<std::string> const& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    aiperf::detail::append_json_string(out, v[i]);
  }
  out += ']';
}

}  // namespace detail_server

AIPERF_DECL std::string render_server_metrics_json(std::span<server_scrape const> scrapes,
                                                   std::span<metric_summary const> metrics,
                                                   server_metrics_context const& ctx) {
  using aiperf::detail::append_json_string;
  using namespace detail_server;
  std::string out = "{\n  \"schema_version\": \"1.0\",\n  \"aiperf_version\": ";
  append_json_string(out, version);
  out += ",\n  \"benchmark_id\": ";
  append_json_string(out, ctx.benchmark_id);
  out += ",\n  \"summary\": {\n    \"endpoints_configured\": ";
  append_string_list(out, ctx.endpoints_configured);
  out += ",\n    \"endpoints_successful\": ";
  append_string_list(out, ctx.endpoints_successful);
  out += ",\n    \"start_time\": ";
  append_json_string(out, results::iso_local_time(ctx.start_ns));
  out += ",\n    \"end_time\": ";
  append_json_string(out, results::iso_local_time(ctx.end_ns));
  out += ",\n    \"endpoint_info\": {";
  bool first_ep = true;
  for (auto const& ep : ctx.endpoints_successful) {
    std::vector<server_scrape const*> mine;
    for (auto const& s : scrapes)
      if (s.endpoint_url == ep) mine.push_back(&s);
    if (mine.empty()) continue;
    double latency = 0;
    std::vector<std::int64_t> updates;
    for (auto const* s : mine) {
      latency += static_cast<double>(s->endpoint_latency_ns);
      if (s->changed) updates.push_back(s->timestamp_ns);
    }
    std::vector<double> gaps;
    for (std::size_t i = 1; i < updates.size(); ++i) gaps.push_back(static_cast<double>(updates[i] - updates[i - 1]) / 1e6);
    out += first_ep ? "\n      " : ",\n      ";
    first_ep = false;
    append_json_string(out, ep);
    out += fmt::format(": {{\"total_fetches\": {}, \"first_fetch_ns\": {}, \"last_fetch_ns\": {}, \"avg_fetch_latency_ms\": ",
                       mine.size(), mine.front()->timestamp_ns, mine.back()->timestamp_ns);
    results::append_json_number(out, latency / static_cast<double>(mine.size()) / 1e6);
    out += fmt::format(", \"unique_updates\": {}", updates.size());
    if (!updates.empty()) {
      out += fmt::format(", \"first_update_ns\": {}, \"last_update_ns\": {}, \"duration_seconds\": ", updates.front(), updates.back());
      results::append_json_number(out, static_cast<double>(updates.back() - updates.front()) / 1e9);
    }
    if (!gaps.empty()) {
      double total = 0;
      for (double g : gaps) total += g;
      out += ", \"avg_update_interval_ms\": ";
      results::append_json_number(out, total / static_cast<double>(gaps.size()));
      out += ", \"median_update_interval_ms\": ";
      results::append_json_number(out, summarize_values(gaps).p50);
    }
    out += '}';
  }
  out += first_ep ? "}\n  },\n  \"metrics\": {" : "\n    }\n  },\n  \"metrics\": {";
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    auto const& m = metrics[i];
    out += i ? ",\n    " : "\n    ";
    append_json_string(out, m.name);
    out += ": {\"type\": ";
    append_json_string(out, m.type);
    if (!m.description.empty()) {
      out += ", \"description\": ";
      append_json_string(out, m.description);
    }
    if (!m.unit.empty()) {
      out += ", \"unit\": ";
      append_json_string(out, m.unit);
    }
    out += ", \"series\": [";
    for (std::size_t k = 0; k < m.series.size(); ++k) {
      auto const& s = m.series[k];
      out += k ? ",\n      {\"endpoint_url\": " : "\n      {\"endpoint_url\": ";
      append_json_string(out, s.endpoint_url);
      if (!s.labels.empty()) {
        out += ", \"labels\": ";
        append_labels_json(out, s.labels);
      }
      out += ", \"stats\": {";
      for (std::size_t j = 0; j < s.stats.size(); ++j) {
        if (j) out += ", ";
        append_json_string(out, s.stats[j].name);
        out += ": ";
        results::append_json_number(out, s.stats[j].value, s.stats[j].integer);
      }
      out += '}';
      if (s.buckets) {
        out += ", \"buckets\": {";
        for (std::size_t j = 0; j < s.buckets->size(); ++j) {
          if (j) out += ", ";
          append_json_string(out, (*s.buckets)[j].first);
          out += ": ";
          results::append_json_number(out, (*s.buckets)[j].second, true);
        }
        out += '}';
      }
      out += '}';
    }
    out += m.series.empty() ? "]}" : "\n    ]}";
  }
  out += metrics.empty() ? "}" : "\n  }";
  out += ",\n  \"input_config\": " + ctx.input_config_json + "\n}\n";
  return out;
}

namespace detail_server {

inline std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// Floats with 4 decimals, integers as integers (spec §8.2.5).
inline std::string csv_number(double v, bool integer) {
  if (!std::isfinite(v)) return "";
  if (integer && v == std::floor(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.4f}", v);
}

}  // namespace detail_server

AIPERF_DECL std::string render_server_metrics_csv(std::span<metric_summary const> metrics,
                                                  server_metrics_context const& ctx) {
  using namespace detail_server;
  std::string out = fmt::format(
      "# AIPerf Server Metrics Export (CSV)\r\n# aiperf_version: {}\r\n# schema_version: 1.0\r\n# benchmark_id: {}\r\n"
      "# Note: statistics cover the profiling window; counters and histograms are deltas over it\r\n#\r\n",
      version, ctx.benchmark_id);
  struct section {
    std::string_view type = {};
    std::vector<std::string_view> stats = {};
  };
  const std::vector<section> sections = {
      {"gauge", {"avg", "min", "max", "std", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"}},
      {"counter", {"total", "rate", "rate_avg", "rate_min", "rate_max", "rate_std"}},
      {"histogram",
       {"count", "count_rate", "sum", "sum_rate", "avg", "p1_estimate", "p5_estimate", "p10_estimate", "p25_estimate",
        "p50_estimate", "p75_estimate", "p90_estimate", "p95_estimate", "p99_estimate"}},
      {"unknown", {"avg", "min", "max", "std", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"}}};
  auto is_info = [](metric_summary const& m) { return m.name.size() > 5 && m.name.ends_with("_info"); };
  bool first_section = true;
  for (auto const& sec : sections) {
    std::vector<std::pair<metric_summary const*, series_summary const*>> rows;
    std::vector<std::string> label_keys;
    for (auto const& m : metrics) {
      if (m.type != sec.type || is_info(m)) continue;
      for (auto const& s : m.series) {
        rows.emplace_back(&m, &s);
        for (auto const& l : s.labels)
          if (std::find(label_keys.begin(), label_keys.end(), l.name) == label_keys.end()) label_keys.push_back(l.name);
      }
    }
    if (rows.empty()) continue;
    // Clustered by label pattern, then name and endpoint.
    auto pattern = [](series_summary const* s) {
      std::string p;
      for (auto const& l : s->labels) p += l.name + ",";
      return p;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](auto const& a, auto const& b) {
      return std::tuple(pattern(a.second), a.first->name, a.second->endpoint_url) <
             std::tuple(pattern(b.second), b.first->name, b.second->endpoint_url);
    });
    if (!first_section) out += "\r\n";
    first_section = false;
    out += "Endpoint,Type,Metric,Unit";
    for (auto st : sec.stats) out += fmt::format(",{}", st);
    for (auto const& k : label_keys) out += "," + csv_cell(k);
    out += ",Description";
    if (sec.type == "histogram") out += ",buckets";
    out += "\r\n";
    for (auto const& [m, s] : rows) {
      out += csv_cell(s->endpoint_url) + "," + std::string(m->type) + "," + csv_cell(m->name) + "," + csv_cell(m->unit);
      for (auto st : sec.stats) {
        out += ',';
        for (auto const& v : s->stats)
          if (v.name == st) out += csv_number(v.value, v.integer);
      }
      for (auto const& k : label_keys) {
        out += ',';
        for (auto const& l : s->labels)
          if (l.name == k) out += csv_cell(l.value);
      }
      out += "," + csv_cell(m->description);
      if (sec.type == "histogram") {
        std::string b;
        if (s->buckets)
          for (auto const& [le, c] : *s->buckets) b += fmt::format("{}{}={}", b.empty() ? "" : ";", le, csv_number(c, true));
        out += "," + csv_cell(b);
      }
      out += "\r\n";
    }
  }
  bool info_header = false;
  for (auto const& m : metrics) {
    if (!is_info(m)) continue;
    for (auto const& s : m.series) {
      if (!info_header) {
        out += first_section ? "" : "\r\n";
        out += "Endpoint,Metric,Key,Value,Description\r\n";
        info_header = true;
      }
      for (auto const& l : s.labels)
        out += csv_cell(s.endpoint_url) + "," + csv_cell(m.name) + "," + csv_cell(l.name) + "," + csv_cell(l.value) + "," +
               csv_cell(m.description) + "\r\n";
    }
  }
  return out;
}

AIPERF_DECL void append_server_scrape_jsonl(std::string& out, server_scrape const& s) {
  using aiperf::detail::append_json_string;
  using namespace detail_server;
  out += "{\"endpoint_url\":";
  append_json_string(out, s.endpoint_url);
  out += fmt::format(",\"timestamp_ns\":{},\"endpoint_latency_ns\":{},\"metrics\":{{", s.timestamp_ns, s.endpoint_latency_ns);
  for (std::size_t i = 0; i < s.families.size(); ++i) {
    auto const& f = s.families[i];
    if (i) out += ',';
    append_json_string(out, f.name);
    out += ":[";
    auto number = [&](double v) {
      // JSONL values are floats as AIPerf writes them ("12.0").
      if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) out += fmt::format("{:.1f}", v);
      else results::append_json_number(out, v);
    };
    if (f.type == metric_type::histogram) {
      std::map<std::string, std::size_t> order;  // series key -> position in `points`
      struct point {
        std::vector<label> labels = {};
        std::vector<std::pair<std::string, double>> buckets = {};
        double sum = 0, count = 0;
      };
      std::vector<point> points;
      for (auto const& smp : f.samples) {
        auto [it, fresh] = order.try_emplace(series_key("", smp.labels), points.size());
        if (fresh) points.push_back({.labels = without_le(smp.labels)});
        point& p = points[it->second];
        if (smp.name.ends_with("_bucket")) {
          if (auto le = smp.label_value("le")) p.buckets.emplace_back(std::string(*le), smp.value);
        } else if (smp.name.ends_with("_sum")) {
          p.sum = smp.value;
        } else if (smp.name.ends_with("_count")) {
          p.count = smp.value;
        }
      }
      for (std::size_t k = 0; k < points.size(); ++k) {
        if (k) out += ',';
        out += '{';
        if (!points[k].labels.empty()) {
          out += "\"labels\":";
          append_labels_json(out, points[k].labels);
          out += ',';
        }
        out += "\"buckets\":{";
        for (std::size_t j = 0; j < points[k].buckets.size(); ++j) {
          if (j) out += ',';
          append_json_string(out, points[k].buckets[j].first);
          out += ':';
          number(points[k].buckets[j].second);
        }
        out += "},\"sum\":";
        number(points[k].sum);
        out += ",\"count\":";
        number(points[k].count);
        out += '}';
      }
    } else {
      for (std::size_t k = 0; k < f.samples.size(); ++k) {
        if (k) out += ',';
        out += '{';
        if (!f.samples[k].labels.empty()) {
          out += "\"labels\":";
          append_labels_json(out, f.samples[k].labels);
          out += ',';
        }
        out += "\"value\":";
        number(f.samples[k].value);
        out += '}';
      }
    }
    out += ']';
  }
  out += fmt::format("}},\"request_sent_ns\":{},\"first_byte_ns\":{}}}", s.request_sent_ns, s.first_byte_ns);
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
