// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/results.cpp — the record processor: JSONL during the run; summary, JSON, CSV and
// console after it (spec measurement §2, §3, §4, §6.4, §6.6, §6.7, §7).
#include "results.hpp"

#include "inputs_json.hpp"
#include "logger.hpp"
#include "profile.hpp"

#include <aiperf/detail/json_text.hpp>
#include <aiperf/report/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace aiperf::driver {
using namespace ::aiperf::metrics;
namespace {

/// A finite double as JSON (shortest round-trip form); integers keep no fraction.
void append_number(std::string& out, double v, bool integer = false) {
  if (!std::isfinite(v)) {
    out += "null";
  } else if (integer && v == std::floor(v) && std::fabs(v) < 9e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(v));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}

std::string iso_local(std::int64_t wall_ns) {
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

distribution scaled(distribution d, double k) {
  d.sum *= k;
  d.avg *= k;
  d.min *= k;
  d.max *= k;
  d.std *= k;
  for (double& p : d.p) p *= k;
  return d;
}

/// Summary of one phase's records.
summary summarize(std::vector<std::pair<request_record const*, record_values const*>> const& recs, bool streaming,
                  bool goodput_on, clock_anchor const& anchor) {
  summary s;
  std::map<std::tuple<int, std::string, std::string>, std::size_t> errors;
  std::int64_t min_start = 0, max_end = 0;
  double total_isl = 0, total_osl = 0, total_out = 0, total_reasoning = 0;
  bool any_isl = false, any_osl = false, any_out = false, any_reasoning = false;
  std::size_t good = 0;
  for (auto const& [r, v] : recs) {
    if (!r->ok()) {
      ++s.failed;
      ++errors[{r->error->code, r->error->type, r->error->message}];
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
  for (auto const& [k, n] : errors) s.errors.emplace_back(error_info{std::get<0>(k), std::get<1>(k), std::get<2>(k)}, n);
  std::sort(s.errors.begin(), s.errors.end(), [](auto const& a, auto const& b) { return a.second > b.second; });

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

void append_result_json(std::string& out, result const& r, std::string_view indent) {
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

std::string render_summary_json(summary const& s, summary const* warmup, run_context const& ctx, run_times const& t,
                                bool cancelled, std::string const& benchmark_id) {
  std::string out = "{\n  \"schema_version\": \"1.5\",\n  \"aiperf_version\": ";
  aiperf::detail::append_json_string(out, version);
  out += ",\n  \"benchmark_id\": ";
  aiperf::detail::append_json_string(out, benchmark_id);
  for (auto const& r : s.results) {
    out += ",\n  ";
    aiperf::detail::append_json_string(out, r.tag);
    out += ": ";
    append_result_json(out, r, "  ");
  }
  out += ",\n  \"input_config\": " + ctx.cli->input_config_json();
  out += ",\n  \"run_info\": {\n    \"benchmark_id\": ";
  aiperf::detail::append_json_string(out, benchmark_id);
  out += fmt::format(",\n    \"random_seed\": {},\n    \"trial\": 0,\n    \"cli_command\": ", ctx.seed);
  aiperf::detail::append_json_string(out, ctx.cli->cli_command);
  out += fmt::format("\n  }},\n  \"was_cancelled\": {},\n  \"error_summary\": [", cancelled ? "true" : "false");
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
  aiperf::detail::append_json_string(out, iso_local(t.anchor.to_wall(t.profiling_start_ns)));
  out += ",\n  \"end_time\": ";
  aiperf::detail::append_json_string(out, iso_local(t.anchor.to_wall(t.profiling_end_ns)));
  out += "\n}\n";
  return out;
}

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double v, bool integer) {
  if (!std::isfinite(v)) return "";
  if (integer && v == std::floor(v)) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.2f}", v);
}

std::string metric_label(result const& r) {
  if (r.unit.empty() || r.unit == "count" || r.unit == "requests") return r.header;
  return fmt::format("{} ({})", r.header, r.unit);
}

/// profile_export_aiperf.csv (§6.7): CRLF; distributions sorted by tag, blank line, scalars.
std::string render_summary_csv(summary const& s) {
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

std::string render_console(summary const& s, bool cancelled, run_context const& ctx,
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
  out += "\nCLI Command: " + ctx.cli->cli_command + "\n";
  if (s.duration_s) out += fmt::format("Benchmark Duration: {:.2f} sec{}\n", *s.duration_s, cancelled ? " (cancelled early)" : "");
  for (auto const& e : exports) out += e + "\n";
  return out;
}

}  // namespace

record_processor::record_processor(run_context& ctx) : ctx_(ctx) {
  profile_options const& o = *ctx.opts;
  settings_.streaming = o.streaming;
  settings_.use_server_token_count = o.use_server_token_count;
  aiperf::tokenizer const* tok = &*ctx.tok;
  count_ = [tok](std::string_view text) { return tok->count(text); };
  if (o.goodput) {
    // "tag:value tag:value" in display units -> storage units (spec §4.1, §4.2).
    std::istringstream in(*o.goodput);
    std::string item;
    while (in >> item) {
      const auto colon = item.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
        throw usage_failure("--goodput: expected space-separated 'key:value' pairs, got '" + item + "'");
      const std::string tag = item.substr(0, colon);
      metric_def const* def = find_record_metric(tag);
      if (!def || (def->flags & (error_only | fidelity)))
        throw usage_failure("Unknown metric tag in --goodput: " + tag);
      if ((def->flags & streaming_only) && !o.streaming)
        throw usage_failure("Invalid --goodput: metric(s) ['" + tag +
                                  "'] are not applicable to the current endpoint/configuration.");
      double v;
      try {
        std::size_t used = 0;
        v = std::stod(item.substr(colon + 1), &used);
        if (used != item.size() - colon - 1) throw std::invalid_argument("trailing");
      } catch (std::exception const&) {
        throw usage_failure("--goodput: value of '" + tag + "' is not a number: '" + item.substr(colon + 1) + "'");
      }
      settings_.slos.emplace_back(def, v / def->scale);
    }
  }
}

record_processor::~record_processor() {
  if (jsonl_) std::fclose(jsonl_);
}

void record_processor::write_inputs(prepared_dataset const& data) {
  write_file_atomically(ctx_.artifact_dir / "inputs.json", render_inputs_json(data));
}

void record_processor::begin(clock_anchor anchor, prepared_dataset const& data) {
  anchor_ = anchor;
  data_ = &data;
  if (ctx_.opts->export_level != "summary") {
    const auto path = ctx_.artifact_dir / "profile_export.jsonl";
    jsonl_ = std::fopen(path.c_str(), "wb");
    if (!jsonl_) throw std::runtime_error("cannot write " + path.string());
  }
  last_progress_ns_ = steady_ns();
}

void record_processor::on_record(request_record const& r) {
  record_values v = compute_record(r, count_, settings_);
  if (jsonl_) {
    // One line per request (spec §6.4): metadata, metrics in display units, error.
    line_.clear();
    line_ += fmt::format(R"({{"metadata":{{"session_num":{},"request_num":{},"conversation_id":)", r.session_num,
                         r.request_num);
    aiperf::detail::append_json_string(line_, data_->conversations[r.conversation_index].id);
    line_ += fmt::format(R"(,"turn_index":{},"request_start_ns":{})", r.turn_index, r.wall_start_ns);
    if (r.ack_ns > 0 && settings_.streaming) line_ += fmt::format(R"(,"request_ack_ns":{})", anchor_.to_wall(r.ack_ns));
    line_ += fmt::format(R"(,"request_end_ns":{})", anchor_.to_wall(r.end_ns));
    if (r.intended_ns > 0) line_ += fmt::format(R"(,"intended_send_ns":{})", anchor_.to_wall(r.intended_ns));
    line_ += fmt::format(R"(,"worker_id":"worker_{}","record_processor_id":"record_processor_0","benchmark_phase":"{}","was_cancelled":{})",
                         r.worker, to_string(r.phase), r.was_cancelled ? "true" : "false");
    if (r.was_cancelled) line_ += fmt::format(R"(,"cancellation_time_ns":{})", anchor_.to_wall(r.cancel_ns));
    line_ += R"(},"metrics":{)";
    bool first = true;
    for (auto const& def : record_metric_defs) {
      auto const& x = v.v[static_cast<std::size_t>(def.slot)];
      if (!x || ((def.flags & streaming_only) && !settings_.streaming)) continue;
      line_ += first ? "\"" : ",\"";
      first = false;
      line_ += def.tag;
      line_ += "\":{\"value\":";
      append_number(line_, *x * def.scale, def.integer);
      line_ += ",\"unit\":\"";
      line_ += def.unit;
      line_ += "\"}";
    }
    if (v.has_icl) {
      line_ += first ? "\"inter_chunk_latency\":{\"value\":[" : ",\"inter_chunk_latency\":{\"value\":[";
      for (std::size_t i = 0; i < v.icl.size(); ++i) {
        if (i) line_ += ',';
        append_number(line_, v.icl[i] * 1e-6);
      }
      line_ += "],\"unit\":\"ms\"}";
    }
    line_ += '}';
    if (r.error) {
      line_ += R"(,"error":{)";
      if (r.error->code != 0) line_ += fmt::format(R"("code":{},)", r.error->code);
      line_ += "\"type\":";
      aiperf::detail::append_json_string(line_, r.error->type);
      line_ += ",\"message\":";
      aiperf::detail::append_json_string(line_, r.error->message);
      line_ += '}';
    }
    line_ += "}\n";
    std::fwrite(line_.data(), 1, line_.size(), jsonl_);
  }
  const std::int64_t now = steady_ns();
  if (jsonl_ && now - last_flush_ns_ > 200'000'000) {  // streamed: a crash loses at most ~0.2 s
    std::fflush(jsonl_);
    last_flush_ns_ = now;
  }
  ++processed_;
  if (now - last_progress_ns_ > 5'000'000'000LL) {
    log_info("Progress: {} requests completed", processed_);
    last_progress_ns_ = now;
  }
  std::lock_guard lock(mu_);
  values_.emplace(&r, std::move(v));
}

int record_processor::finish(std::vector<request_record const*> const& records, run_times const& times,
                             bool cancelled, std::vector<std::pair<std::int64_t, std::int64_t>> const& shard_load) {
  if (jsonl_) {
    std::fclose(jsonl_);
    jsonl_ = nullptr;
  }
  std::vector<std::pair<request_record const*, record_values const*>> prof, warm;
  {
    std::lock_guard lock(mu_);
    for (auto const* r : records) {
      auto it = values_.find(r);
      if (it == values_.end()) it = values_.emplace(r, compute_record(*r, count_, settings_)).first;
      (r->phase == benchmark_phase::profiling ? prof : warm).emplace_back(r, &it->second);
    }
  }
  const bool goodput_on = !settings_.slos.empty();
  const summary s = summarize(prof, settings_.streaming, goodput_on, anchor_);
  const summary ws = summarize(warm, settings_.streaming, false, anchor_);
  const std::string benchmark_id = fmt::format("{:012x}", detail::mix64(ctx_.seed ^ static_cast<std::uint64_t>(times.anchor.wall)) & 0xffffffffffffULL);

  const auto dir = ctx_.artifact_dir;
  const std::string prefix = ctx_.opts->profile_export_prefix.value_or("profile_export");
  const auto json_path = dir / (ctx_.opts->profile_export_prefix ? prefix + ".json" : "profile_export_aiperf.json");
  const auto csv_path = dir / (ctx_.opts->profile_export_prefix ? prefix + ".csv" : "profile_export_aiperf.csv");
  write_file_atomically(json_path, render_summary_json(s, &ws, ctx_, times, cancelled, benchmark_id));
  write_file_atomically(csv_path, render_summary_csv(s));
  std::vector<std::string> exports = {"JSON Export: " + json_path.string(), "CSV Export: " + csv_path.string()};
  if (ctx_.opts->export_level != "summary")
    exports.push_back("JSONL Export: " + (dir / "profile_export.jsonl").string());
  exports.push_back("Log File: " + (dir / "logs" / "aiperf.log").string());

  // Client self-accounting (PERFORMANCE G10).
  for (std::size_t i = 0; i < shard_load.size(); ++i) {
    const auto [cpu, wall] = shard_load[i];
    const double busy = wall > 0 ? 100.0 * static_cast<double>(cpu) / static_cast<double>(wall) : 0;
    log_info("Client shard {}: {:.3f} s CPU over {:.3f} s ({:.1f}% busy){}", i, static_cast<double>(cpu) / 1e9,
             static_cast<double>(wall) / 1e9, busy, busy > 85 ? " -- WARNING: the client may be the bottleneck" : "");
  }
  if (auto const* late = s.find("send_lateness"); late && late->dist && late->dist->p[8] > 1000.0)
    log_warning("Send lateness p99 is {:.1f} us (> 1 ms): the client did not keep its schedule", late->dist->p[8]);

  const std::string console = render_console(s, cancelled, ctx_, exports);
  std::fwrite(console.data(), 1, console.size(), stdout);
  std::fflush(stdout);
  try {
    write_file_atomically(dir / "profile_export_console.txt", console);
  } catch (std::exception const& e) {
    log_warning("{}", e.what());
  }
  if (s.ok == 0 && s.failed > 0) {
    log_error("All {} inference request(s) failed; no successful responses were collected.", s.failed);
    return 1;
  }
  return 0;
}

}  // namespace aiperf::driver
