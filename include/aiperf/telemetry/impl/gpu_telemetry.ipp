// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/gpu_telemetry.ipp — definitions for gpu_telemetry.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/results/console_table.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/number_format.hpp>
#include <aiperf/telemetry/gpu_telemetry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

AIPERF_DECL std::span<gpu_field const> gpu_fields() noexcept {
  static constexpr std::array<gpu_field, 12> fields = {{
      {"DCGM_FI_DEV_POWER_USAGE", "nvidia_power_usage", "NVIDIA GPU Power Usage", "W", 1.0, false},
      {"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "nvidia_energy_consumption", "NVIDIA Energy Consumption", "MJ", 1e-9, true},
      {"DCGM_FI_DEV_GPU_UTIL", "nvidia_gpu_utilization", "NVIDIA GPU Utilization", "%", 1.0, false},
      {"DCGM_FI_DEV_MEM_COPY_UTIL", "nvidia_memory_utilization", "NVIDIA Memory Utilization", "%", 1.0, false},
      {"DCGM_FI_DEV_FB_USED", "nvidia_memory_used", "NVIDIA GPU Memory Used", "GB", 1.048576e-3, false},
      {"DCGM_FI_DEV_GPU_TEMP", "nvidia_temperature", "NVIDIA GPU Temperature", "°C", 1.0, false},
      {"DCGM_FI_DEV_ENC_UTIL", "nvidia_encoder_utilization", "NVIDIA Encoder Utilization", "%", 1.0, false},
      {"DCGM_FI_DEV_DEC_UTIL", "nvidia_decoder_utilization", "NVIDIA Decoder Utilization", "%", 1.0, false},
      {"", "nvidia_jpg_utilization", "NVIDIA JPEG Utilization", "%", 1.0, false},
      {"DCGM_FI_PROF_SM_ACTIVE", "nvidia_sm_utilization", "NVIDIA SM Utilization", "%", 100.0, false},
      {"DCGM_FI_DEV_XID_ERRORS", "nvidia_xid_errors", "NVIDIA XID Errors", "count", 1.0, true},
      {"DCGM_FI_DEV_POWER_VIOLATION", "nvidia_power_violation", "NVIDIA Power Violation", "us", 1e-3, true},
  }};
  return fields;
}


AIPERF_DECL std::vector<gpu_record> parse_dcgm(std::vector<metric_family> const& families, std::string_view source,
                                               std::int64_t timestamp_ns) {
  std::map<int, gpu_record> by_gpu;
  for (auto const& f : families) {
    for (auto const& s : f.samples) {
      std::string_view name = s.name;
      if (name.ends_with("_total")) name.remove_suffix(6);
      gpu_field const* field = nullptr;
      for (auto const& g : gpu_fields())
        if (!g.dcgm.empty() && g.dcgm == name) field = &g;
      if (!field || std::isnan(s.value)) continue;
      auto gpu = s.label_value("gpu");
      int index = 0;
      if (!gpu || gpu->empty()) continue;
      auto [end, ec] = std::from_chars(gpu->data(), gpu->data() + gpu->size(), index);
      if (ec != std::errc{} || end != gpu->data() + gpu->size()) continue;
      gpu_record& r = by_gpu[index];
      if (r.source.empty()) {
        r.timestamp_ns = timestamp_ns;
        r.source = std::string(source);
        r.gpu_index = index;
      }
      auto meta = [&](std::string& into, std::string_view key) {
        if (auto v = s.label_value(key); v && into.empty()) into = std::string(*v);
      };
      meta(r.gpu_uuid, "UUID");
      meta(r.gpu_model_name, "modelName");
      meta(r.pci_bus_id, "pci_bus_id");
      meta(r.device, "device");
      meta(r.hostname, "Hostname");
      meta(r.namespace_, "namespace");
      meta(r.pod_name, "pod");
      r.values.emplace_back(field->name, s.value * field->scale);
    }
  }
  std::vector<gpu_record> out;
  for (auto& [i, r] : by_gpu) out.push_back(std::move(r));
  return out;
}

AIPERF_DECL std::string endpoint_display(std::string_view source) {
  if (!source.starts_with("http://") && !source.starts_with("https://")) return std::string(source);
  source.remove_prefix(source.find("//") + 2);
  return std::string(source.substr(0, source.find('/')));
}

AIPERF_DECL std::vector<gpu_summary> summarize_gpus(std::span<gpu_record const> records, std::int64_t start_ns,
                                                    std::int64_t end_ns) {
  struct acc {
    gpu_summary summary = {};
    std::map<std::string_view, std::vector<std::pair<std::int64_t, double>>> points = {};
  };
  std::vector<acc> gpus;
  for (auto const& r : records) {
    const std::string id = r.gpu_uuid.empty() ? std::to_string(r.gpu_index) : r.gpu_uuid;
    auto it = std::find_if(gpus.begin(), gpus.end(), [&](acc const& a) {
      return a.summary.source == r.source &&
             (a.summary.gpu_uuid.empty() ? std::to_string(a.summary.gpu_index) : a.summary.gpu_uuid) == id;
    });
    if (it == gpus.end()) {
      gpus.push_back({.summary = {.source = r.source, .gpu_index = r.gpu_index, .gpu_name = r.gpu_model_name,
                                  .gpu_uuid = r.gpu_uuid, .platform = r.platform, .hostname = r.hostname,
                                  .namespace_ = r.namespace_, .pod_name = r.pod_name}});
      it = gpus.end() - 1;
    }
    for (auto const& [name, v] : r.values) it->points[name].emplace_back(r.timestamp_ns, v);
  }
  std::vector<gpu_summary> out;
  for (auto& a : gpus) {
    for (auto const& f : gpu_fields()) {  // the table's order
      auto p = a.points.find(f.name);
      if (p == a.points.end()) continue;
      if (f.counter) {
        if (auto g = counter_delta(p->second, start_ns, end_ns)) a.summary.metrics.push_back({&f, {{"avg", g->total}}});
        continue;
      }
      std::vector<double> in_window;
      for (auto const& [t, v] : p->second)
        if (t >= start_ns && t <= end_ns && !std::isnan(v)) in_window.push_back(v);
      if (in_window.empty()) continue;
      double sum = 0;
      for (double v : in_window) sum += v;
      const double n = static_cast<double>(in_window.size());
      auto stats = gauge_stats(std::move(in_window));
      stats.push_back({"sum", sum});
      stats.push_back({"count", n, true});
      a.summary.metrics.push_back({&f, std::move(stats)});
    }
    out.push_back(std::move(a.summary));
  }
  return out;
}

namespace detail_gpu {
inline double stat(gpu_summary::field_stats const& m, std::string_view name) {
  for (auto const& s : m.stats)
    if (s.name == name) return s.value;
  return std::nan("");
}
inline std::string metric_label(gpu_field const& f) { return fmt::format("{} ({})", f.display, f.unit); }
}  // namespace detail_gpu

AIPERF_DECL std::string render_telemetry_data_json(std::span<gpu_summary const> gpus, gpu_telemetry_context const& ctx) {
  using aiperf::detail::append_json_string;
  auto list = [&](std::vector<std::string> const& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) s += ", ";
      append_json_string(s, v[i]);
    }
    return s + "]";
  };
  std::string out = "{\n    \"summary\": {\n      \"endpoints_configured\": " + list(ctx.endpoints_configured) +
                    ",\n      \"endpoints_successful\": " + list(ctx.endpoints_successful) + ",\n      \"start_time\": ";
  append_json_string(out, results::iso_local_time(ctx.start_ns));
  out += ",\n      \"end_time\": ";
  append_json_string(out, results::iso_local_time(ctx.end_ns));
  out += "\n    },\n    \"endpoints\": {";
  std::vector<std::string> sources;
  for (auto const& g : gpus)
    if (std::find(sources.begin(), sources.end(), g.source) == sources.end()) sources.push_back(g.source);
  for (std::size_t e = 0; e < sources.size(); ++e) {
    out += e ? ",\n      " : "\n      ";
    append_json_string(out, endpoint_display(sources[e]));
    out += ": {\n        \"gpus\": {";
    bool first = true;
    for (auto const& g : gpus) {
      if (g.source != sources[e]) continue;
      out += first ? "\n          " : ",\n          ";
      first = false;
      out += fmt::format("\"gpu_{}\": {{\n            \"gpu_index\": {}, \"gpu_name\": ", g.gpu_index, g.gpu_index);
      append_json_string(out, g.gpu_name);
      out += ", \"gpu_uuid\": ";
      append_json_string(out, g.gpu_uuid);
      out += ", \"platform\": ";
      append_json_string(out, g.platform);
      out += ", \"hostname\": ";
      append_json_string(out, g.hostname);
      if (!g.namespace_.empty()) {
        out += ", \"namespace\": ";
        append_json_string(out, g.namespace_);
      }
      if (!g.pod_name.empty()) {
        out += ", \"pod_name\": ";
        append_json_string(out, g.pod_name);
      }
      out += ",\n            \"metrics\": {";
      for (std::size_t k = 0; k < g.metrics.size(); ++k) {
        auto const& m = g.metrics[k];
        out += k ? ",\n              " : "\n              ";
        append_json_string(out, m.field->name);
        out += ": {";
        auto put = [&](std::string_view name, bool integer = false) {
          const double v = detail_gpu::stat(m, name);
          if (std::isnan(v)) return;
          out += fmt::format("\"{}\": ", name);
          results::append_json_number(out, v, integer);
          out += ", ";
        };
        put("avg");
        if (!m.field->counter) {
          put("min");
          put("max");
          for (auto const& p : distribution::percentiles) put(p.name);
          put("std");
          put("count", true);
        }
        out += "\"unit\": ";
        append_json_string(out, m.field->unit);
        out += '}';
      }
      out += g.metrics.empty() ? "}\n          }" : "\n            }\n          }";
    }
    out += first ? "}\n      }" : "\n        }\n      }";
  }
  out += sources.empty() ? "},\n    \"error_summary\": [" : "\n    },\n    \"error_summary\": [";
  for (std::size_t i = 0; i < ctx.errors.size(); ++i) {
    if (i) out += ", ";
    out += "{\"error_details\": {\"type\": \"TelemetryError\", \"message\": ";
    append_json_string(out, ctx.errors[i]);
    out += "}, \"count\": 1}";
  }
  out += "]\n  }";
  return out;
}

