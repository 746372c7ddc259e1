// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/session.ipp — definitions for session.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/clock.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/telemetry/http_get.hpp>
#include <aiperf/telemetry/nvml.hpp>
#include <aiperf/telemetry/session.hpp>
#include <aiperf/transport/url.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

AIPERF_DECL std::string normalize_metrics_url(std::string_view text) {
  std::string u(text);
  if (u.find("://") == std::string::npos) u = "http://" + u;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (!u.ends_with("/metrics")) u += "/metrics";
  return u;
}

struct session::nvml_holder {
  nvml_collector collector = {};
};

AIPERF_DECL session::session(session_options o) : o_(std::move(o)) {
  for (auto const& t : o_.server_targets) server_configured_.push_back(t.url);
  for (auto const& t : o_.dcgm_targets) dcgm_configured_.push_back(t.url);
}

AIPERF_DECL session::~session() { stop(); }

AIPERF_DECL void session::note(bool explicit_, std::string const& msg) const {
  auto const& sink = explicit_ ? o_.warn : o_.info;
  if (sink) sink(msg);
}

AIPERF_DECL void session::check_targets() {
  auto fetch = [&](std::string const& u) -> std::pair<std::optional<http_get_result>, std::string> {
    try {
      return {http_get(parse_url(u), o_.reachability_timeout), ""};
    } catch (std::exception const& e) {
      return {std::nullopt, e.what()};
    }
  };
  auto is_json = [](std::string_view ct) { return ct.find("application/json") != std::string_view::npos; };
  for (auto const& t : o_.server_targets) {
    std::string u = t.url;
    auto [r, bad_url] = fetch(u);
    const std::string flag = t.explicit_ ? "--server-metrics " : "server metrics ";
    if (!r) {
      note(t.explicit_, fmt::format("{}{}: {}; not collected", flag, u, bad_url));
      continue;
    }
    if (!r->error.empty() || r->status != 200) {
      note(t.explicit_, fmt::format("{}{}: {}; not collected", flag, u,
                                    r->error.empty() ? fmt::format("HTTP {}", r->status) : r->error));
      continue;
    }
    bool usable = !is_json(r->content_type);
    if (usable) {
      try {
        (void)parse_prometheus(r->body);
      } catch (prometheus_error const& e) {
        usable = false;
        note(t.explicit_, fmt::format("{}{}: not Prometheus text ({})", flag, u, e.what()));
      }
    }
    if (!usable) {
      // TRT-LLM serves JSON on /metrics and Prometheus text on /prometheus/metrics: try once.
      const std::string alt = u.substr(0, u.size() - 8) + "/prometheus/metrics";
      bool swapped = false;
      if (!u.ends_with("/prometheus/metrics")) {
        auto [r2, e2] = fetch(alt);
        if (r2 && r2->ok() && !is_json(r2->content_type)) {
          try {
            (void)parse_prometheus(r2->body);
            swapped = true;
          } catch (prometheus_error const&) {
          }
        }
      }
      if (!swapped) {
        note(t.explicit_, fmt::format("Disabling server metrics collection for {}: endpoint '{}' returned non-Prometheus "
                                      "content-type '{}'; expected text/plain (Prometheus exposition format). To suppress "
                                      "this warning, pass --no-server-metrics.",
                                      u, u, r->content_type));
        continue;
      }
      if (o_.info) o_.info(fmt::format("Server metrics: {} serves JSON; using {}", u, alt));
      u = alt;
    }
    server_.push_back({.url = u});
  }
  for (auto const& t : o_.dcgm_targets) {
    auto [r, bad_url] = fetch(t.url);
    const std::string why = !r ? bad_url : !r->error.empty() ? r->error : r->status != 200 ? fmt::format("HTTP {}", r->status) : "";
    if (!why.empty()) {
      note(t.explicit_, fmt::format("GPU telemetry: DCGM exporter {} unreachable ({}); not collected", t.url, why));
      errors_.push_back(fmt::format("{}: {}", t.url, why));
      continue;
    }
    dcgm_.push_back({.url = t.url});
  }
  if (o_.nvml) {
    nvml_ = std::make_unique<nvml_holder>();
    if (!nvml_->collector.ok()) {
      if (o_.warn) o_.warn(nvml_->collector.error());
      errors_.push_back(nvml_->collector.error());
      nvml_.reset();
    } else if (o_.info) {
      o_.info(fmt::format("GPU telemetry: NVML sees {} GPU(s)", nvml_->collector.device_count()));
    }
  }
}

AIPERF_DECL void session::scrape_once() {
  for (auto& ep : server_) {
    http_get_result r;
    try {
      r = http_get(parse_url(ep.url), o_.scrape_timeout);
    } catch (std::exception const& e) {
      r.error = e.what();
    }
    if (!r.ok()) {
      if (!ep.warned && o_.warn) o_.warn(fmt::format("Server metrics: scrape of {} failed: {}", ep.url, r.error.empty() ? fmt::format("HTTP {}", r.status) : r.error));
      ep.warned = true;
      continue;
    }
    const std::size_t h = std::hash<std::string>{}(r.body);
    server_scrape s{.endpoint_url = ep.url,
                    .timestamp_ns = r.end_ns,
                    .request_sent_ns = r.sent_ns,
                    .first_byte_ns = r.first_byte_ns,
                    .endpoint_latency_ns = r.end_ns - r.sent_ns,
                    .changed = !ep.have_hash || h != ep.last_hash};
    ep.last_hash = h;
    ep.have_hash = true;
    try {
      s.families = select_server_families(parse_prometheus(r.body));
    } catch (prometheus_error const& e) {
      if (!ep.warned && o_.warn) o_.warn(fmt::format("Server metrics: {} served malformed text ({}); scrape skipped", ep.url, e.what()));
      ep.warned = true;
      continue;
    }
    scrapes_.push_back(std::move(s));
  }
  for (auto& ep : dcgm_) {
    http_get_result r;
    try {
      r = http_get(parse_url(ep.url), o_.scrape_timeout);
    } catch (std::exception const& e) {
      r.error = e.what();
    }
    if (!r.ok()) continue;
    const std::size_t h = std::hash<std::string>{}(r.body);
    if (ep.have_hash && h == ep.last_hash) continue;  // §8.1.1: an identical body is not a new sample
    ep.last_hash = h;
    ep.have_hash = true;
    try {
      for (auto& rec : parse_dcgm(parse_prometheus(r.body), ep.url, wall_ns())) gpu_.push_back(std::move(rec));
    } catch (prometheus_error const& e) {
      if (!ep.warned && o_.warn) o_.warn(fmt::format("GPU telemetry: {} served malformed text ({})", ep.url, e.what()));
      ep.warned = true;
    }
  }
  if (nvml_)
    for (auto& rec : nvml_->collector.sample()) gpu_.push_back(std::move(rec));
}

