// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/prepared_dataset.hpp — the dataset after the Endpoint encoded it: for every
// (conversation, turn) the exact bytes that go on the wire.  Built once before the clock
// starts (DESIGN §2), read-only and shared by all shards while the run goes.
//
// A turn whose prompt is shared blocks (conversation.hpp: turn::prompt_blocks, a trace's hash-id
// blocks) is not copied into its request: the endpoint encodes the turn with a marker in place
// of the prompt, and the request becomes the bytes around the marker plus views of the blocks
// (JSON-escaped once per unique block, or the block itself when it needs no escaping), written
// with one gathered write.  An endpoint that does not put the prompt into its body verbatim
// (the marker is not found) gets the prompt as one string instead: correct, only not shared.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/transport/http_request.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// Shared bytes written after the turn's own bytes up to `own_end`.
struct wire_piece {
  std::size_t own_end = 0;        // prepared_turn::wire[previous own_end, own_end) comes first
  std::string_view shared = {};   // then these bytes (a prompt block; not owned)
};

struct prepared_turn {
  std::string wire;                 // complete HTTP/1.1 request bytes, or the turn's own part of them
  std::int64_t input_tokens = -1;   // from the dataset, when known
  std::int64_t max_tokens = -1;
  std::int64_t delay_ms = 0;         // wait after the previous turn completed
  std::int64_t timestamp_ms = -1;    // trace time of the turn (-1: none); see phase_limits::trace_zero_ms
  std::vector<wire_piece> pieces = {};  // empty: `wire` is the whole request
};

/// Calls f(std::string_view) for each piece of the turn's request bytes, in wire order.
template <class F>
void for_each_wire_piece(prepared_turn const& t, F&& f) {
  std::size_t at = 0;
  for (wire_piece const& p : t.pieces) {
    if (p.own_end > at) f(std::string_view(t.wire).substr(at, p.own_end - at));
    f(p.shared);
    at = p.own_end;
  }
  if (at < t.wire.size()) f(std::string_view(t.wire).substr(at));
}

struct prepared_dataset {
  std::vector<conversation> conversations;        // keep their shared_text: pieces point into it
  std::vector<std::vector<prepared_turn>> turns;  // [conversation][turn]
  /// Each block seen so far (its address and size) -> its JSON form (itself, or its escaped
  /// copy), so a block's bytes are checked once however many prompts use it.
  struct block_key_hash {
    std::size_t operator()(std::pair<char const*, std::size_t> k) const noexcept {
      return std::hash<char const*>{}(k.first) ^ (k.second * 0x9e3779b97f4a7c15ULL);
    }
  };
  std::unordered_map<std::pair<char const*, std::size_t>, std::string_view, block_key_hash> block_json = {};
  /// JSON-escaped copies of the prompt blocks that needed escaping, one per unique block.
  std::unordered_map<std::pair<char const*, std::size_t>, std::string, block_key_hash> escaped_blocks = {};
};

namespace detail {
/// The marker that stands for turn `t`'s prompt while an endpoint encodes it: letters, digits
/// and '@' only, so JSON escaping leaves it as it is.
AIPERF_DECL std::string prompt_marker(std::size_t t);
/// `c` with every block prompt replaced by its marker (other turns as they are).
AIPERF_DECL conversation with_prompt_markers(conversation const& c);
/// `c` with every block prompt joined into its text (the fallback).
AIPERF_DECL conversation with_prompt_texts(conversation const& c);
/// A body with its prompts spliced in as shared pieces.
struct spliced_body {
  std::string own;                  // the body's own bytes (everything but the blocks)
  std::vector<wire_piece> pieces;   // own_end counts within `own`
  std::size_t size = 0;             // the whole body: own bytes + every piece
};
/// Splits `body`, which holds the markers of `c`'s block prompts, into own bytes and the blocks
/// (escaped into data.escaped_blocks when they need it).  nullopt when the body holds no
/// marker or one that is not a block prompt of `c`.
AIPERF_DECL std::optional<spliced_body> splice_prompt_blocks(std::string_view body, conversation const& c,
                                                             prepared_dataset& data);
/// out.wire = head + the body's own bytes; out.pieces follow them.
AIPERF_DECL void attach_head(std::string head, spliced_body&& body, prepared_turn& out);
/// Whether `c` has a turn whose prompt is blocks.
AIPERF_DECL bool has_prompt_blocks(conversation const& c) noexcept;
}  // namespace detail

/// Encodes every turn of every conversation with `endpoint` for the server at `host_header`.
template <Endpoint E>
prepared_dataset prepare_dataset(E const& endpoint, std::vector<conversation> convs, std::string const& host_header) {
  prepared_dataset out;
  out.turns.resize(convs.size());
  for (std::size_t c = 0; c < convs.size(); ++c) {
    out.turns[c].reserve(convs[c].turns.size());
    const bool blocks = detail::has_prompt_blocks(convs[c]);
    std::optional<conversation> marked;
    if (blocks) marked = detail::with_prompt_markers(convs[c]);
    std::optional<conversation> joined;  // the fallback, made only if the endpoint needs it
    for (std::size_t t = 0; t < convs[c].turns.size(); ++t) {
      turn const& src = convs[c].turns[t];
      prepared_turn pt{{}, src.input_tokens, src.max_tokens, src.delay_ms, src.timestamp_ms};
      request_options ro;
      ro.streaming = endpoint.streaming();  // Accept: text/event-stream | application/json
      bool done = false;
      if (marked) {
        encoded_request req = endpoint.encode(*marked, t);
        if (auto body = detail::splice_prompt_blocks(req.body, convs[c], out)) {
          detail::attach_head(build_http_head("POST", host_header, req.path, req.headers, req.content_type, body->size, ro),
                              std::move(*body), pt);
          done = true;
        }
      }
      if (!done) {
        if (blocks && !joined) joined = detail::with_prompt_texts(convs[c]);
        encoded_request req = endpoint.encode(joined ? *joined : convs[c], t);
        pt.wire = build_http_request("POST", host_header, req.path, req.headers, req.content_type, req.body, ro);
      }
      out.turns[c].push_back(std::move(pt));
    }
  }
  out.conversations = std::move(convs);
  return out;
}

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/runner/impl/prepared_dataset.ipp>
#endif
