// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/endpoint_options.hpp — what every endpoint type is configured with.  The
// driver fills one from the command line and constructs the chosen type from it
// (`E(endpoint_options)`, apps/aiperf/registry.hpp); a custom main fills it by hand.
#pragma once
#include <aiperf/config.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

struct endpoint_options {
  std::string model;                  // the run's primary model (a turn may override it)
  bool streaming = false;             // --streaming
  bool use_legacy_max_tokens = false; // --use-legacy-max-tokens (chat: max_tokens)
  std::string extra_inputs_json = {}; // --extra-inputs as one JSON object ("" or "{}": none)
  std::vector<std::pair<std::string, std::string>> headers = {};  // -H/--header
  std::optional<std::string> api_key = {};  // --api-key -> Authorization: Bearer (messages: x-api-key)
  bool use_server_token_count = false;  // --use-server-token-count (responses: stream_options,
                                        // huggingface_generate: parameters.details)
  std::string path = {};              // request path; empty: the endpoint's default
};

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
