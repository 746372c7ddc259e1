// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/exporters.ipp — definitions for exporters.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/metrics/flags.hpp>
#include <aiperf/results/console_table.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/number_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>

namespace aiperf {
inline namespace v0 {
namespace results {
namespace detail_export {

inline std::string metric_label(metric_result const& r) {
  if (r.unit.empty() || r.unit == "count" || r.unit == "requests") return r.header;
  return fmt::format("{} ({})", r.header, r.unit);
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

inline void append_result_json(std::string& out, metric_result const& r, std::string_view indent) {
  out += fmt::format("{{\n{}  \"unit\": ", indent);
  aiperf::detail::append_json_string(out, r.unit);
  auto field = [&](std::string_view k, double v, bool integer = false) {
    if (!std::isfinite(v)) return;
    out += fmt::format(",\n{}  \"{}\": ", indent, k);
    append_json_number(out, v, integer);
  };
  if (r.scalar) {
    field("avg", *r.scalar);
  } else {
    auto const& d = *r.dist;
    field("avg", d.avg);
    for (auto const& p : distribution::percentiles) field(p.name, d.*p.value);
    field("min", d.min, r.integer);
    field("max", d.max, r.integer);
    field("std", d.std);
    field("count", static_cast<double>(d.count), true);
    field("sum", d.sum, r.integer);
  }
  out += fmt::format("\n{}}}", indent);
}

}  // namespace detail_export

AIPERF_DECL std::string iso_local_time(std::int64_t wall_ns) {
  const std::time_t t = static_cast<std::time_t>(wall_ns / 1'000'000'000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:06}", buf, (wall_ns % 1'000'000'000) / 1000);
}

AIPERF_DECL std::string render_summary_json(run_summary const& s) {
  using detail_export::append_result_json;
  using aiperf::detail::append_json_string;
  std::string out = "{\n  \"schema_version\": \"1.5\",\n  \"aiperf_version\": ";
  append_json_string(out, version);
  out += ",\n  \"benchmark_id\": ";
  append_json_string(out, s.info.benchmark_id);
  for (auto const& r : s.profiling.results) {
    out += ",\n  ";
    append_json_string(out, r.tag);
    out += ": ";
    append_result_json(out, r, "  ");
  }
  out += ",\n  \"input_config\": " + s.info.input_config_json;
  out += ",\n  \"run_info\": {\n    \"benchmark_id\": ";
  append_json_string(out, s.info.benchmark_id);
  out += fmt::format(",\n    \"random_seed\": {},\n    \"trial\": 0,\n    \"cli_command\": ", s.info.seed);
  append_json_string(out, s.info.cli_command);
  out += fmt::format("\n  }},\n  \"was_cancelled\": {},\n  \"error_summary\": [", s.info.was_cancelled ? "true" : "false");
  for (std::size_t i = 0; i < s.profiling.errors.size(); ++i) {
    auto const& [e, n] = s.profiling.errors[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"error_details\": {";
    if (e.code != 0) out += fmt::format("\"code\": {}, ", e.code);
    out += "\"type\": ";
    append_json_string(out, e.type);
    out += ", \"message\": ";
    append_json_string(out, e.message);
    out += fmt::format("}}, \"count\": {}}}", n);
  }
  out += s.profiling.errors.empty() ? "]" : "\n  ]";
  if (!s.warmup.results.empty()) {
    out += ",\n  \"warmup_metrics\": {";
    for (std::size_t i = 0; i < s.warmup.results.size(); ++i) {
      out += i ? ",\n    " : "\n    ";
      append_json_string(out, s.warmup.results[i].tag);
      out += ": ";
      append_result_json(out, s.warmup.results[i], "    ");
    }
    out += "\n  }";
  }
  out += ",\n  \"start_time\": ";
  append_json_string(out, iso_local_time(s.info.start_wall_ns));
  out += ",\n  \"end_time\": ";
  append_json_string(out, iso_local_time(s.info.end_wall_ns));
  out += "\n}\n";
  return out;
}

AIPERF_DECL std::string render_summary_csv(phase_summary const& s) {
  using detail_export::csv_cell;
  using detail_export::metric_label;
  std::vector<metric_result const*> dists, scalars;
  for (auto const& r : s.results) (r.dist ? dists : scalars).push_back(&r);
  auto by_tag = [](metric_result const* a, metric_result const* b) { return a->tag < b->tag; };
  std::sort(dists.begin(), dists.end(), by_tag);
  std::sort(scalars.begin(), scalars.end(), by_tag);
  std::string out = "Metric,avg,min,max,sum";
  for (auto const& p : distribution::percentiles) out.append(",").append(p.name);
  out += ",std\r\n";
  for (auto const* r : dists) {
    auto const& d = *r->dist;
    auto cell = [&](double v, bool integer) {
      out.push_back(',');
      out.append(format_csv_number(v, integer));
    };
    out.append(csv_cell(metric_label(*r)));
    cell(d.avg, false);
    cell(d.min, r->integer);  // token counts: min, max and sum are integers
    cell(d.max, r->integer);
    cell(d.sum, r->integer);
    for (auto const& p : distribution::percentiles) cell(d.*p.value, false);
    cell(d.std, false);
    out.append("\r\n");
  }
  out.append("\r\nMetric,Value\r\n");
  for (auto const* r : scalars) {
    out.append(csv_cell(metric_label(*r)));
    out.push_back(',');
    out.append(format_csv_number(*r->scalar, r->integer));
    out.append("\r\n");
  }
  return out;
}

AIPERF_DECL std::string render_console(run_summary const& s, std::vector<std::string> const& export_lines) {
  using detail_export::metric_label;
  using namespace metrics;
  auto const& ph = s.profiling;
  std::vector<metric_result const*> shown;
  for (auto const& r : ph.results)
    if (r.display_order > 0 && !(r.flags & (hidden | error_only | fidelity))) shown.push_back(&r);
  std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->display_order < b->display_order; });
  std::vector<std::vector<std::string>> rows;
  for (auto const* r : shown) {
    std::string label = metric_label(*r);
    if (r->dist) {
      auto const& d = *r->dist;
      rows.push_back({label, format_console_number(d.avg), format_console_number(d.min), format_console_number(d.max),
                      format_console_number(d.p99), format_console_number(d.p90), format_console_number(d.p50),
                      format_console_number(d.std)});
    } else {
      rows.push_back({label, format_console_number(*r->scalar), "N/A", "N/A", "N/A", "N/A", "N/A", "N/A"});
    }
  }
  // Appended, not `"\n" + render_table(...)`: GCC 12 warns on that (a -Wrestrict false positive,
  // PR105329) in every program that inlines this.
  std::string out = "\n";
  out += render_table("aiperf | LLM Metrics", {"Metric", "avg", "min", "max", "p99", "p90", "p50", "std"}, rows);

  // Ours: how faithfully the client kept its schedule (DESIGN §4, PERFORMANCE G10).
  std::vector<std::vector<std::string>> fidelity_rows;
  for (auto const& r : ph.results)
    if ((r.flags & fidelity) && r.dist)
      fidelity_rows.push_back({metric_label(r), format_console_number(r.dist->avg), format_console_number(r.dist->p50),
                               format_console_number(r.dist->p90), format_console_number(r.dist->p99),
                               format_console_number(r.dist->max)});
  if (!fidelity_rows.empty()) {
    out += "\n";
    out += render_table("aiperf | Client Fidelity", {"Metric", "avg", "p50", "p90", "p99", "max"}, fidelity_rows);
  }

  if (!ph.errors.empty()) {
    std::vector<std::vector<std::string>> error_rows;
    for (auto const& [e, n] : ph.errors) {
      std::string msg = e.message.size() > 80 ? e.message.substr(0, 77) + "..." : e.message;
      for (char& c : msg)
        if (c == '\n' || c == '\r') c = ' ';
      error_rows.push_back({e.code ? std::to_string(e.code) : "N/A", e.type.empty() ? "N/A" : e.type, msg,
                            format_console_count(n)});
    }
    out += "\n";
    out += render_table("aiperf | Error Summary", {"Code", "Type", "Message", "Count"}, error_rows);
  }
  const bool cancelled = s.info.was_cancelled;
  if (cancelled) out += "\nThe profile run was cancelled early. Results shown may be incomplete or inaccurate.\n";
  out += "\n";
  if (!s.info.cli_command.empty()) out += "CLI Command: " + s.info.cli_command + "\n";
  if (ph.duration_s) out += fmt::format("Benchmark Duration: {:.2f} sec{}\n", *ph.duration_s, cancelled ? " (cancelled early)" : "");
  for (auto const& e : export_lines) out += e + "\n";
  if (s.info.skipped > 0)
    // Never silent: a rate the client could not deliver under the concurrency ceiling.
    out += fmt::format("Skipped: {} scheduled request(s) found every --concurrency slot busy and were not sent "
                       "(the delivered rate is below --request-rate)\n",
                       s.info.skipped);
  return out;
}

AIPERF_DECL void append_jsonl_record(std::string& out, request_record const& r, std::span<metric_descriptor const> metrics,
                                     double const* scalars, std::vector<double> const* lists,
                                     std::string_view conversation_id, clock_anchor const& anchor, bool streaming) {
  using aiperf::detail::append_json_string;
  out += fmt::format(R"({{"metadata":{{"session_num":{},"request_num":{})", r.session_num, r.request_num);
  if (r.x_request_id[0] != '\0') {
    out += R"(,"x_request_id":)";
    append_json_string(out, std::string_view(r.x_request_id.data(), r.x_request_id.size()));
  }
  if (!r.x_correlation_id.empty()) {
    out += R"(,"x_correlation_id":)";
    append_json_string(out, r.x_correlation_id);
  }
  if (r.url_index) out += fmt::format(R"(,"url_index":{})", *r.url_index);
  out += R"(,"conversation_id":)";
  append_json_string(out, conversation_id);
  out += fmt::format(R"(,"turn_index":{},"request_start_ns":{})", r.turn_index, r.wall_start_ns);
  if (r.ack_ns > 0 && streaming) out += fmt::format(R"(,"request_ack_ns":{})", anchor.to_wall(r.ack_ns));
  out += fmt::format(R"(,"request_end_ns":{})", anchor.to_wall(r.end_ns));
  if (r.intended_ns > 0) out += fmt::format(R"(,"intended_send_ns":{})", anchor.to_wall(r.intended_ns));
  out += fmt::format(
      R"(,"worker_id":"worker_{}","record_processor_id":"record_processor_0","benchmark_phase":"{}","was_cancelled":{})",
      r.worker, to_string(r.phase), r.was_cancelled ? "true" : "false");
  if (r.was_cancelled) out += fmt::format(R"(,"cancellation_time_ns":{})", anchor.to_wall(r.cancel_ns));
  out += R"(},"metrics":{)";
  bool first = true;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    metric_descriptor const& m = metrics[i];
    if ((m.flags & metrics::no_records) || ((m.flags & metrics::streaming_only) && !streaming)) continue;
    if (m.list ? lists[i].empty() : std::isnan(scalars[i])) continue;
    out += first ? "\"" : ",\"";
    first = false;
    out += m.tag;
    out += "\":{\"value\":";
    if (m.list) {
      out += '[';
      for (std::size_t k = 0; k < lists[i].size(); ++k) {
        if (k) out += ',';
        append_json_number(out, lists[i][k] * m.scale);
      }
      out += ']';
    } else {
      append_json_number(out, scalars[i] * m.scale, m.integer);
    }
    out += ",\"unit\":";
    append_json_string(out, m.unit);
    out += '}';
  }
  out += '}';
  if (r.error) {
    out += R"(,"error":{)";
    if (r.error->code != 0) out += fmt::format(R"("code":{},)", r.error->code);
    out += "\"type\":";
    append_json_string(out, r.error->type);
    out += ",\"message\":";
    append_json_string(out, r.error->message);
    out += '}';
  }
  out += '}';
}

AIPERF_DECL void write_inputs_json(prepared_dataset const& data, aiperf::detail::function_ref<void(std::string_view)> out) {
  // Each payload is the body of a complete HTTP request (what follows the blank line after the
  // headers), spliced verbatim: bodies are JSON already.  Shared prompt blocks are written where
  // they are, never joined into one string.
  auto body_of = [&](prepared_turn const& t) {
    const std::size_t head_end = t.wire.find("\r\n\r\n");
    std::size_t skip = head_end == std::string::npos ? t.wire.size() : head_end + 4;  // the head is in `wire`
    for_each_wire_piece(t, [&](std::string_view piece) {
      const std::size_t drop = std::min(skip, piece.size());
      skip -= drop;
      if (drop < piece.size()) out(piece.substr(drop));
    });
  };
  std::string scratch;
  out("{\n  \"data\": [");
  for (std::size_t c = 0; c < data.conversations.size(); ++c) {
    scratch.assign(c ? ",\n    {\n" : "\n    {\n");
    scratch += "      \"session_id\": ";
    aiperf::detail::append_json_string(scratch, data.conversations[c].id);
    scratch += ",\n      \"payloads\": [";
    out(scratch);
    for (std::size_t t = 0; t < data.turns[c].size(); ++t) {
      out(t ? ",\n        " : "\n        ");
      body_of(data.turns[c][t]);
    }
    out("\n      ]\n    }");
  }
  out(data.conversations.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

AIPERF_DECL std::string render_inputs_json(prepared_dataset const& data) {
  std::string out;
  write_inputs_json(data, [&](std::string_view s) { out += s; });
  return out;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
