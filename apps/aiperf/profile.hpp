// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/profile.hpp — `aiperf profile`: resolve everything, run, export.
#pragma once
#include "cli/cli.hpp"

#include <aiperf/results/summary.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace aiperf::driver {

/// A problem found before the run starts (unreachable server, unusable artifact directory,
/// missing tokenizer): reported as one line, exit code 1, nothing written.
struct usage_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int run_profile(parse_result const& cli);

/// What differs between the runs of one invocation (--num-profile-runs, --concurrency sweeps).
struct run_setup {
  std::filesystem::path artifact_dir;           // this run's artifact directory
  std::optional<std::uint64_t> seed = {};       // nullopt: a fresh random seed
  std::string label = {};                       // "run_0002" (logged), "" for a plain run
};

/// The exit code of one run and, when it ran, its summary.
struct run_outcome {
  int code = 0;
  std::optional<results::run_summary> summary = {};
};

/// One complete benchmark with the (possibly varied) options `o`: every artifact of a normal run
/// in setup.artifact_dir, the console report printed.  Throws usage_failure before anything runs.
run_outcome run_single(parse_result const& cli, profile_options const& o, run_setup const& setup);

/// The artifact directory of the invocation: --artifact-dir, or AIPerf's derived sub-directory.
std::filesystem::path base_artifact_dir(parse_result const& cli);

/// --num-profile-runs N > 1 and/or a --concurrency sweep (multi_run.cpp): the runs in turn, then
/// the confidence aggregate of each group of repeated runs.
int run_repeated(parse_result const& cli);

}  // namespace aiperf::driver
