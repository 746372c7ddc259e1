// SPDX-License-Identifier: Apache-2.0
// aiperf/report/summary.hpp — from per-record values to a run's results, and the artifacts that
// carry them (spec measurement §2, §3.3-§3.4, §6.6, §6.7, §7): the summary (distributions,
// aggregates, derived rates, goodput, error groups), profile_export_aiperf.json and .csv, the
// console report, and one profile_export.jsonl line per record.  Non-template: one copy serves
// the driver and any custom main.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/config.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/metrics/record_values.hpp>
#include <aiperf/metrics/statistics.hpp>
#include <aiperf/record.hpp>
#include <aiperf/report/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace report {
using namespace ::aiperf::metrics;

/// Failed requests grouped by {code, type, message} (the error summary), most frequent first.
class error_groups {
 public:
  void add(error_info const& e) { ++counts_[{e.code, e.type, e.message}]; }
  [[nodiscard]] std::vector<std::pair<error_info, std::size_t>> sorted() const {
    std::vector<std::pair<error_info, std::size_t>> out;
    for (auto const& [k, n] : counts_) out.emplace_back(error_info{std::get<0>(k), std::get<1>(k), std::get<2>(k)}, n);
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.second > b.second; });
    return out;
  }

 private:
  std::map<std::tuple<int, std::string, std::string>, std::size_t> counts_;
};

/// Run-level facts the summary JSON echoes.
struct summary_meta {
  std::string benchmark_id;
  std::string input_config_json = "{}";
  std::string cli_command;
  std::uint64_t seed = 0;
  std::int64_t start_wall_ns = 0, end_wall_ns = 0;
  bool was_cancelled = false;
};

/// A finite double as JSON (shortest round-trip form); integers keep no fraction.
inline void append_number(std::string& out, double v, bool integer = false) {
  if (!std::isfinite(v)) {
    out += "null";
  } else if (integer && v == std::floor(v) && std::fabs(v) < 9e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(v));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

inline std::string iso_local(std::int64_t wall_ns) {
  const std::time_t t = static_cast<std::time_t>(wall_ns / 1'000'000'000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:06}", buf, (wall_ns % 1'000'000'000) / 1000);
}

/// One exported result: a distribution or a scalar, in display units.
struct result {
  std::string tag, header, unit;
  std::optional<distribution> dist;
  std::optional<double> scalar;
  bool integer = false;
  int display_order = 0;
  std::uint32_t flags = 0;
};

struct summary {
  std::vector<result> results;  // export order
  std::vector<std::pair<error_info, std::size_t>> errors;
  std::size_t ok = 0, failed = 0;
  std::optional<double> duration_s;

  [[nodiscard]] result const* find(std::string_view tag) const {
    for (auto const& r : results)
      if (r.tag == tag) return &r;
    return nullptr;
  }
};

inline distribution scaled(distribution d, double k) {
  d.sum *= k;
  d.avg *= k;
  d.min *= k;
  d.max *= k;
  d.std *= k;
  for (double& p : d.p) p *= k;
  return d;
}

