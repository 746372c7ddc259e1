// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/prepared_dataset.hpp — the dataset after the Endpoint encoded it: for every
// (conversation, turn) the exact bytes that go on the wire.  Built once before the clock
// starts (DESIGN §2), read-only and shared by all shards while the run goes.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/transport/http_request.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

struct prepared_turn {
  std::string wire;                 // complete HTTP/1.1 request bytes
  std::int64_t input_tokens = -1;   // from the dataset, when known
  std::int64_t max_tokens = -1;
  std::int64_t delay_ms = 0;         // wait after the previous turn completed
  std::int64_t timestamp_ms = -1;    // trace time of the turn (-1: none); see phase_limits::trace_zero_ms
};

struct prepared_dataset {
  std::vector<conversation> conversations;
  std::vector<std::vector<prepared_turn>> turns;  // [conversation][turn]
};

/// Encodes every turn of every conversation with `endpoint` for the server at `host_header`.
template <Endpoint E>
prepared_dataset prepare_dataset(E const& endpoint, std::vector<conversation> convs,
                                 std::string const& host_header) {
  prepared_dataset out;
  out.turns.resize(convs.size());
  for (std::size_t c = 0; c < convs.size(); ++c) {
    out.turns[c].reserve(convs[c].turns.size());
    for (std::size_t t = 0; t < convs[c].turns.size(); ++t) {
      encoded_request req = endpoint.encode(convs[c], t);
      turn const& src = convs[c].turns[t];
      request_options ro;
      ro.streaming = endpoint.streaming();  // Accept: text/event-stream | application/json
      out.turns[c].push_back(prepared_turn{
          build_http_request("POST", host_header, req.path, req.headers, req.content_type, req.body, ro),
          src.input_tokens, src.max_tokens, src.delay_ms, src.timestamp_ms});
    }
  }
  out.conversations = std::move(convs);
  return out;
}

}  // namespace v0
}  // namespace aiperf
