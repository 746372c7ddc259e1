// SPDX-License-Identifier: Apache-2.0
// aiperf/report/impl/run_artifacts.ipp — definitions for run_artifacts.hpp.  simdjson's DOM
// parser: the files are ours and small next to a trace, and a DOM lets one bad line or field be
// reported and skipped without losing the rest.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/report/run_artifacts.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <system_error>

namespace aiperf {
inline namespace v0 {
namespace report {

AIPERF_DECL double metric_stats::get(std::string_view key) const {
  auto it = stats.find(key);
  return it == stats.end() ? nan : it->second;
}

AIPERF_DECL double run_artifacts::metric(std::string_view name, std::string_view stat) const {
  auto it = metrics.find(name);
  return it == metrics.end() ? nan : it->second.get(stat);
}

AIPERF_DECL std::string run_artifacts::unit(std::string_view name) const {
  auto it = metrics.find(name);
  return it == metrics.end() ? std::string() : it->second.unit;
}

AIPERF_DECL std::vector<request_row> run_artifacts::profiling_successes() const {
  std::vector<request_row> out;
  for (auto const& r : requests)
    if (!r.warmup && !r.error) out.push_back(r);
  return out;
}

namespace detail_run_artifacts {

// A number field of any JSON numeric type; NaN when absent or not a number.
inline double number(simdjson::dom::element e) {
  double d = 0;
  if (!e.get(d)) return d;
  std::int64_t i = 0;
  if (!e.get(i)) return static_cast<double>(i);
  std::uint64_t u = 0;
  if (!e.get(u)) return static_cast<double>(u);
  return nan;
}

inline double number_field(simdjson::dom::object o, std::string_view key) {
  simdjson::dom::element e;
  if (o[key].get(e)) return nan;
  return number(e);
}

inline std::int64_t int_field(simdjson::dom::object o, std::string_view key) {
  simdjson::dom::element e;
  if (o[key].get(e)) return 0;
  std::int64_t i = 0;
  if (!e.get(i)) return i;
  double d = number(e);
  return std::isnan(d) ? 0 : static_cast<std::int64_t>(d);
}

inline std::string string_field(simdjson::dom::object o, std::string_view key) {
  std::string_view s;
  if (o[key].get(s)) return {};
  return std::string(s);
}

// Factor from a time unit to ms; NaN for a unit that is not a time.
inline double to_ms(std::string_view unit) {
  if (unit == "ms") return 1.0;
  if (unit == "ns") return 1e-6;
  if (unit == "us") return 1e-3;
  if (unit == "s" || unit == "sec") return 1e3;
  return nan;
}

// A metric block {"unit": …, stat: number…}; nullopt when `e` is not an object with a unit.
inline std::optional<metric_stats> metric_block(simdjson::dom::element e) {
  simdjson::dom::object o;
  if (e.get(o)) return std::nullopt;
  std::string_view unit;
  if (o["unit"].get(unit)) return std::nullopt;
  metric_stats m;
  m.unit = std::string(unit);
  for (auto field : o) {
    if (field.key == "unit") continue;
    double v = number(field.value);
    if (!std::isnan(v)) m.stats.emplace(std::string(field.key), v);
  }
  return m;
}

// A per-request metric {"value": x, "unit": u} converted to ms (time) or kept (other units).
inline double record_value(simdjson::dom::object metrics, std::string_view key, bool time) {
  simdjson::dom::object m;
  if (metrics[key].get(m)) return nan;
  double v = number_field(m, "value");
  if (!time) return v;
  std::string_view unit;
  if (m["unit"].get(unit)) return v;  // the exporter always writes a unit; ms is its default
  double f = to_ms(unit);
  return std::isnan(f) ? v : v * f;
}

inline std::string path_text(std::filesystem::path const& p) { return p.string(); }

// Reads a JSON-lines file, calling `line_fn(object, line_no)` per line; bad lines become problems.
template <class Fn>
bool for_each_line(std::filesystem::path const& file, std::vector<std::string>& problems, Fn&& line_fn) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.push_back(fmt::format("{}: cannot be read", path_text(file)));
    return false;
  }
  simdjson::dom::parser parser;
  std::string line;
  std::size_t line_no = 0, bad = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::object obj;
    if (auto err = parser.parse(line).get(obj)) {
      // One line per file is enough to say it is damaged; the count says how badly.
      if (bad++ == 0)
        problems.push_back(fmt::format("{}:{}: not a JSON object ({})", path_text(file), line_no, simdjson::error_message(err)));
      continue;
    }
    line_fn(obj, line_no);
  }
  if (bad > 1) problems.push_back(fmt::format("{}: {} bad lines in all, skipped", path_text(file), bad));
  return true;
}

inline void read_records(run_artifacts& run, std::filesystem::path const& file) {
  for_each_line(file, run.problems, [&](simdjson::dom::object obj, std::size_t) {
    request_row r;
    simdjson::dom::object meta;
    if (!obj["metadata"].get(meta)) {
      r.start_ns = int_field(meta, "request_start_ns");
      r.end_ns = int_field(meta, "request_end_ns");
      r.warmup = string_field(meta, "benchmark_phase") == "warmup";
    }
    simdjson::dom::element err;
    if (!obj["error"].get(err) && !err.is_null()) {
      r.error = true;
      simdjson::dom::object eo;
      if (!err.get(eo)) r.error_type = string_field(eo, "type");
    }
    simdjson::dom::object m;
    if (!obj["metrics"].get(m)) {
      r.ttft_ms = record_value(m, "time_to_first_token", true);
      r.itl_ms = record_value(m, "inter_token_latency", true);
      r.latency_ms = record_value(m, "request_latency", true);
      r.input_tokens = record_value(m, "input_sequence_length", false);
      if (std::isnan(r.input_tokens)) r.input_tokens = record_value(m, "error_isl", false);
      r.output_tokens = record_value(m, "output_sequence_length", false);
      if (std::isnan(r.output_tokens)) r.output_tokens = record_value(m, "output_token_count", false);
      r.output_token_throughput_per_user = record_value(m, "output_token_throughput_per_user", false);
    }
    // Older writers leave out request_end_ns; the spec's reconstruction is start + latency.
    if (r.end_ns == 0 && r.start_ns != 0 && !std::isnan(r.latency_ms))
      r.end_ns = r.start_ns + static_cast<std::int64_t>(r.latency_ms * 1e6);
    run.requests.push_back(std::move(r));
  });
}

inline bool load_document(std::filesystem::path const& file, simdjson::dom::parser& parser, simdjson::dom::object& out,
                          std::vector<std::string>& problems) {
  simdjson::padded_string text;
  if (auto err = simdjson::padded_string::load(file.string()).get(text)) {
    problems.push_back(fmt::format("{}: cannot be read ({})", path_text(file), simdjson::error_message(err)));
    return false;
  }
  if (auto err = parser.parse(text).get(out)) {
    problems.push_back(fmt::format("{}: not a JSON object ({})", path_text(file), simdjson::error_message(err)));
    return false;
  }
  return true;
}

inline void read_summary(run_artifacts& run, std::filesystem::path const& file) {
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  if (!load_document(file, parser, doc, run.problems)) return;
  for (auto field : doc) {
    if (field.key == "input_config") {
      run.input_config_json = simdjson::minify(field.value);
      continue;
    }
    if (auto m = metric_block(field.value)) run.metrics.emplace(std::string(field.key), std::move(*m));
  }
}

inline void read_timeslices(run_artifacts& run, std::filesystem::path const& file) {
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  std::vector<timeslice_row> rows;
  if (!load_document(file, parser, doc, run.problems)) return;
  simdjson::dom::array slices;
  if (doc["timeslices"].get(slices)) {
    run.problems.push_back(fmt::format("{}: no \"timeslices\" array", path_text(file)));
    return;
  }
  for (simdjson::dom::element e : slices) {
    simdjson::dom::object o;
    if (e.get(o)) continue;
    timeslice_row t;
    t.start_ns = int_field(o, "start_ns");
    t.end_ns = int_field(o, "end_ns");
    bool complete = true;
    if (!o["is_complete"].get(complete)) t.is_complete = complete;
    for (auto field : o)
      if (auto m = metric_block(field.value)) t.metrics.emplace(std::string(field.key), std::move(*m));
    rows.push_back(std::move(t));
  }
  run.timeslices = std::move(rows);
}

inline void read_gpu(run_artifacts& run, std::filesystem::path const& file) {
  std::vector<gpu_sample> samples;
  bool ok = for_each_line(file, run.problems, [&](simdjson::dom::object obj, std::size_t) {
    gpu_sample g;
    g.timestamp_ns = int_field(obj, "timestamp_ns");
    g.gpu_index = static_cast<int>(int_field(obj, "gpu_index"));
    g.gpu_uuid = string_field(obj, "gpu_uuid");
    g.gpu_model_name = string_field(obj, "gpu_model_name");
    g.source = string_field(obj, "dcgm_url");
    simdjson::dom::object data;
    if (!obj["telemetry_data"].get(data))
      for (auto field : data) {
        double v = number(field.value);
        if (!std::isnan(v)) g.values.emplace(std::string(field.key), v);
      }
    samples.push_back(std::move(g));
  });
  if (ok) run.gpu = std::move(samples);
}

}  // namespace detail_run_artifacts