/// Summary of one phase's records.
inline summary summarize(std::vector<std::pair<request_record const*, record_values const*>> const& recs, bool streaming,
                  bool goodput_on, clock_anchor const& anchor) {
  summary s;
  error_groups errors;
  std::int64_t min_start = 0, max_end = 0;
  double total_isl = 0, total_osl = 0, total_out = 0, total_reasoning = 0;
  bool any_isl = false, any_osl = false, any_out = false, any_reasoning = false;
  std::size_t good = 0;
  for (auto const& [r, v] : recs) {
    if (!r->ok()) {
      ++s.failed;
      errors.add(*r->error);
      continue;
    }
    ++s.ok;
    const std::int64_t start = r->wall_start_ns;
    const std::ptrdiff_t last = r->last_content();
    const std::int64_t end = anchor.to_wall(last >= 0 ? r->chunks[static_cast<std::size_t>(last)].recv_ns : r->end_ns);
    if (s.ok == 1 || start < min_start) min_start = start;
    if (s.ok == 1 || end > max_end) max_end = end;
    if (v->v[slot::isl]) total_isl += *v->v[slot::isl], any_isl = true;
    if (v->v[slot::osl]) total_osl += *v->v[slot::osl], any_osl = true;
    if (v->v[slot::output_token_count]) total_out += *v->v[slot::output_token_count], any_out = true;
    if (v->v[slot::reasoning_token_count]) total_reasoning += *v->v[slot::reasoning_token_count], any_reasoning = true;
    if (v->good) ++good;
  }
  s.errors = errors.sorted();

  // Record metrics: distributions over the successful records that have the value.
  for (auto const& def : record_metric_defs) {
    if ((def.flags & streaming_only) && !streaming) continue;
    std::vector<double> xs;
    for (auto const& [r, v] : recs) {
      const bool want = (def.flags & error_only) ? !r->ok() : r->ok();
      if (want && v->v[static_cast<std::size_t>(def.slot)]) xs.push_back(*v->v[static_cast<std::size_t>(def.slot)]);
    }
    if (xs.empty()) continue;
    s.results.push_back({std::string(def.tag), std::string(def.header), std::string(def.unit),
                         scaled(summarize_values(xs), def.scale), std::nullopt, def.integer, def.display_order, def.flags});
  }
  if (streaming) {
    std::vector<double> xs;
    for (auto const& [r, v] : recs)
      if (r->ok() && v->has_icl) xs.insert(xs.end(), v->icl.begin(), v->icl.end());
    if (!xs.empty())
      s.results.push_back({std::string(inter_chunk_latency_def.tag), std::string(inter_chunk_latency_def.header), "ms",
                           scaled(summarize_values(xs), 1e-6), std::nullopt, false, 0, inter_chunk_latency_def.flags});
  }

  // Aggregates and derived scalars (§3.3, §3.4; rates over benchmark_duration, §2.6).
  auto scalar = [&](std::string tag, std::string header, std::string unit, double value, int order,
                    std::uint32_t flags = 0, bool integer = false) {
    s.results.push_back({std::move(tag), std::move(header), std::move(unit), std::nullopt, value, integer, order, flags});
  };
  if (s.ok > 0 && max_end > min_start) s.duration_s = static_cast<double>(max_end - min_start) / 1e9;
  if (s.ok > 0) scalar("request_count", "Request Count", "requests", static_cast<double>(s.ok), 1100, 0, true);
  if (s.failed > 0) scalar("error_request_count", "Error Request Count", "requests", static_cast<double>(s.failed), 0, hidden, true);
  scalar("completed_request_count", "Completed Requests (Success + Error)", "requests",
         static_cast<double>(s.ok + s.failed), 1075, hidden, true);
  if (s.ok > 0)
    scalar("request_error_rate", "Request Error Rate", "%",
           100.0 * static_cast<double>(s.failed) / static_cast<double>(s.ok + s.failed), 1080, hidden);
  if (s.duration_s) {
    const double d = *s.duration_s;
    scalar("request_throughput", "Request Throughput", "requests/sec", static_cast<double>(s.ok) / d, 900);
    if (any_osl) scalar("output_token_throughput", "Output Token Throughput", "tokens/sec", total_osl / d, 800);
    if (any_isl || any_osl)
      scalar("total_token_throughput", "Total Token Throughput", "tokens/sec", (total_isl + total_osl) / d, 0, hidden);
    if (goodput_on) scalar("goodput", "Goodput", "requests/sec", static_cast<double>(good) / d, 1000);
    scalar("benchmark_duration", "Benchmark Duration", "sec", d, 0, hidden);
  }
  if (goodput_on) scalar("good_request_count", "Good Request Count", "requests", static_cast<double>(good), 0, hidden, true);
  if (any_isl) scalar("total_isl", "Total Input Sequence Length", "tokens", total_isl, 0, hidden, true);
  if (any_osl) scalar("total_osl", "Total Output Sequence Length", "tokens", total_osl, 0, hidden, true);
  if (any_out) scalar("total_output_tokens", "Total Output Tokens", "tokens", total_out, 0, hidden, true);
  if (any_reasoning) scalar("total_reasoning_tokens", "Total Reasoning Tokens", "tokens", total_reasoning, 0, hidden, true);

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
  std::stable_sort(s.results.begin(), s.results.end(), [&](auto const& a, auto const& b) { return rank(a.tag) < rank(b.tag); });
  return s;
}

inline void append_result_json(std::string& out, result const& r, std::string_view indent) {
  out += fmt::format("{{\n{}  \"unit\": ", indent);
  aiperf::detail::append_json_string(out, r.unit);
  auto field = [&](std::string_view k, double v, bool integer = false) {
    if (!std::isfinite(v)) return;
    out += fmt::format(",\n{}  \"{}\": ", indent, k);
    append_number(out, v, integer);
  };
  if (r.scalar) {
    field("avg", *r.scalar);
  } else {
    auto const& d = *r.dist;
    field("avg", d.avg);
    static constexpr std::string_view pn[] = {"p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"};
    for (std::size_t i = 0; i < 9; ++i) field(pn[i], d.p[i]);
    field("min", d.min, r.integer);
    field("max", d.max, r.integer);
    field("std", d.std);
    field("count", static_cast<double>(d.count), true);
    field("sum", d.sum, r.integer);
  }
  out += fmt::format("\n{}}}", indent);
}

