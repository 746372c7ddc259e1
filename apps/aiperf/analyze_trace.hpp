// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/analyze_trace.hpp — `aiperf analyze-trace` (spec load-generation §10.1): reads a
// Mooncake trace, prints the analysis report (datasets/trace_analysis.hpp) and, with
// --output-file, writes it as JSON.
#pragma once
#include "cli/options.hpp"

namespace aiperf::driver {

/// Runs the command; returns the exit code.  A bad trace line throws datasets::trace_error
/// ("FILE:LINE: ..."), an unwritable --output-file std::runtime_error naming the file: main()
/// prints either as `aiperf: error: ...` with exit code 1.
int run_analyze_trace(analyze_trace_section const& options);

}  // namespace aiperf::driver
