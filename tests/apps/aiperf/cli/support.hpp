// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the CLI tests: run parse_command_line and unwrap the expected outcome.
#pragma once

#include "catch.hpp"

#include "cli/cli.hpp"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cli_test {

/// Parses `aiperf profile -m m <extra...>`-style argument lists that must succeed.
inline aiperf::driver::parse_result ok(std::vector<std::string> const& args) {
  auto r = aiperf::driver::parse_command_line(args);
  if (auto const* e = std::get_if<aiperf::driver::cli_exit>(&r)) {
    INFO("args rejected: " << e->err);
    FAIL("expected a valid command line");
  }
  REQUIRE(std::holds_alternative<aiperf::driver::parse_result>(r));
  return std::get<aiperf::driver::parse_result>(std::move(r));
}

/// Parses an argument list that must fail; returns the stderr text (exactly one line).
inline std::string err(std::vector<std::string> const& args) {
  auto r = aiperf::driver::parse_command_line(args);
  auto const* e = std::get_if<aiperf::driver::cli_exit>(&r);
  if (!e) FAIL("expected a usage error");
  CHECK(e->code == 1);
  CHECK(e->out.empty());
  CHECK(!e->err.empty());
  CHECK(e->err.back() == '\n');
  CHECK(e->err.find('\n') == e->err.size() - 1);  // one line
  return e->err;
}

/// A command line that ends with output and exit code 0 (--help, --version, --help-markdown).
inline aiperf::driver::cli_exit exits(std::vector<std::string> const& args) {
  auto r = aiperf::driver::parse_command_line(args);
  REQUIRE(std::holds_alternative<aiperf::driver::cli_exit>(r));
  return std::get<aiperf::driver::cli_exit>(std::move(r));
}

/// `s` in backticks (appending avoids GCC 12's false -Wrestrict on "lit" + std::string).
inline std::string code(std::string_view s) {
  std::string r;
  r += '`';
  r += s;
  r += '`';
  return r;
}

/// Convenience: `profile -m m` followed by `extra`.
inline std::vector<std::string> profile(std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"profile", "-m", "m"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace cli_test