AIPERF_DECL bool is_run_dir(std::filesystem::path const& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / records_file, ec) || std::filesystem::is_regular_file(dir / summary_file, ec);
}

AIPERF_DECL run_artifacts load_run(std::filesystem::path const& dir) {
  namespace d = detail_run_artifacts;
  run_artifacts run;
  run.dir = dir;
  auto name = dir.filename();
  if (name.empty()) name = dir.parent_path().filename();  // "runs/a/" has an empty filename
  run.label = name.string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    run.problems.push_back(fmt::format("{}: not a directory", dir.string()));
    return run;
  }
  auto const records = dir / records_file, summary = dir / summary_file;
  if (std::filesystem::is_regular_file(records, ec))
    d::read_records(run, records);
  else
    run.problems.push_back(fmt::format("{}: missing (the per-request records; was the run made with --export-level summary?)",
                                       records.string()));
  if (std::filesystem::is_regular_file(summary, ec))
    d::read_summary(run, summary);
  else
    run.problems.push_back(fmt::format("{}: missing (the run summary)", summary.string()));
  if (auto ts = dir / timeslices_file; std::filesystem::is_regular_file(ts, ec)) d::read_timeslices(run, ts);
  if (auto gpu = dir / gpu_telemetry_file; std::filesystem::is_regular_file(gpu, ec)) d::read_gpu(run, gpu);
  return run;
}

AIPERF_DECL run_discovery find_runs(std::vector<std::filesystem::path> const& paths) {
  run_discovery out;
  for (auto const& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      out.problems.push_back(fmt::format("{}: no such directory", p.string()));
      continue;
    }
    if (!std::filesystem::is_directory(p, ec)) {
      out.problems.push_back(fmt::format("{}: not a directory", p.string()));
      continue;
    }
    if (is_run_dir(p)) {
      out.runs.push_back(p);
      continue;
    }
    std::vector<std::filesystem::path> subs;
    for (auto const& entry : std::filesystem::directory_iterator(p, ec))
      if (entry.is_directory(ec) && is_run_dir(entry.path())) subs.push_back(entry.path());
    if (subs.empty()) {
      out.problems.push_back(fmt::format("{}: holds no run ({} or {} in it or in a subdirectory)", p.string(),
                                         records_file, summary_file));
      continue;
    }
    std::sort(subs.begin(), subs.end());
    out.runs.insert(out.runs.end(), subs.begin(), subs.end());
  }
  out.multi_run = out.runs.size() > 1;
  return out;
}

}  // namespace report
}  // namespace v0
}  // namespace aiperf
