// SPDX-License-Identifier: Apache-2.0
// aiperf/config.hpp — version, namespace and linkage macros shared by every header.
//
// Two delivery modes from one source tree (the Asio / {fmt} model):
//   header-only (default)     every non-template function is defined in the headers, `inline`.
//                             Link `aiperf::aiperf`.
//   separate compilation      define AIPERF_SEPARATE_COMPILATION for every TU (the CMake target
//                             `aiperf::compiled` does it as a PUBLIC definition) and compile the
//                             definitions once: `src/aiperf.cpp` (the body of `aiperf::compiled`).
//
// Layout of a compiled-once core: `aiperf/<area>/<name>.hpp` declares its non-template functions
// with AIPERF_DECL and ends with
//     #if defined(AIPERF_HEADER_ONLY)
//     #include <aiperf/<area>/impl/<name>.ipp>
//     #endif
// and `aiperf/<area>/impl/<name>.ipp` defines them (also with AIPERF_DECL).  src/aiperf.cpp
// includes every impl/*.ipp exactly once.
#pragma once

#define AIPERF_VERSION_MAJOR 0
#define AIPERF_VERSION_MINOR 1
#define AIPERF_VERSION_PATCH 0
#define AIPERF_VERSION_STRING "0.1.0"

#if defined(AIPERF_SEPARATE_COMPILATION) && defined(AIPERF_HEADER_ONLY)
#error "AIPERF_SEPARATE_COMPILATION and AIPERF_HEADER_ONLY are exclusive: link aiperf::compiled or aiperf::aiperf"
#endif
#if defined(AIPERF_SEPARATE_COMPILATION)
#define AIPERF_DECL
#else
#define AIPERF_HEADER_ONLY 1
#define AIPERF_DECL inline
#endif

namespace aiperf {
inline namespace v0 {
inline constexpr const char* version = AIPERF_VERSION_STRING;
}  // namespace v0
}  // namespace aiperf
