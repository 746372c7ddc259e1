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
// A turn's media (turn::images / audios / videos: base64 files, stored once by the dataset) are
// shared the same way: a marker while the endpoint encodes, then a view of the stored bytes, so
// a file named by a thousand turns is not copied into a thousand requests.  Only an endpoint
// that writes a media item's `data` into its body as it is (JSON string contents) and says so
// (`static constexpr bool writes_media_verbatim = true;`) gets this; another gets the bytes inline.
//
// What is only known when a request goes out is a live piece, filled in by the shard: the
// X-Request-ID (fresh per request), the session's correlation id (X-Correlation-ID, or
// --session-header), and in a multi-turn session the server's actual answers to the earlier
// turns (spec §7.8) with the Content-Length they change.  They too are markers while the
// endpoint encodes, so no request is re-encoded during the run.  With several servers (several
// --url) the Host header and the request path are live too: the session's server's (routes).
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

/// A value the shard writes into a request as it sends it.
enum class live_value : std::uint8_t {
  none,            // not live: the piece is `shared` bytes
  request_id,      // X-Request-ID: a new UUID per request
  correlation_id,  // the session's id, one per session instance (spec §5.7)
  content_length,  // the body's length once the answers are in (decimal)
  reply,           // the server's answer to turn `reply_of` of this session, JSON-escaped
  url_host,        // the Host header of the session's server (several --url)
  url_path,        // the request path on the session's server (several --url)
};

/// Where a request goes on one of several servers: its Host header and request path.
struct url_route {
  std::string host_header;  // e.g. "127.0.0.1:8000"
  std::string path;         // e.g. "/v1/chat/completions"
};

/// Bytes written after the turn's own bytes up to `own_end`: shared bytes or a live value.
struct wire_piece {
  std::size_t own_end = 0;        // prepared_turn::wire[previous own_end, own_end) comes first
  std::string_view shared = {};   // then these bytes (a prompt block; not owned) ...
  live_value live = live_value::none;  // ... or, when set, this value
  std::uint32_t reply_of = 0;     // live == reply: the earlier turn whose answer goes here
};

struct prepared_turn {
  std::string wire;                 // complete HTTP/1.1 request bytes, or the turn's own part of them
  std::int64_t input_tokens = -1;   // from the dataset, when known
  std::int64_t max_tokens = -1;
  std::int64_t delay_ms = 0;         // wait after the previous turn completed
  std::int64_t timestamp_ms = -1;    // trace time of the turn (-1: none); see phase_limits::trace_zero_ms
  std::vector<wire_piece> pieces = {};  // empty: `wire` is the whole request
  std::size_t fixed_body_size = 0;  // the body's bytes apart from live answers
  bool live_replies = false;        // the body carries earlier turns' answers (multi-turn history)
};

/// Calls f(std::string_view) for each piece of the turn's request bytes, in wire order; a live
/// piece is `live(piece)`.
template <class F, class L>
void for_each_wire_piece(prepared_turn const& t, F&& f, L&& live) {
  std::size_t at = 0;
  for (wire_piece const& p : t.pieces) {
    if (p.own_end > at) f(std::string_view(t.wire).substr(at, p.own_end - at));
    f(p.live == live_value::none ? p.shared : std::string_view(live(p)));
    at = p.own_end;
  }
  if (at < t.wire.size()) f(std::string_view(t.wire).substr(at));
}

/// The same with every live piece empty: the request as prepared (inputs.json; tests).
template <class F>
void for_each_wire_piece(prepared_turn const& t, F&& f) {
  for_each_wire_piece(t, std::forward<F>(f), [](wire_piece const&) { return std::string_view(); });
}

/// The length of the turn's body once its live answers are `live(piece)` (its Content-Length).
template <class L>
std::size_t body_size(prepared_turn const& t, L&& live) {
  std::size_t n = t.fixed_body_size;
  if (t.live_replies)
    for (wire_piece const& p : t.pieces)
      if (p.live == live_value::reply) n += std::string_view(live(p)).size();
  return n;
}

/// How prepare_dataset identifies requests and sessions on the wire (spec §8.3).
struct request_identity {
  std::string session_header = "X-Correlation-ID";  // --session-header; "" sends no session header
  bool request_id = true;                            // X-Request-ID on every request
};

