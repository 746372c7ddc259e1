// SPDX-License-Identifier: Apache-2.0
// aiperf-mock-server command line: parses flags (CLI11), runs the server until SIGINT/SIGTERM.
#include "server.hpp"

#include <CLI/CLI.hpp>
#include <asio/signal_set.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace {

namespace mock = aiperf::mock;

/// Writes the port to `path` through a temporary file and rename, so a reader never sees a
/// partial number.
bool write_port_file(const std::string& path, std::uint16_t port, std::string& err) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::trunc);
    if (!f) {
      err = "--port-file: cannot write '" + tmp + "'";
      return false;
    }
    f << port << '\n';
    if (!f.flush()) {
      err = "--port-file: write to '" + tmp + "' failed";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    err = "--port-file: cannot rename to '" + path + "'";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  // Many thousands of connections need descriptors: raise the soft limit to the hard one.
  if (rlimit rl{}; ::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
  mock::server_config cfg;
  std::string port_file, ttft_dist = "fixed", itl_dist = "fixed", fault;
  int port = 8000;

  CLI::App app{"aiperf-mock-server: a fast OpenAI-compatible mock server with timing control and fault injection",
               "aiperf-mock-server"};
  app.option_defaults()->always_capture_default();
  app.add_option("--host", cfg.host, "Address to listen on");
  app.add_option("--port", port, "Port to listen on (0: pick a free port)")->check(CLI::Range(0, 65535));
  app.add_option("--port-file", port_file, "Write the bound port to this file (atomically)");
  app.add_option("--workers", cfg.workers, "Server threads (each with its own io_context and SO_REUSEPORT listener)")
      ->check(CLI::Range(1u, 256u));
  app.add_option("--model", cfg.models, "Model name served (repeatable; default: any model accepted)")
      ->take_all()->allow_extra_args(false);
  app.add_option("--ttft", cfg.ttft.mean_ms, "Time to first token in ms (from request receipt)")
      ->check(CLI::Range(0.0, 3.6e6));
  app.add_option("--itl", cfg.itl.mean_ms, "Inter-token latency in ms (between chunks)")->check(CLI::Range(0.0, 3.6e6));
  app.add_option("--ttft-dist", ttft_dist, "TTFT distribution")
      ->check(CLI::IsMember({"fixed", "normal", "lognormal", "uniform"}));
  app.add_option("--ttft-stddev", cfg.ttft.stddev_ms, "TTFT standard deviation in ms")->check(CLI::Range(0.0, 3.6e6));
  app.add_option("--itl-dist", itl_dist, "ITL distribution")
      ->check(CLI::IsMember({"fixed", "normal", "lognormal", "uniform"}));
  app.add_option("--itl-stddev", cfg.itl.stddev_ms, "ITL standard deviation in ms")->check(CLI::Range(0.0, 3.6e6));
  app.add_option("--seed", cfg.seed, "Random seed (latency draws, error/fault rates, EOS)");
  app.add_option("--default-osl", cfg.default_osl, "Tokens generated when the request sets no max_tokens")
      ->check(CLI::Range(1u, 1000000u));
  app.add_option("--tokens-per-chunk", cfg.tokens_per_chunk, "Tokens per SSE event")->check(CLI::Range(1u, 100000u));
  app.add_option("--eos-probability", cfg.eos_probability,
                 "Per-token chance to stop early (requests with ignore_eos:true never stop early)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--reasoning-tokens", cfg.reasoning_tokens,
                 "Reasoning tokens emitted before the content (chat; reasoning_effort overrides)")
      ->check(CLI::Range(0u, 1000000u));
  app.add_option("--reasoning-field", cfg.reasoning_field, "Delta field carrying reasoning text")
      ->check(CLI::IsMember({"reasoning_content", "reasoning"}));
  app.add_option("--error-rate", cfg.error_rate, "Fraction of inference requests answered with --error-status")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--error-status", cfg.error_status, "HTTP status for --error-rate errors")->check(CLI::Range(400, 599));
  app.add_option("--fault", fault,
                 "Faults for inference requests, e.g. 'close=3' or 'stall=2:1.5,no-done' (see docs/mock-server.md; "
                 "a request's X-Mock-Fault header adds to these)");
  app.add_option("--fault-rate", cfg.fault_rate, "Fraction of inference requests that get --fault")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--embedding-dim", cfg.embedding_dim, "Length of /v1/embeddings vectors")
      ->check(CLI::Range(1u, 65536u));
  app.add_option("--request-log", cfg.request_log,
                 "Write one JSON line per inference request received (arrival time, path, X-Request-ID, "
                 "X-Correlation-ID, body) to this file; for checking what a client sends");
  app.add_flag("--quiet", cfg.quiet, "No shutdown summary (the listening line is still printed)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "aiperf-mock-server: " << e.what() << "\nRun with --help for the options.\n";
    return 1;
  }
  cfg.port = static_cast<std::uint16_t>(port);
  cfg.ttft.kind = *mock::parse_dist_kind(ttft_dist);
  cfg.itl.kind = *mock::parse_dist_kind(itl_dist);
  if (cfg.ttft.kind != mock::dist_kind::fixed && cfg.ttft.stddev_ms <= 0.0)
    std::cerr << "aiperf-mock-server: note: --ttft-dist " << ttft_dist << " with --ttft-stddev 0 is fixed\n";
  if (cfg.itl.kind != mock::dist_kind::fixed && cfg.itl.stddev_ms <= 0.0)
    std::cerr << "aiperf-mock-server: note: --itl-dist " << itl_dist << " with --itl-stddev 0 is fixed\n";
  if (!fault.empty()) {
    try {
      cfg.fault = mock::parse_fault_spec(fault);
    } catch (const std::exception& e) {
      std::cerr << "aiperf-mock-server: --fault: " << e.what() << '\n';
      return 1;
    }
  }

  std::optional<mock::server> srv_holder;
  try {
    srv_holder.emplace(cfg);
  } catch (const std::exception& e) {
    std::cerr << "aiperf-mock-server: " << e.what() << '\n';
    return 1;
  }
  mock::server& srv = *srv_holder;
  try {
    srv.start();
  } catch (const std::exception& e) {
    std::cerr << "aiperf-mock-server: cannot listen on " << cfg.host << ':' << cfg.port << ": " << e.what() << '\n';
    return 1;
  }
  fmt::print("aiperf-mock-server listening on http://{}:{}\n", cfg.host, srv.port());
  std::fflush(stdout);
  if (!port_file.empty()) {
    std::string err;
    if (!write_port_file(port_file, srv.port(), err)) {
      std::cerr << "aiperf-mock-server: " << err << '\n';
      srv.stop();
      return 1;
    }
  }

  asio::io_context main_ioc;
  asio::signal_set signals(main_ioc, SIGINT, SIGTERM);
  int got = 0;
  signals.async_wait([&](std::error_code ec, int sig) {
    if (!ec) got = sig;
  });
  main_ioc.run();
  srv.stop();
  if (!cfg.quiet) {
    const auto& m = srv.metrics();
    fmt::print(stderr,
               "aiperf-mock-server: stopped by {} after {:.1f} s: {} requests served ({} inference, {} streamed, "
               "{} errors, {} with faults), {} tokens generated, {} connections\n",
               got == SIGINT ? "SIGINT" : "SIGTERM", srv.uptime_seconds(), m.requests_total.load(),
               m.inference_requests.load(), m.streamed.load(), m.errors.load(), m.faults.load(),
               m.generation_tokens.load(), m.connections_total.load());
  }
  return 0;
}
