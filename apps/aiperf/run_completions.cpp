// SPDX-License-Identifier: Apache-2.0
// The driver's instantiation for `--endpoint-type completions`.
#include "run_endpoint.hpp"

#include <aiperf/endpoints/openai_completions.hpp>

template int aiperf::driver::run_endpoint(aiperf::endpoints::openai_completions, run_context&);
