// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/compare.hpp — `aiperf compare BASELINE CANDIDATE...` (docs/compare.md): for each
// headline metric and statistic, the candidate's difference from the baseline, a confidence
// interval of it (report/compare.hpp) and a verdict; a console table and compare.json.
#pragma once
#include "cli/options.hpp"

namespace aiperf::driver {

/// Runs the command; returns 0, or 3 with --fail-on-regression when a candidate is worse.  A path
/// without a run, or a run without one of its files, throws std::runtime_error naming the path
/// and the file: main() prints it as `aiperf: error: ...` with exit code 1.
int run_compare(compare_section const& options);

}  // namespace aiperf::driver