struct prepared_dataset {
  std::vector<conversation> conversations;        // keep their shared_text: pieces point into it
  std::vector<std::vector<prepared_turn>> turns;  // [conversation][turn]
  /// Several servers: each one's Host and path, by url_index (the live url_host / url_path
  /// pieces).  Empty with one server: its Host and path are in the prepared bytes.
  std::vector<url_route> routes = {};
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
/// The markers that stand for what is filled in later while an endpoint encodes: turn `t`'s
/// prompt blocks, the answer to turn `t`, and the live header values.  Letters, digits, '-'
/// and '@' only, so JSON escaping leaves them as they are.
AIPERF_DECL std::string prompt_marker(std::size_t t);
AIPERF_DECL std::string reply_marker(std::size_t t);
/// The marker of the conversation's media item `n` (numbered turn by turn: images, audios, videos).
AIPERF_DECL std::string media_marker(std::size_t n);
AIPERF_DECL std::string_view request_id_marker() noexcept;
AIPERF_DECL std::string_view correlation_id_marker() noexcept;
AIPERF_DECL std::string_view url_host_marker() noexcept;
AIPERF_DECL std::string_view url_path_marker() noexcept;
/// `c` for encoding: block prompts replaced by their markers (with `blocks`, else joined into
/// their text), when its turns carry history each turn's reply set to its marker, and with
/// `media` the media worth sharing (large inline data, JSON-safe) replaced by their markers.
AIPERF_DECL conversation with_markers(conversation const& c, bool blocks, bool replies, bool media = false);
/// Whether Endpoint E writes each media item's `data` into its body as it is (a JSON string's
/// contents), declared by `static constexpr bool writes_media_verbatim = true;`.  Only then are
/// media shared on the wire: an endpoint that splits or re-encodes `data` gets it inline.
template <class E>
constexpr bool writes_media_verbatim() noexcept {
  if constexpr (requires { E::writes_media_verbatim; }) return E::writes_media_verbatim;
  else return false;
}
/// Request bytes split into own bytes and pieces.
struct spliced_bytes {
  std::string own;                  // everything but the pieces
  std::vector<wire_piece> pieces;   // own_end counts within `own`
  std::size_t fixed_size = 0;       // own bytes + every shared piece (live ones not counted)
  bool live_replies = false;        // a piece is an answer
};
/// Splits `bytes` at every marker: prompt blocks of `c` become shared pieces (escaped into
/// data.escaped_blocks when they need it), the others live pieces; text that only looks like a
/// marker stays as it is.  nullopt when `need_prompt` and no prompt marker is there (the
/// endpoint changed the prompt on its way into the body).
AIPERF_DECL std::optional<spliced_bytes> splice_markers(std::string_view bytes, conversation const& c,
                                                        prepared_dataset& data, bool need_prompt);
/// The request headers with the live identity headers first (unless the endpoint sets them).
AIPERF_DECL std::vector<std::pair<std::string, std::string>> with_identity_headers(
    std::vector<std::pair<std::string, std::string>> headers, request_identity const& id);
/// Completes `out` from a head (built for the body's fixed size) and the body: the head's own
/// markers are spliced, and with live answers its Content-Length becomes a live piece.
AIPERF_DECL void attach_head(std::string const& head, spliced_bytes&& body, prepared_turn& out,
                             prepared_dataset& data);
/// Whether `c` has a turn whose prompt is blocks.
AIPERF_DECL bool has_prompt_blocks(conversation const& c) noexcept;
/// Whether `c` has media that go on the wire as shared pieces (see with_markers).
AIPERF_DECL bool has_shared_media(conversation const& c) noexcept;
}  // namespace detail

/// Encodes every turn of every conversation with `endpoint` for the server at `host_header`.
/// With `routes` (two or more servers, the first being `host_header`'s), a request to the
/// endpoint's path is sent to the session's server: routes[url_index] gives Host and path.
template <Endpoint E>
prepared_dataset prepare_dataset(E const& endpoint, std::vector<conversation> convs, std::string const& host_header,
                                 request_identity const& identity = {}, std::vector<url_route> routes = {}) {
  prepared_dataset out;
  if (routes.size() > 1) out.routes = std::move(routes);
  const bool routed = !out.routes.empty();
  out.turns.resize(convs.size());
  request_options ro;
  ro.streaming = endpoint.streaming();  // Accept: text/event-stream | application/json
  for (std::size_t c = 0; c < convs.size(); ++c) {
    out.turns[c].reserve(convs[c].turns.size());
    const bool blocks = detail::has_prompt_blocks(convs[c]);
    const bool replies = convs[c].turns_carry_history && convs[c].turns.size() > 1;
    const bool media = detail::writes_media_verbatim<E>() && detail::has_shared_media(convs[c]);
    // Prompts as shared blocks, or joined for an endpoint that does not embed the prompt
    // verbatim (its marker is not in the body).
    std::optional<conversation> marked[2];
    auto variant = [&](int k) -> conversation const& {
      if (!blocks && !replies && !media) return convs[c];  // nothing to mark: encode it as it is
      if (!marked[k]) marked[k] = detail::with_markers(convs[c], blocks && k == 0, replies, media);
      return *marked[k];
    };
    for (std::size_t t = 0; t < convs[c].turns.size(); ++t) {
      turn const& src = convs[c].turns[t];
      prepared_turn pt{{}, src.input_tokens, src.max_tokens, src.delay_ms, src.timestamp_ms};
      for (int k = blocks ? 0 : 1; k < 2; ++k) {
        encoded_request req = endpoint.encode(variant(k), t);
        std::optional<detail::spliced_bytes> body = detail::splice_markers(req.body, convs[c], out, k == 0);
        if (!body) continue;
        // Routed: the Host and (when it is the first server's) the path are filled in when sent.
        if (routed && req.path == out.routes.front().path) req.path = std::string(detail::url_path_marker());
        detail::attach_head(build_http_head("POST", routed ? std::string(detail::url_host_marker()) : host_header, req.path,
                                            detail::with_identity_headers(std::move(req.headers), identity),
                                            req.content_type, body->fixed_size, ro),
                            std::move(*body), pt, out);
        break;
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
