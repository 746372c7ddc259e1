// SPDX-License-Identifier: Apache-2.0
// Must not compile: an option declared without a help sentence (and one without flags that is
// not `.resolved`).
#include "cli/options.hpp"

#define AIPERF_BROKEN_OPTIONS(X)                                 \
  X(int, retries, {3}, "--retries", "Endpoint", "")              \
  X(int, hidden, {0}, "", "Endpoint", "Not a flag, not resolved.")

AIPERF_DEFINE_OPTION_SECTION(broken, AIPERF_BROKEN_OPTIONS)

int main() { return 0; }
