// SPDX-License-Identifier: Apache-2.0
// aiperf/config.hpp — version, namespace and linkage macros shared by every header.
#pragma once

#define AIPERF_VERSION_MAJOR 0
#define AIPERF_VERSION_MINOR 1
#define AIPERF_VERSION_PATCH 0
#define AIPERF_VERSION_STRING "0.1.0"

// Non-template functions defined in headers are `inline` so that any number of translation
// units may include them (header-only mode).  AIPERF_DECL marks them in one place.
#ifndef AIPERF_DECL
#define AIPERF_DECL inline
#endif

namespace aiperf {
inline namespace v0 {
inline constexpr const char* version = AIPERF_VERSION_STRING;
}  // namespace v0
}  // namespace aiperf
