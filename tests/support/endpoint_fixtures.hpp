// SPDX-License-Identifier: Apache-2.0
// tests/support/endpoint_fixtures.hpp — the two helpers every endpoint test needs: a one-turn
// conversation, and a response fed to an endpoint unit by unit as the transport would.
#pragma once

#include <aiperf/conversation.hpp>
#include <aiperf/record.hpp>
#include <aiperf/response_sink.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace aiperf::test {

// One user turn; `max_tokens` -1 leaves the request uncapped.
inline conversation one_turn(std::string text, std::int64_t max_tokens = -1) {
  conversation c;
  c.id = "c0";
  c.turns.push_back(turn{.text = std::move(text), .max_tokens = max_tokens});
  return c;
}

// How the units reach the endpoint: SSE event payloads (on_event) or a whole body (on_body).
enum class unit_kind { event, body };

// Feeds `units` one per transport read, each stamped one nanosecond after the last, and stops
// when the endpoint says the response is done (as the transport stops reading).
template <class Endpoint>
request_record feed(Endpoint& ep, std::initializer_list<std::string_view> units, unit_kind kind = unit_kind::event) {
  request_record rec;
  response_sink sink(rec);
  std::int64_t t = 0;
  for (auto u : units) {
    if (sink.is_done()) break;
    sink.begin_unit(++t);
    if (kind == unit_kind::body) ep.on_body(u, sink);
    else ep.on_event(u, sink);
  }
  return rec;
}

}  // namespace aiperf::test
