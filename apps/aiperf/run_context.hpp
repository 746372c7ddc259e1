// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/run_context.hpp — everything `aiperf profile` resolved before the clock starts,
// handed to the endpoint-specific run (run_endpoint<E>, one TU per endpoint) and to the
// non-template result processing.
#pragma once
#include "cli/cli.hpp"

#include <aiperf/conversation.hpp>
#include <aiperf/record.hpp>
#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/runner/benchmark.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>
#include <aiperf/transport/url.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aiperf::driver {

class record_processor;  // results.hpp

struct run_context {
  parse_result const* cli = nullptr;
  profile_options const* opts = nullptr;
  url target;
  std::filesystem::path artifact_dir;
  std::uint64_t seed = 0;
  std::optional<aiperf::tokenizer> tok;
  std::vector<conversation> conversations;
  std::optional<any_schedule> profiling_schedule;
  std::optional<any_schedule> warmup_schedule;
  benchmark_config bench;
  record_processor* processor = nullptr;
};

/// Runs the benchmark with endpoint E and processes its results; returns the exit code.
/// Explicitly instantiated in run_<endpoint>.cpp.
template <class E>
int run_endpoint(E endpoint, run_context& ctx);

}  // namespace aiperf::driver