AIPERF_DECL std::string render_telemetry_csv(std::span<gpu_summary const> gpus) {
  if (gpus.empty()) return {};
  bool host = false, ns = false, pod = false;
  for (auto const& g : gpus) {
    host = host || !g.hostname.empty();
    ns = ns || !g.namespace_.empty();
    pod = pod || !g.pod_name.empty();
  }
  auto cell = [](std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string o = "\"";
    for (char c : s) {
      if (c == '"') o += '"';
      o += c;
    }
    return o + "\"";
  };
  std::string out = "Endpoint,GPU_Index,GPU_Name,GPU_UUID,Platform,Metric,avg,min,max,sum";
  for (auto const& p : distribution::percentiles) out += fmt::format(",{}", p.name);
  out += ",std";
  if (host) out += ",Hostname";
  if (ns) out += ",Namespace";
  if (pod) out += ",Pod Name";
  out += "\r\n";
  for (auto const& g : gpus) {
    for (auto const& m : g.metrics) {
      out += fmt::format("{},{},{},{},{},{}", cell(endpoint_display(g.source)), g.gpu_index, cell(g.gpu_name),
                         cell(g.gpu_uuid), cell(g.platform), cell(detail_gpu::metric_label(*m.field)));
      auto num = [&](std::string_view name) {
        out += ',';
        out += results::format_csv_number(detail_gpu::stat(m, name), false);
      };
      num("avg");
      for (std::string_view k : {"min", "max", "sum"}) num(k);
      for (auto const& p : distribution::percentiles) num(p.name);
      num("std");
      if (host) out += "," + cell(g.hostname);
      if (ns) out += "," + cell(g.namespace_);
      if (pod) out += "," + cell(g.pod_name);
      out += "\r\n";
    }
  }
  return out;
}

