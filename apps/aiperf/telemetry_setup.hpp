// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/telemetry_setup.hpp — the command line's server-metrics and GPU-telemetry
// options (spec measurement §8.1.1, §8.2.1) resolved into a telemetry::session's targets:
// every --url's /metrics plus --server-metrics; DCGM on localhost:9400 and 9401 plus the
// --gpu-telemetry URLs; `pynvml` for NVML.  Default targets are marked as such, so a machine
// without them gets a note, not a warning.
#pragma once
#include "cli/cli.hpp"
#include "logger.hpp"

#include <aiperf/telemetry/session.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace aiperf::driver {

/// The session's options; throws usage_failure for a --gpu-telemetry token this build lacks.
inline telemetry::session_options telemetry_options_from(parse_result const& cli) {
  profile_options const& o = cli.options;
  telemetry::session_options so;
  auto add = [](std::vector<telemetry::scrape_target>& into, std::string const& raw, bool explicit_) {
    const std::string u = telemetry::normalize_metrics_url(raw);
    for (auto const& t : into)
      if (t.url == u) return;  // deduped, first seen wins
    into.push_back({u, explicit_});
  };
  if (!o.output.no_server_metrics) {
    for (auto const& u : o.endpoint.urls) add(so.server_targets, u, false);
    for (auto const& u : o.output.server_metrics) add(so.server_targets, u, true);
    so.server_formats = o.output.server_metrics_formats;
  }
  if (!o.output.no_gpu_telemetry) {
    add(so.dcgm_targets, "http://localhost:9400/metrics", false);
    add(so.dcgm_targets, "http://localhost:9401/metrics", false);
    for (auto const& token : o.output.gpu_telemetry) {
      if (token == "pynvml") so.nvml = true;
      else if (token == "dashboard") continue;  // the dashboard panel: no live dashboard in this build
      else if (token == "amdsmi") throw usage_failure("--gpu-telemetry amdsmi is not supported yet by this build (use pynvml or a DCGM exporter URL)");
      else if (token.ends_with(".csv")) throw usage_failure("--gpu-telemetry " + token + ": custom DCGM field files are not supported yet by this build");
      else add(so.dcgm_targets, token, true);
    }
  }
  so.gpu_console = cli.was_set("gpu_telemetry");
  so.info = [](std::string_view m) { log_info("{}", m); };
  so.warn = [](std::string_view m) { log_warning("{}", m); };
  return so;
}

}  // namespace aiperf::driver
