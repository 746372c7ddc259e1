// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/plugins.hpp — `aiperf plugins [category]`: what this build has compiled in,
// read from the driver's registry (registry.hpp, aiperf::driver::plugins()).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aiperf::driver {

/// The registry's categories ("endpoint", "schedule", "dataset"), in listing order.
std::vector<std::string_view> plugin_categories();

/// One line per compiled-in policy of `category` ("" = all): category, name and description in
/// aligned columns.  An unknown category lists nothing (the CLI refuses it first).
std::string plugins_text(std::string_view category = {});

}  // namespace aiperf::driver