inline std::string render_summary_json(summary const& s, summary const* warmup, summary_meta const& meta) {
  std::string out = "{\n  \"schema_version\": \"1.5\",\n  \"aiperf_version\": ";
  aiperf::detail::append_json_string(out, version);
  out += ",\n  \"benchmark_id\": ";
  aiperf::detail::append_json_string(out, meta.benchmark_id);
  for (auto const& r : s.results) {
    out += ",\n  ";
    aiperf::detail::append_json_string(out, r.tag);
    out += ": ";
    append_result_json(out, r, "  ");
  }
  out += ",\n  \"input_config\": " + meta.input_config_json;
  out += ",\n  \"run_info\": {\n    \"benchmark_id\": ";
  aiperf::detail::append_json_string(out, meta.benchmark_id);
  out += fmt::format(",\n    \"random_seed\": {},\n    \"trial\": 0,\n    \"cli_command\": ", meta.seed);
  aiperf::detail::append_json_string(out, meta.cli_command);
  out += fmt::format("\n  }},\n  \"was_cancelled\": {},\n  \"error_summary\": [", meta.was_cancelled ? "true" : "false");
  for (std::size_t i = 0; i < s.errors.size(); ++i) {
    auto const& [e, n] = s.errors[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"error_details\": {";
    if (e.code != 0) out += fmt::format("\"code\": {}, ", e.code);
    out += "\"type\": ";
    aiperf::detail::append_json_string(out, e.type);
    out += ", \"message\": ";
    aiperf::detail::append_json_string(out, e.message);
    out += fmt::format("}}, \"count\": {}}}", n);
  }
  out += s.errors.empty() ? "]" : "\n  ]";
  if (warmup && !warmup->results.empty()) {
    out += ",\n  \"warmup_metrics\": {";
    for (std::size_t i = 0; i < warmup->results.size(); ++i) {
      out += i ? ",\n    " : "\n    ";
      aiperf::detail::append_json_string(out, warmup->results[i].tag);
      out += ": ";
      append_result_json(out, warmup->results[i], "    ");
    }
    out += "\n  }";
  }
  out += ",\n  \"start_time\": ";
  aiperf::detail::append_json_string(out, iso_local(meta.start_wall_ns));
  out += ",\n  \"end_time\": ";
  aiperf::detail::append_json_string(out, iso_local(meta.end_wall_ns));
  out += "\n}\n";
  return out;
}

inline std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

inline std::string csv_number(double v, bool integer) {
  if (!std::isfinite(v)) return "";
  if (integer && v == std::floor(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.2f}", v);
}

inline std::string metric_label(result const& r) {
  if (r.unit.empty() || r.unit == "count" || r.unit == "requests") return r.header;
  return fmt::format("{} ({})", r.header, r.unit);
}

/// profile_export_aiperf.csv (§6.7): CRLF; distributions sorted by tag, blank line, scalars.
inline std::string render_summary_csv(summary const& s) {
  std::vector<result const*> dists, scalars;
  for (auto const& r : s.results) (r.dist ? dists : scalars).push_back(&r);
  auto by_tag = [](result const* a, result const* b) { return a->tag < b->tag; };
  std::sort(dists.begin(), dists.end(), by_tag);
  std::sort(scalars.begin(), scalars.end(), by_tag);
  std::string out = "Metric,avg,min,max,sum,p1,p5,p10,p25,p50,p75,p90,p95,p99,std\r\n";
  for (auto const* r : dists) {
    auto const& d = *r->dist;
    auto cell = [&](double v, bool integer) {
      out.push_back(',');
      out.append(csv_number(v, integer));
    };
    out.append(csv_cell(metric_label(*r)));
    cell(d.avg, false);
    cell(d.min, r->integer);  // token counts: min, max and sum are integers
    cell(d.max, r->integer);
    cell(d.sum, r->integer);
    for (double v : d.p) cell(v, false);
    cell(d.std, false);
    out.append("\r\n");
  }
  out.append("\r\nMetric,Value\r\n");
  for (auto const* r : scalars) {
    out.append(csv_cell(metric_label(*r)));
    out.push_back(',');
    out.append(csv_number(*r->scalar, r->integer));
    out.append("\r\n");
  }
  return out;
}

inline std::string render_console(summary const& s, bool cancelled, std::string_view cli_command,
                           std::vector<std::string> const& exports) {
  std::vector<result const*> shown;
  for (auto const& r : s.results)
    if (r.display_order > 0 && !(r.flags & (hidden | error_only | fidelity))) shown.push_back(&r);
  std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->display_order < b->display_order; });
  std::vector<std::vector<std::string>> rows;
  for (auto const* r : shown) {
    std::string label = metric_label(*r);
    if (r->dist) {
      auto const& d = *r->dist;
      rows.push_back({label, report::format_number(d.avg), report::format_number(d.min), report::format_number(d.max), report::format_number(d.p[8]), report::format_number(d.p[6]),
                      report::format_number(d.p[4]), report::format_number(d.std)});
    } else {
      rows.push_back({label, report::format_number(*r->scalar), "N/A", "N/A", "N/A", "N/A", "N/A", "N/A"});
    }
  }
  std::string out = "\n" + report::render_table("aiperf | LLM Metrics", {"Metric", "avg", "min", "max", "p99", "p90", "p50", "std"}, rows);

  // Ours: how faithfully the client kept its schedule (DESIGN §4, PERFORMANCE G10).
  std::vector<std::vector<std::string>> frows;
  for (auto const& r : s.results)
    if ((r.flags & fidelity) && r.dist)
      frows.push_back({metric_label(r), report::format_number(r.dist->avg), report::format_number(r.dist->p[4]), report::format_number(r.dist->p[6]),
                       report::format_number(r.dist->p[8]), report::format_number(r.dist->max)});
  if (!frows.empty())
    out += "\n" + report::render_table("aiperf | Client Fidelity", {"Metric", "avg", "p50", "p90", "p99", "max"}, frows);

  if (!s.errors.empty()) {
    std::vector<std::vector<std::string>> erows;
    for (auto const& [e, n] : s.errors) {
      std::string msg = e.message.size() > 80 ? e.message.substr(0, 77) + "..." : e.message;
      for (char& c : msg)
        if (c == '\n' || c == '\r') c = ' ';
      erows.push_back({e.code ? std::to_string(e.code) : "N/A", e.type.empty() ? "N/A" : e.type, msg, report::format_count(n)});
    }
    out += "\n" + report::render_table("aiperf | Error Summary", {"Code", "Type", "Message", "Count"}, erows);
  }
  if (cancelled) out += "\nThe profile run was cancelled early. Results shown may be incomplete or inaccurate.\n";
  out += "\nCLI Command: " + std::string(cli_command) + "\n";
  if (s.duration_s) out += fmt::format("Benchmark Duration: {:.2f} sec{}\n", *s.duration_s, cancelled ? " (cancelled early)" : "");
  for (auto const& e : exports) out += e + "\n";
  return out;
}


