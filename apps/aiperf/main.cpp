// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/main.cpp — the `aiperf` command: parses the command line and runs `profile`,
// `analyze-trace`, `synthesize-trace` (alias `synthesize`), `compare`, or lists the compiled-in policies (`plugins`).
// Every failure before the run is one line `aiperf: error: ...` on stderr and exit code 1.
#include "analyze_trace.hpp"
#include "cli/cli.hpp"
#include "compare.hpp"
#include "cli/plugins.hpp"
#include "logger.hpp"
#include "profile.hpp"
#include "signals.hpp"
#include "synthesize_trace.hpp"

#include <csignal>
#include <cstdio>
#include <exception>
#include <variant>

int main(int argc, char** argv) {
  // Before any thread exists, so every thread inherits the mask and only the watcher
  // receives SIGINT/SIGTERM.
  aiperf::driver::signal_watcher::block_in_this_thread();
  // A reader that goes away (`aiperf profile ... | head`) must not kill the run: the artifacts
  // are its result.  With SIGPIPE ignored a console write fails with EPIPE and the run goes on;
  // sockets never raise it (Asio sends with MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  auto parsed = aiperf::driver::parse_command_line(argc, argv);
  if (auto* e = std::get_if<aiperf::driver::cli_exit>(&parsed)) {
    std::fputs(e->out.c_str(), stdout);
    std::fputs(e->err.c_str(), stderr);
    return e->code;
  }
  if (auto* request = std::get_if<aiperf::driver::plugins_request>(&parsed)) {
    std::fputs(aiperf::driver::plugins_text(request->category).c_str(), stdout);
    return 0;
  }
  // A bad trace line (FILE:LINE: ...) or an unwritable output: one line, exit code 1.
  auto const one_line_errors = [](auto&& command) {
    try {
      return command();
    } catch (std::exception const& e) {
      std::fprintf(stderr, "aiperf: error: %s\n", e.what());
      return 1;
    }
  };
  if (auto* request = std::get_if<aiperf::driver::analyze_trace_request>(&parsed))
    return one_line_errors([&] { return aiperf::driver::run_analyze_trace(request->options); });
  if (auto* request = std::get_if<aiperf::driver::synthesize_trace_request>(&parsed))
    return one_line_errors([&] { return aiperf::driver::run_synthesize_trace(request->options); });
  if (auto* request = std::get_if<aiperf::driver::compare_request>(&parsed))
    return one_line_errors([&] { return aiperf::driver::run_compare(request->options); });
  try {
    return aiperf::driver::run_profile(std::get<aiperf::driver::parse_result>(parsed));
  } catch (aiperf::driver::usage_failure const& e) {
    std::fprintf(stderr, "aiperf: error: %s\n", e.what());
    return 1;
  } catch (std::exception const& e) {
    aiperf::driver::logger::get().write(aiperf::driver::log_level::error, e.what());
    std::fprintf(stderr, "aiperf: error: %s\n", e.what());
    return 1;
  }
}
