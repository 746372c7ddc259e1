// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/synthesize_trace.hpp — `aiperf synthesize-trace` / `aiperf synthesize` (spec
// load-generation §10.2): reads a Mooncake trace, applies the synthesis transform
// (datasets/trace_synthesis.hpp) and writes the result as Mooncake JSONL.
#pragma once
#include "cli/options.hpp"

namespace aiperf::driver {

/// Runs the command; returns the exit code.  A bad trace line throws datasets::trace_error
/// ("FILE:LINE: ..."), an unwritable output std::runtime_error naming the file: main() prints
/// either as `aiperf: error: ...` with exit code 1, and nothing is written.
int run_synthesize_trace(synthesize_trace_section const& options);

}  // namespace aiperf::driver
