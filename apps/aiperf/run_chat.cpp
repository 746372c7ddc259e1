// SPDX-License-Identifier: Apache-2.0
// The driver's instantiation for `--endpoint-type chat`.
#include "run_endpoint.hpp"

#include <aiperf/endpoints/openai_chat.hpp>

template int aiperf::driver::run_endpoint(aiperf::endpoints::openai_chat, run_context&);
