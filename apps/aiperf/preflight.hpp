// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/preflight.hpp — checks made before the clock starts, so a run that cannot work
// fails in one clear line instead of producing a table of errors: the server accepts a TCP
// connection, the artifact directory is writable.
#pragma once
#include <aiperf/transport/url.hpp>

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

namespace aiperf::driver {

/// nullopt when `target` accepts a TCP connection within `timeout`, else the reason.
inline std::optional<std::string> check_reachable(url const& target, std::chrono::milliseconds timeout) {
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  asio::ip::tcp::socket socket(io);
  asio::steady_timer timer(io, timeout);
  std::error_code result = asio::error::would_block;
  resolver.async_resolve(target.host, std::to_string(target.port),
                         [&](std::error_code ec, asio::ip::tcp::resolver::results_type rs) {
                           if (ec) {
                             result = ec;
                             timer.cancel();
                             return;
                           }
                           asio::async_connect(socket, rs, [&](std::error_code ec2, auto const&) {
                             result = ec2;
                             timer.cancel();
                           });
                         });
  timer.async_wait([&](std::error_code ec) {
    if (!ec) {
      result = asio::error::timed_out;
      resolver.cancel();
      std::error_code ignored;
      socket.close(ignored);
    }
  });
  io.run();
  if (!result) return std::nullopt;
  return "cannot connect to " + target.to_string() + " (" + target.authority() + "): " + result.message();
}

/// Creates `dir` (and logs/) and proves a file can be written there.
inline std::optional<std::string> prepare_artifact_dir(std::filesystem::path const& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "logs", ec);
  if (ec) return "cannot create artifact directory " + dir.string() + ": " + ec.message();
  const auto probe = dir / ".aiperf-write-test";
  {
    std::ofstream f(probe);
    if (!f || !(f << "ok")) return "artifact directory " + dir.string() + " is not writable";
  }
  std::filesystem::remove(probe, ec);
  return std::nullopt;
}

}  // namespace aiperf::driver
