// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/docs.hpp — docs/cli-options.md, generated from the option declarations
// (options.hpp), the unsupported list (unsupported.hpp) and the policy registry (registry.hpp).
// Regenerate with scripts/gen-cli-docs.sh (or `aiperf profile --help-markdown`); a test compares.
#pragma once

#include <string>

namespace aiperf::driver {

std::string cli_options_markdown();

}  // namespace aiperf::driver
