// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/profile.hpp — `aiperf profile`: resolve everything, run, export.
#pragma once
#include "cli/cli.hpp"

#include <stdexcept>

namespace aiperf::driver {

/// A problem found before the run starts (unreachable server, unusable artifact directory,
/// missing tokenizer): reported as one line, exit code 1, nothing written.
struct usage_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int run_profile(parse_result const& cli);

}  // namespace aiperf::driver
