// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/impl/prepared_dataset.ipp — definitions for prepared_dataset.hpp: the markers an
// endpoint encodes in place of what is shared or filled in later, and splicing them out.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <charconv>
#include <memory>
#include <optional>

namespace aiperf {
inline namespace v0 {
namespace detail {

// Every marker is "@@aiperf@" KIND "@@", where KIND is "prompt@N", "reply@N", "request-id",
// "correlation-id" or "content-length".
inline constexpr std::string_view marker_open = "@@aiperf@";
inline constexpr std::string_view marker_close = "@@";

AIPERF_DECL std::string prompt_marker(std::size_t t) {
  return std::string(marker_open) + "prompt@" + std::to_string(t) + std::string(marker_close);
}
AIPERF_DECL std::string reply_marker(std::size_t t) {
  return std::string(marker_open) + "reply@" + std::to_string(t) + std::string(marker_close);
}
AIPERF_DECL std::string media_marker(std::size_t n) {
  return std::string(marker_open) + "media@" + std::to_string(n) + std::string(marker_close);
}
AIPERF_DECL std::string_view request_id_marker() noexcept { return "@@aiperf@request-id@@"; }
AIPERF_DECL std::string_view correlation_id_marker() noexcept { return "@@aiperf@correlation-id@@"; }
AIPERF_DECL std::string_view url_host_marker() noexcept { return "@@aiperf@url-host@@"; }
AIPERF_DECL std::string_view url_path_marker() noexcept { return "@@aiperf@url-path@@"; }
inline constexpr std::string_view content_length_marker = "@@aiperf@content-length@@";

AIPERF_DECL bool has_prompt_blocks(conversation const& c) noexcept {
  for (auto const& t : c.turns)
    if (!t.prompt_blocks.empty()) return true;
  return false;
}

/// Calls f(item) for every media item of `c`, in the order media_marker numbers them (turn by
/// turn: images, audios, videos).
template <class F>
void for_each_media(conversation const& c, F&& f) {
  for (auto const& t : c.turns)
    for (auto const* list : {&t.images, &t.audios, &t.videos})
      for (auto const& m : *list) f(m);
}

/// Whether media item `m` goes on the wire as a shared piece: inline data (a data URI, or audio's
/// base64 bytes) worth sharing, which JSON escaping leaves as it is.  URLs are short: inlined.
inline bool shared_media(media_item const& m) {
  return m.data && m.data->size() >= 256 && (!m.format.empty() || m.data->starts_with("data:")) &&
         json_escape_is_identity(*m.data);
}

AIPERF_DECL bool has_shared_media(conversation const& c) noexcept {
  bool any = false;
  for_each_media(c, [&](media_item const& m) { any = any || shared_media(m); });
  return any;
}

AIPERF_DECL conversation with_markers(conversation const& c, bool blocks, bool replies, bool media) {
  // A whole copy, so every conversation-level field the endpoint renders comes along (a field
  // by field copy once lost the user context); only the turns' prompts and replies change.
  conversation m = c;
  for (std::size_t t = 0; t < m.turns.size(); ++t) {
    turn& cur = m.turns[t];
    if (!cur.prompt_blocks.empty()) {
      cur.text = blocks ? prompt_marker(t) : prompt_text(cur);
      cur.prompt_blocks.clear();
    }
    // The last turn's answer is never sent: no marker for it.
    if (replies && t + 1 < m.turns.size()) cur.reply = reply_marker(t);
  }
  // Media bytes (a base64 file can be megabytes) stay where the dataset stored them, once.
  if (!media) return m;
  std::size_t n = 0;
  for (auto& t : m.turns)
    for (auto* list : {&t.images, &t.audios, &t.videos})
      for (auto& item : *list) {
        if (shared_media(item)) item.data = std::make_shared<const std::string>(media_marker(n));
        ++n;
      }
  return m;
}

namespace {
/// What a marker at the start of `s` stands for, and its length; nullopt when `s` only looks
/// like one.  `index` is the turn of a prompt or reply marker.
struct marker_match {
  live_value live = live_value::none;  // none: a prompt marker (or a media marker)
  std::size_t index = 0;
  std::size_t size = 0;
  bool media = false;                  // a media marker: `index` numbers the conversation's media
};
std::optional<marker_match> match_marker(std::string_view s) {
  std::string_view rest = s.substr(marker_open.size());
  auto numbered = [&](std::string_view kind, live_value live) -> std::optional<marker_match> {
    if (!rest.starts_with(kind)) return std::nullopt;
    char const* digits = rest.data() + kind.size();
    std::size_t index = 0;
    auto [end, ec] = std::from_chars(digits, rest.data() + rest.size(), index);
    if (ec != std::errc{} || !std::string_view(end, static_cast<std::size_t>(rest.data() + rest.size() - end))
                                 .starts_with(marker_close))
      return std::nullopt;
    return marker_match{live, index, static_cast<std::size_t>(end - s.data()) + marker_close.size()};
  };
  if (auto m = numbered("prompt@", live_value::none)) return m;
  if (auto m = numbered("reply@", live_value::reply)) return m;
  if (auto m = numbered("media@", live_value::none)) {
    m->media = true;
    return m;
  }
  if (s.starts_with(request_id_marker())) return marker_match{live_value::request_id, 0, request_id_marker().size()};
  if (s.starts_with(correlation_id_marker()))
    return marker_match{live_value::correlation_id, 0, correlation_id_marker().size()};
  if (s.starts_with(url_host_marker())) return marker_match{live_value::url_host, 0, url_host_marker().size()};
  if (s.starts_with(url_path_marker())) return marker_match{live_value::url_path, 0, url_path_marker().size()};
  if (s.starts_with(content_length_marker))
    return marker_match{live_value::content_length, 0, content_length_marker.size()};
  return std::nullopt;
}
}  // namespace

AIPERF_DECL std::optional<spliced_bytes> splice_markers(std::string_view bytes, conversation const& c,
                                                        prepared_dataset& data, bool need_prompt) {
  // A block is written as it is when JSON escaping would not change it (the built-in corpus
  // has no quotes, backslashes or control characters), else as one escaped copy per block.
  auto json_view = [&](std::string_view block) -> std::string_view {
    const std::pair key{block.data(), block.size()};
    auto [known, fresh] = data.block_json.try_emplace(key);
    if (!fresh) return known->second;
    if (json_escape_is_identity(block)) return known->second = block;
    std::string& escaped = data.escaped_blocks[key];
    append_json_escaped(escaped, block);
    return known->second = escaped;
  };
  std::vector<std::string_view> media;  // the conversation's shared media, by marker number (on demand)
  auto media_at = [&](std::size_t n) -> std::optional<std::string_view> {
    if (media.empty())
      for_each_media(c, [&](media_item const& m) { media.push_back(shared_media(m) ? std::string_view(*m.data) : ""); });
    if (n >= media.size() || media[n].empty()) return std::nullopt;
    return media[n];
  };
  spliced_bytes out;
  bool prompt = false;
  std::size_t at = 0, scan = 0;
  while (true) {
    const std::size_t m = bytes.find(marker_open, scan);
    if (m == std::string_view::npos) break;
    const std::optional<marker_match> mm = match_marker(bytes.substr(m));
    const bool block_prompt = mm && !mm->media && mm->live == live_value::none && mm->index < c.turns.size() &&
                              !c.turns[mm->index].prompt_blocks.empty();
    const std::optional<std::string_view> shared = mm && mm->media ? media_at(mm->index) : std::nullopt;
    if (!mm || (mm->live == live_value::none && !block_prompt && !shared)) {  // text, not a marker
      scan = m + 1;
      continue;
    }
    out.own.append(bytes.substr(at, m - at));
    if (shared) {
      out.pieces.push_back(wire_piece{out.own.size(), *shared});
      out.fixed_size += shared->size();
    } else if (block_prompt) {
      prompt = true;
      for (std::string_view block : c.turns[mm->index].prompt_blocks) {
        const std::string_view v = json_view(block);
        out.pieces.push_back(wire_piece{out.own.size(), v});
        out.fixed_size += v.size();
      }
    } else {
      out.pieces.push_back(wire_piece{out.own.size(), {}, mm->live, static_cast<std::uint32_t>(mm->index)});
      out.live_replies = out.live_replies || mm->live == live_value::reply;
    }
    at = scan = m + mm->size;
  }
  if (need_prompt && !prompt) return std::nullopt;
  out.own.append(bytes.substr(at));
  out.fixed_size += out.own.size();
  return out;
}

AIPERF_DECL std::vector<std::pair<std::string, std::string>> with_identity_headers(
    std::vector<std::pair<std::string, std::string>> headers, request_identity const& id) {
  // AIPerf's order (spec §8.3): X-Request-ID and the session header come before the endpoint's
  // and the user's headers; a header the endpoint sets itself wins.
  auto given = [&](std::string_view name) {
    for (auto const& h : headers)
      if (header_iequals(h.first, name)) return true;
    return false;
  };
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(headers.size() + 2);
  if (id.request_id && !given("X-Request-ID")) out.emplace_back("X-Request-ID", request_id_marker());
  if (!id.session_header.empty() && !given(id.session_header))
    out.emplace_back(id.session_header, correlation_id_marker());
  for (auto& h : headers) out.push_back(std::move(h));
  return out;
}

AIPERF_DECL void attach_head(std::string const& head, spliced_bytes&& body, prepared_turn& out, prepared_dataset& data) {
  std::string marked;
  std::string_view h = head;
  if (body.live_replies) {
    // The answers change the body's length: its Content-Length is filled in when it is sent.
    // The transport writes that header once, so this finds the one there is.
    static constexpr std::string_view name = "\r\nContent-Length: ";
    const std::size_t at = head.find(name);
    if (at != std::string::npos) {
      const std::size_t digits = at + name.size(), end = head.find("\r\n", digits);
      marked.append(head, 0, digits).append(content_length_marker).append(head, end);
      h = marked;
    }
  }
  // Only live markers are in a head (no conversation: nothing reads as a prompt).
  spliced_bytes head_parts = *splice_markers(h, conversation{}, data, false);
  const std::size_t shift = head_parts.own.size();
  out.wire = std::move(head_parts.own);
  out.wire += body.own;
  out.pieces = std::move(head_parts.pieces);
  for (auto& p : body.pieces) {
    p.own_end += shift;
    out.pieces.push_back(p);
  }
  out.fixed_body_size = body.fixed_size;
  out.live_replies = body.live_replies;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
