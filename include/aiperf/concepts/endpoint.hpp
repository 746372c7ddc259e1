// SPDX-License-Identifier: Apache-2.0
// aiperf/concepts/endpoint.hpp — the Endpoint concept: how a turn becomes an HTTP request and
// how response payloads become content / reasoning / usage / error / done.
//
// Customization points (member functions; all required):
//   static constexpr std::string_view name;              -- e.g. "chat"
//   bool streaming() const;                               -- ask for SSE and parse events
//   encoded_request encode(conversation const&, std::size_t turn) const;
//                                                         -- called BEFORE the run starts, once per
//                                                            turn; the bytes are sent as they are
//   void on_event(std::string_view data, response_sink&); -- one SSE event's data field
//   void on_body(std::string_view body, response_sink&);  -- the whole body (non-streaming, or a
//                                                            non-SSE answer to a streaming request)
//
// Dataset fields an Endpoint honours (conversation.hpp): turn::extra_body merged after
// --extra-inputs, turn::raw_payload sent verbatim, turn::raw_messages / raw_tools, and the media
// (turn::images / audios / videos).  One that cannot send what a turn holds throws
// std::invalid_argument from encode (the driver reports it before anything is sent) rather than
// dropping it.  Optional: `static constexpr bool writes_media_verbatim = true;` when a media
// item's `data` goes into the body as it is, so prepared requests share its bytes
// (runner/prepared_dataset.hpp).
//
// The Endpoint is the only policy on the per-chunk path: the shard calls on_event inline for
// every event, so it must not allocate per call beyond appending to the sink.  Each shard owns
// its own copy (hence copy_constructible), so members may hold per-shard parse scratch.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/response_sink.hpp>

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// A request prepared before the run: the path it goes to, extra headers, the body.
struct encoded_request {
  std::string path = {};  // e.g. "/v1/chat/completions"
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = {};
  std::string content_type = "application/json";
};

template <class E>
concept Endpoint =
    std::copy_constructible<E> &&
    requires(E& e, E const& ce, conversation const& c, std::size_t turn, std::string_view data,
             response_sink& sink) {
      { E::name } -> std::convertible_to<std::string_view>;
      { ce.streaming() } -> std::convertible_to<bool>;
      { ce.encode(c, turn) } -> std::convertible_to<encoded_request>;
      e.on_event(data, sink);
      e.on_body(data, sink);
    };

}  // namespace v0
}  // namespace aiperf