AIPERF_DECL void session::start() {
  if (started_ || (server_.empty() && dcgm_.empty() && !nvml_)) return;
  started_ = true;
  scrape_once();  // the baseline: every counter's reference before warmup
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    auto next = std::chrono::steady_clock::now() + o_.interval;
    while (!cv_.wait_until(lock, next, [this] { return stopping_; })) {
      lock.unlock();
      scrape_once();
      lock.lock();
      next += o_.interval;
      const auto now = std::chrono::steady_clock::now();
      if (next < now) next = now + o_.interval;  // a slow scrape: do not burst to catch up
    }
  });
}

AIPERF_DECL void session::stop() {
  if (!started_ || stopped_) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  stopped_ = true;
  // The final scrape, after the last response: the counters' end point.  DCGM's identical-body
  // rule is lifted so the window always has a sample at its end.
  for (auto& ep : dcgm_) ep.have_hash = false;
  scrape_once();
  final_scrape_ns_ = wall_ns();
}

AIPERF_DECL std::int64_t session::window_end(std::int64_t profiling_end) const noexcept {
  return std::max(profiling_end, final_scrape_ns_);
}

AIPERF_DECL void session::attach(results::run_summary& s) const {
  if (dcgm_configured_.empty() && !o_.nvml) return;
  const std::int64_t end = window_end(s.info.end_wall_ns);
  const auto gpus = summarize_gpus(gpu_, s.info.start_wall_ns, end);
  gpu_telemetry_context ctx{.endpoints_configured = dcgm_configured_, .start_ns = s.info.start_wall_ns, .end_ns = end,
                            .errors = errors_};
  for (auto const& d : dcgm_) ctx.endpoints_successful.push_back(d.url);
  if (o_.nvml) {
    ctx.endpoints_configured.emplace_back(nvml_source);
    if (nvml_) ctx.endpoints_successful.emplace_back(nvml_source);
  }
  if (ctx.endpoints_successful.empty() && !o_.gpu_console) return;  // nothing reachable and nobody asked
  s.attached.telemetry_data_json = render_telemetry_data_json(gpus, ctx);
  s.attached.telemetry_csv = render_telemetry_csv(gpus);
  if (o_.gpu_console) s.attached.telemetry_console = render_telemetry_console(gpus, ctx);
}

AIPERF_DECL session_outputs session::write(results::artifact_paths const& paths, results::run_summary const& s) const {
  session_outputs out;
  // Each file on its own: a full disk costs the file it hit, never the others or the report.
  auto write = [&](std::string_view label, std::filesystem::path const& path, auto&& content) {
    try {
      results::write_file_atomically(path, content);
      out.files.push_back({label, path});
    } catch (std::exception const& e) {
      out.errors.emplace_back(e.what());
    }
  };
  using sink_fn = aiperf::detail::function_ref<void(std::string_view)>;
  if (!server_configured_.empty() && !server_.empty()) {
    const std::int64_t end = window_end(s.info.end_wall_ns);
    const auto metrics = summarize_server_metrics(scrapes_, s.info.start_wall_ns, end);
    server_metrics_context ctx{.benchmark_id = s.info.benchmark_id, .input_config_json = s.info.input_config_json,
                               .start_ns = s.info.start_wall_ns, .end_ns = end,
                               .endpoints_configured = server_configured_};
    for (auto const& e : server_) ctx.endpoints_successful.push_back(e.url);
    auto wants = [&](std::string_view f) {
      return std::find(o_.server_formats.begin(), o_.server_formats.end(), f) != o_.server_formats.end();
    };
    if (wants("json"))
      write("Server Metrics Export", paths.server_metrics_json, render_server_metrics_json(scrapes_, metrics, ctx));
    if (wants("csv")) write("Server Metrics Export", paths.server_metrics_csv, render_server_metrics_csv(metrics, ctx));
    if (wants("jsonl"))
      write("Server Metrics Export", paths.server_metrics_jsonl, [&](sink_fn sink) {
        std::string line;
        for (auto const& sc : scrapes_) {
          line.clear();
          append_server_scrape_jsonl(line, sc);
          line += '\n';
          sink(line);
        }
      });
  }
  if (!paths.jsonl.empty() && !gpu_.empty())
    write("GPU Telemetry Export", paths.gpu_telemetry_jsonl, [&](sink_fn sink) {
      std::string line;
      for (auto const& r : gpu_) {
        line.clear();
        append_gpu_record_jsonl(line, r);
        line += '\n';
        sink(line);
      }
    });
  return out;
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