/// One profile_export.jsonl line (spec §6.4): metadata, metrics in display units, error;
/// null keys omitted, integers kept integers.  Appends to `out` (no newline).
inline void append_jsonl_record(std::string& out, request_record const& r, record_values const& v,
                                std::string_view conversation_id, clock_anchor const& anchor, bool streaming) {
  out += fmt::format(R"({{"metadata":{{"session_num":{},"request_num":{},"conversation_id":)", r.session_num,
                     r.request_num);
  aiperf::detail::append_json_string(out, conversation_id);
  out += fmt::format(R"(,"turn_index":{},"request_start_ns":{})", r.turn_index, r.wall_start_ns);
  if (r.ack_ns > 0 && streaming) out += fmt::format(R"(,"request_ack_ns":{})", anchor.to_wall(r.ack_ns));
  out += fmt::format(R"(,"request_end_ns":{})", anchor.to_wall(r.end_ns));
  if (r.intended_ns > 0) out += fmt::format(R"(,"intended_send_ns":{})", anchor.to_wall(r.intended_ns));
  out += fmt::format(R"(,"worker_id":"worker_{}","record_processor_id":"record_processor_0","benchmark_phase":"{}","was_cancelled":{})",
                     r.worker, to_string(r.phase), r.was_cancelled ? "true" : "false");
  if (r.was_cancelled) out += fmt::format(R"(,"cancellation_time_ns":{})", anchor.to_wall(r.cancel_ns));
  out += R"(},"metrics":{)";
  bool first = true;
  for (auto const& def : record_metric_defs) {
    auto const& x = v.v[static_cast<std::size_t>(def.slot)];
    if (!x || ((def.flags & streaming_only) && !streaming)) continue;
    out += first ? "\"" : ",\"";
    first = false;
    out += def.tag;
    out += "\":{\"value\":";
    append_number(out, *x * def.scale, def.integer);
    out += ",\"unit\":\"";
    out += def.unit;
    out += "\"}";
  }
  if (v.has_icl) {
    out += first ? "\"inter_chunk_latency\":{\"value\":[" : ",\"inter_chunk_latency\":{\"value\":[";
    for (std::size_t i = 0; i < v.icl.size(); ++i) {
      if (i) out += ',';
      append_number(out, v.icl[i] * 1e-6);
    }
    out += "],\"unit\":\"ms\"}";
  }
  out += '}';
  if (r.error) {
    out += R"(,"error":{)";
    if (r.error->code != 0) out += fmt::format(R"("code":{},)", r.error->code);
    out += "\"type\":";
    aiperf::detail::append_json_string(out, r.error->type);
    out += ",\"message\":";
    aiperf::detail::append_json_string(out, r.error->message);
    out += '}';
  }
  out += '}';
}

}  // namespace report
}  // namespace v0
}  // namespace aiperf
