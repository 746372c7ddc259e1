// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/exporters.ipp — definitions for exporters.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/detail/utf8.hpp>
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

/// A console row's name: every row shows its unit, on a line of its own under a name longer
/// than 30 characters (upstream's rule).
inline std::string console_label(metric_result const& r) {
  if (r.unit.empty()) return r.header;
  return fmt::format("{}{}({})", r.header, r.header.size() > 30 ? "\n" : " ", r.unit);
}

/// Upstream's end-of-run warnings: the server's token counts far from ours, and answers whose
/// length missed the requested one (spec measurement §7.4), each a panel when it happened.
inline std::string discrepancy_panels(run_summary const& s) {
  std::string out;
  auto const* requests = s.find("request_count");
  if (!requests || !requests->scalar || *requests->scalar <= 0) return out;
  const double total = *requests->scalar;
  auto share = [&](double n) { return fmt::format("{} of {} requests ({:.1f}%)", format_console_count(static_cast<std::size_t>(n)),
                                                  format_console_count(static_cast<std::size_t>(total)), 100.0 * n / total); };
  if (auto const* usage = s.find("usage_discrepancy_count"); usage && usage->scalar && *usage->scalar > 0) {
    const double thr = s.thresholds.usage_pct;
    out += "\n";
    out += render_panel(
        "Token Count Discrepancy Warning",
        {fmt::format("{} show a difference exceeding {:g}% between:", share(*usage->scalar), thr),
         "  • API-reported usage tokens (from 'usage' field)", "  • Client-computed token counts (from tokenization)", "",
         "Possible Causes:", "  • Different tokenization methods (API vs client)", "  • API special tokens or preprocessing", "",
         "Investigation Steps:", "  1. Review profile_export.jsonl for per-request usage_*_diff_pct values",
         "  2. Verify client tokenizer matches the model's tokenizer",
         "  3. Use server token counts: --use-server-token-count (disables client tokenization and diff metrics)",
         fmt::format("  4. Adjust threshold: AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD={:g}", thr)});
  }
  if (auto const* osl = s.find("osl_mismatch_count"); osl && osl->scalar && *osl->scalar > 0) {
    auto const* diff = s.find("osl_mismatch_diff_pct");
    const std::string average = diff && diff->dist ? fmt::format("{:.1f}%", diff->dist->avg) : std::string("N/A");
    out += "\n";
    out += render_panel(
        "Output Sequence Length Mismatch Warning",
        {fmt::format("{} have output length differing from requested by more than the threshold.", share(*osl->scalar)),
         fmt::format("Threshold (tokens): min(requested × {:g}%, {:g})", s.thresholds.osl_pct, s.thresholds.osl_max_tokens),
         "Average mismatch: " + average, "", "Why: Server hit EOS token before reaching requested output length.", "",
         "Fix Options:", "  • --extra-inputs ignore_eos:true — Generate until max_tokens (vLLM, TensorRT-LLM)",
         "  • --extra-inputs min_tokens:<N> — Set minimum output length (vLLM, TensorRT-LLM, SGLang)",
         "  • --use-server-token-count — Use server-reported token counts if tokenizer mismatch suspected", "",
         "Diagnostics:", "  • Review profile_export.jsonl → osl_mismatch_diff_pct for per-request values",
         fmt::format("  • Adjust: AIPERF_METRICS_OSL_MISMATCH_PCT_THRESHOLD={:g}", s.thresholds.osl_pct),
         fmt::format("  • Adjust: AIPERF_METRICS_OSL_MISMATCH_MAX_TOKEN_THRESHOLD={:g}", s.thresholds.osl_max_tokens)});
  }
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

inline void append_result_json(std::string& out, metric_result const& r, std::string_view indent) {
  out += fmt::format("{{\n{}  \"unit\": ", indent);
  aiperf::detail::append_json_string(out, r.unit);
  // Upstream's statistics are floats (a count of 20 is `20.0`); only `count` is an integer.
  auto field = [&](std::string_view k, double v) {
    if (!std::isfinite(v)) return;
    out += fmt::format(",\n{}  \"{}\": ", indent, k);
    append_json_float(out, v);
  };
  if (r.scalar) {
    field("avg", *r.scalar);
  } else {
    auto const& d = *r.dist;
    field("avg", d.avg);
    for (auto const& p : distribution::percentiles) field(p.name, d.*p.value);
    field("min", d.min);
    field("max", d.max);
    field("std", d.std);
    out += fmt::format(",\n{}  \"count\": {}", indent, d.count);
    field("sum", d.sum);
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

AIPERF_DECL std::string with_benchmark_id(std::string_view input_config, std::string_view id) {
  // Walk the top level of the object: where each member's value ends, and its key.
  std::size_t insert_at = std::string_view::npos, own_block = std::string_view::npos;
  int depth = 0;
  bool in_string = false, expect_key = false;
  std::size_t key_begin = 0;
  std::string_view pending_key;  // the top-level key whose value is being read
  for (std::size_t i = 0; i < input_config.size(); ++i) {
    char const c = input_config[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') {
        in_string = false;
        if (depth == 1 && expect_key) {
          pending_key = input_config.substr(key_begin, i - key_begin);
          expect_key = false;
        } else if (depth == 1 && pending_key == "cli_command") {
          insert_at = i + 1;
        }
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      if (depth == 1 && expect_key) {
        key_begin = i + 1;
        if (input_config.substr(i + 1).starts_with("aiperf_cpp\"") && own_block == std::string_view::npos) own_block = i;
      }
    } else if (c == '{' || c == '[') {
      if (++depth == 1) expect_key = true;
    } else if (c == '}' || c == ']') {
      if (--depth == 0 && insert_at == std::string_view::npos && own_block == std::string_view::npos) insert_at = i;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
  }
  std::string member = "\"benchmark_id\": ";
  aiperf::detail::append_json_string(member, id);
  std::string out(input_config);
  if (own_block != std::string_view::npos && (insert_at == std::string_view::npos || insert_at > own_block))
    return out.insert(own_block, member + ", ");
  if (insert_at == std::string_view::npos) return "{" + member + "}";  // not an object: make one
  bool const empty_object = input_config.substr(0, insert_at).find_first_not_of(" \n{") == std::string_view::npos;
  bool const after_value = input_config[insert_at] != '}';
  return out.insert(insert_at, after_value ? ", " + member : (empty_object ? member : ", " + member));
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
  if (!s.attached.telemetry_data_json.empty()) out += ",\n  \"telemetry_data\": " + s.attached.telemetry_data_json;
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
  if (s.warmup.ok + s.warmup.failed > 0) {  // warmup ran (an empty phase still counts 0 completed)
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
    // Two decimals throughout, token counts included: upstream's statistics are floats.
    auto cell = [&](double v) {
      out.push_back(',');
      out.append(format_csv_number(v, false));
    };
    out.append(csv_cell(metric_label(*r)));
    cell(d.avg);
    cell(d.min);
    cell(d.max);
    cell(d.sum);
    for (auto const& p : distribution::percentiles) cell(d.*p.value);
    cell(d.std);
    out.append("\r\n");
  }
  out.append("\r\nMetric,Value\r\n");
  for (auto const* r : scalars) {
    out.append(csv_cell(metric_label(*r)));
    out.push_back(',');
    out.append(format_csv_number(*r->scalar, false));
    out.append("\r\n");
  }
  return out;
}

AIPERF_DECL std::string render_console(run_summary const& s, std::vector<std::string> const& export_lines) {
  using detail_export::console_label;
  using namespace metrics;
  auto const& ph = s.profiling;
  // Appended piece by piece, not `"\n" + render_table(...)`: GCC 12 warns on that (a
  // -Wrestrict false positive, PR105329) in every program that inlines this.
  std::string out;
  // Upstream prints the error summary first, then the metrics.
  if (!ph.errors.empty()) {
    std::vector<std::vector<std::string>> error_rows;
    for (auto const& [e, n] : ph.errors) {
      // Server text: escaped so that it cannot drive the operator's terminal, one line, 77 characters.
      error_rows.push_back({e.code ? std::to_string(e.code) : "N/A", e.type.empty() ? "N/A" : aiperf::detail::console_safe(e.type),
                            aiperf::detail::console_safe(e.message, 77),
                            format_console_count(n)});
    }
    out += "\n";
    out += render_table("aiperf | Error Summary", {"Code", "Type", "Message", "Count"}, error_rows);
  }

  std::vector<metric_result const*> shown;
  for (auto const& r : ph.results)
    if (r.display_order > 0 && !(r.flags & (hidden | error_only | fidelity))) shown.push_back(&r);
  std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->display_order < b->display_order; });
  std::vector<std::vector<std::string>> rows;
  for (auto const* r : shown) {
    std::string label = console_label(*r);
    if (r->dist) {
      auto const& d = *r->dist;
      rows.push_back({label, format_console_number(d.avg), format_console_number(d.min), format_console_number(d.max),
                      format_console_number(d.p99), format_console_number(d.p90), format_console_number(d.p50),
                      format_console_number(d.std)});
    } else {
      rows.push_back({label, format_console_number(*r->scalar), "N/A", "N/A", "N/A", "N/A", "N/A", "N/A"});
    }
  }
  out += "\n";
  out += render_table("aiperf | LLM Metrics", {"Metric", "avg", "min", "max", "p99", "p90", "p50", "std"}, rows);

  // Ours: how faithfully the client kept its schedule (DESIGN §4, PERFORMANCE G10).
  std::vector<std::vector<std::string>> fidelity_rows;
  for (auto const& r : ph.results)
    if ((r.flags & fidelity) && r.dist)
      fidelity_rows.push_back({console_label(r), format_console_number(r.dist->avg), format_console_number(r.dist->p50),
                               format_console_number(r.dist->p90), format_console_number(r.dist->p99),
                               format_console_number(r.dist->max)});
  if (!fidelity_rows.empty()) {
    out += "\n";
    out += render_table("aiperf | Client Fidelity", {"Metric", "avg", "p50", "p90", "p99", "max"}, fidelity_rows);
  }
  out += s.attached.telemetry_console;
  out += detail_export::discrepancy_panels(s);
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