AIPERF_DECL std::string render_telemetry_console(std::span<gpu_summary const> gpus, gpu_telemetry_context const& ctx) {
  std::string out = "\nAIPerf | GPU Telemetry Summary\n";
  out += fmt::format("{}/{} telemetry sources reachable\n", ctx.endpoints_successful.size(), ctx.endpoints_configured.size());
  for (auto const& e : ctx.endpoints_configured) {
    const bool ok = std::find(ctx.endpoints_successful.begin(), ctx.endpoints_successful.end(), e) != ctx.endpoints_successful.end();
    out += fmt::format("  {} {}\n", ok ? "\u2714" : "\u2718", e);
  }
  for (auto const& g : gpus) {
    std::vector<std::vector<std::string>> rows;
    for (auto const& m : g.metrics) {
      auto cell = [&](std::string_view k) { return results::format_console_number(detail_gpu::stat(m, k)); };
      rows.push_back({detail_gpu::metric_label(*m.field), cell("avg"), cell("min"), cell("max"), cell("p99"), cell("p90"),
                      cell("p50"), cell("std")});
    }
    out += "\n";
    out += results::render_table(fmt::format("{} | GPU {} | {}", endpoint_display(g.source), g.gpu_index, g.gpu_name),
                                 {"Metric", "avg", "min", "max", "p99", "p90", "p50", "std"}, rows);
  }
  return out;
}

AIPERF_DECL void append_gpu_record_jsonl(std::string& out, gpu_record const& r) {
  using aiperf::detail::append_json_string;
  out += fmt::format("{{\"timestamp_ns\":{},\"dcgm_url\":", r.timestamp_ns);
  append_json_string(out, r.source);
  out += fmt::format(",\"gpu_index\":{}", r.gpu_index);
  auto str = [&](std::string_view key, std::string const& v) {
    out += fmt::format(",\"{}\":", key);
    if (v.empty()) out += "null";
    else append_json_string(out, v);
  };
  str("gpu_uuid", r.gpu_uuid);
  str("gpu_model_name", r.gpu_model_name);
  str("pci_bus_id", r.pci_bus_id);
  str("device", r.device);
  str("hostname", r.hostname);
  str("namespace", r.namespace_);
  str("pod_name", r.pod_name);
  str("platform", r.platform);
  out += ",\"telemetry_data\":{";
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, r.values[i].first);
    out += ':';
    results::append_json_number(out, r.values[i].second);
  }
  out += "}}";
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
