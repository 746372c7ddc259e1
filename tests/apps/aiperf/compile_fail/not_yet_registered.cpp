// SPDX-License-Identifier: Apache-2.0
// Must not compile: a registered endpoint name listed as "not supported yet" would be refused
// although its type is compiled in (options.hpp checks every section's rows).
#include "cli/options.hpp"

#define AIPERF_BROKEN_OPTIONS(X)                                                                  \
  X(std::string, kind, {"chat"}, "--kind", "Endpoint", "API of the server.",                      \
    .choices = names_of(endpoint_types{}), .not_yet = {"embeddings", "completions"})

AIPERF_DEFINE_OPTION_SECTION(broken, AIPERF_BROKEN_OPTIONS)

int main() { return 0; }
