// SPDX-License-Identifier: Apache-2.0
// Must not compile: a TU cannot be header-only and separately compiled at once (STYLE.md §6
// pitfall 7); aiperf::compiled defines AIPERF_SEPARATE_COMPILATION for it.
#define AIPERF_HEADER_ONLY 1
#include <aiperf/config.hpp>

int main() {}
